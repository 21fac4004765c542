import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/tables';
import { can, type ResourceScope } from '../../server/access/rules';
import { type Actor, audit } from '../../server/context';
import { AppError, type FieldError } from '../../server/errors';
import { toProblem } from '../../server/problem-handler';
import { IMPORT_HANDLERS, type ImportContext, type ImportHandler } from './import-handlers';
import type { RawRow } from './import-parse';
import type { ImportKind, ImportResult } from './registry.schema';

export const MAX_IMPORT_ROWS = 100_000;
/** How often progress is reported; also when the event loop gets a turn (PGlite runs in-thread). */
const PROGRESS_EVERY = 100;

/**
 * Imports rows of one kind. Every row is validated on its own; a bad row is reported with its
 * line, field and reason and the others are still written. Existing codes are updated (re-import
 * is idempotent: an identical row is "unchanged"). Each row runs under a savepoint so a row the
 * database refuses cannot undo the rows before it; each change is audited with before and after.
 */
export async function importRows(
  db: Kysely<DB>,
  actor: Actor,
  kind: ImportKind,
  rows: RawRow[],
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError('validation', `At most ${MAX_IMPORT_ROWS} rows per import; split the file`);
  }
  const handler = IMPORT_HANDLERS[kind] as ImportHandler<unknown, unknown>;
  const result: ImportResult = {
    kind,
    total: rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
  };
  const reject = (line: number, errors: FieldError[]) =>
    result.rejected.push(...errors.map((e) => ({ line, field: e.field, message: e.message })));
  const seen = new Map<string, number>();
  const ctx: ImportContext = { boundaries: new Map() };

  await db.transaction().execute(async (trx) => {
    for (const [index, row] of rows.entries()) {
      if (index % PROGRESS_EVERY === 0 && index > 0) {
        onProgress?.(index, rows.length);
        // Let timers run (progress bars, health checks): PGlite's queries do not yield on their own.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (typeof row.values.__columns === 'string') {
        reject(row.line, [{ field: 'row', message: row.values.__columns }]);
        continue;
      }
      const parsed = handler.schema.safeParse(row.values);
      if (!parsed.success) {
        reject(row.line, zodErrors(parsed.error));
        continue;
      }
      const key = handler.key(parsed.data);
      const firstLine = seen.get(key);
      if (firstLine !== undefined) {
        reject(row.line, [{ field: 'code', message: `duplicate of line ${firstLine} in this file` }]);
        continue;
      }
      seen.set(key, row.line);
      await sql`SAVEPOINT import_row`.execute(trx);
      try {
        const outcome = await importOne(trx, actor, handler, parsed.data, ctx);
        result[outcome]++;
        await sql`RELEASE SAVEPOINT import_row`.execute(trx);
      } catch (error) {
        await sql`ROLLBACK TO SAVEPOINT import_row`.execute(trx);
        const p = toProblem(error, '');
        if (p.status >= 500) throw error;
        reject(row.line, p.errors?.length ? p.errors : [{ field: 'row', message: String(p.detail) }]);
      }
    }
    await audit(trx, actor, {
      action: `import.${kind}`,
      entityType: 'import',
      entityId: null,
      orgId: actor.principal.organizationId,
      detail: {
        total: result.total,
        created: result.created,
        updated: result.updated,
        rejected: result.rejected.length,
      },
    });
  });
  return result;
}

async function importOne<I, R>(
  trx: Kysely<DB>,
  actor: Actor,
  h: ImportHandler<I, R>,
  input: I,
  ctx: ImportContext,
) {
  const refs = await h.resolve(trx, input, ctx);
  const scope: ResourceScope = h.scope(refs);
  if (!can(actor.principal.grants, h.permission, scope)) {
    throw new AppError('forbidden', 'not allowed', [{ field: 'code', message: h.deniedMessage(refs) }]);
  }
  const existing = await h.find(trx, input);
  if (existing) {
    if (!can(actor.principal.grants, h.permission, h.existingScope(existing))) {
      throw new AppError('forbidden', 'not allowed', [
        { field: 'code', message: 'the existing record is outside your scope' },
      ]);
    }
    const before = h.present(existing);
    if (h.same(existing, input, refs)) return 'unchanged' as const;
    const updated = await h.update(trx, existing, input, refs);
    const after = h.present(updated);
    await audit(trx, actor, {
      ...h.auditTarget(updated),
      action: `${h.entity}.update`,
      before,
      after,
      detail: { via: 'import' },
    });
    return 'updated' as const;
  }
  const created = await h.create(trx, input, refs);
  await audit(trx, actor, {
    ...h.auditTarget(created),
    action: `${h.entity}.create`,
    after: h.present(created),
    detail: { via: 'import' },
  });
  return 'created' as const;
}

function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || 'row', message: i.message }));
}
