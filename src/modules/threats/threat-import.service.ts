import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/tables';
import { can } from '../../server/access/rules';
import { type Actor, audit } from '../../server/context';
import type { FieldError } from '../../server/errors';
import { areaByCode } from '../registry/geography.service';
import type { RawRow } from '../registry/import-parse';
import * as outbox from './advisories.repository';
import { enqueueLevelAlert } from './level-alert.service';
import { levelsFromRows } from './present';
import { anyRise, CATEGORIES, type Category, type CategoryLevels, levelChanges } from './rules';
import * as repo from './threats.repository';
import { authorId } from './workflow';

const rowSchema = z.object({
  area: z.string().trim().min(1),
  category: z
    .string()
    .trim()
    .toLowerCase()
    .transform((s) => s.replace(/[\s-]+/g, '_'))
    .pipe(z.enum(CATEGORIES, { error: `one of ${CATEGORIES.join(', ')}` })),
  level: z.coerce.number().int().min(1, 'levels run from 1 to 6').max(6, 'levels run from 1 to 6'),
  date: z.iso.date('a date as YYYY-MM-DD'),
});

export interface ThreatImportResult {
  total: number;
  published: number;
  rejected: { line: number; field: string; message: string }[];
}

/**
 * Bulk loading of level assessments (area, category, level, date): rows are grouped by area and
 * date; each complete group of four categories becomes a published version (source "import"),
 * superseding the current one. Incomplete groups and bad rows are reported; the rest is kept.
 * Importing publishes directly, so it needs both the write and the approve permission in scope.
 */
export async function importThreatLevels(
  db: Kysely<DB>,
  actor: Actor,
  rows: RawRow[],
): Promise<ThreatImportResult> {
  const result: ThreatImportResult = { total: rows.length, published: 0, rejected: [] };
  const reject = (line: number, e: FieldError) => result.rejected.push({ line, ...e });
  const groups = new Map<
    string,
    { areaCode: string; date: string; lines: number[]; levels: Partial<Record<Category, number>> }
  >();
  for (const row of rows) {
    const parsed = rowSchema.safeParse(row.values);
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        reject(row.line, { field: i.path.join('.') || 'row', message: i.message });
      continue;
    }
    const { area, category, level, date } = parsed.data;
    const key = `${area.toUpperCase()}|${date}`;
    const g = groups.get(key) ?? { areaCode: area.toUpperCase(), date, lines: [], levels: {} };
    if (g.levels[category] !== undefined) {
      reject(row.line, {
        field: 'category',
        message: `${category} given twice for ${g.areaCode} on ${date}`,
      });
      continue;
    }
    g.levels[category] = level;
    g.lines.push(row.line);
    groups.set(key, g);
  }
  const ordered = [...groups.values()].sort((a, b) => a.date.localeCompare(b.date));
  await db.transaction().execute(async (trx) => {
    for (const g of ordered) {
      const first = g.lines[0]!;
      const missing = CATEGORIES.filter((c) => g.levels[c] === undefined);
      if (missing.length) {
        reject(first, {
          field: 'category',
          message: `${g.areaCode} on ${g.date} lacks ${missing.join(', ')}`,
        });
        continue;
      }
      const area = await areaByCode(trx, g.areaCode);
      if (!area) {
        reject(first, { field: 'area', message: `no area has the code ${g.areaCode}` });
        continue;
      }
      const scope = { countryCode: area.countryCode, areaId: area.id };
      if (
        !can(actor.principal.grants, 'threat.write', scope) ||
        !can(actor.principal.grants, 'threat.approve', scope)
      ) {
        reject(first, { field: 'area', message: `you may not publish assessments for ${area.code}` });
        continue;
      }
      if (await repo.findAssessmentByStatus(trx, area.id, ['draft', 'approved'])) {
        reject(first, { field: 'area', message: `${area.code} has an unpublished version in progress` });
        continue;
      }
      const current = await repo.findAssessmentByStatus(trx, area.id, ['published']);
      if (current && current.effective_date > g.date) {
        reject(first, {
          field: 'date',
          message: `${area.code} already has a newer assessment (${current.effective_date})`,
        });
        continue;
      }
      const previous = current ? levelsFromRows(await repo.levelsOf(trx, [current.id])) : null;
      await repo.supersedeAssessments(trx, area.id);
      const id = await repo.insertAssessment(trx, {
        areaId: area.id,
        number: await repo.nextAssessmentNumber(trx, area.id),
        status: 'published',
        effectiveDate: g.date,
        summary: 'Imported level assessment',
        legacySecurityLevel: null,
        source: 'import',
        createdBy: authorId(actor),
      });
      await repo.updateAssessment(trx, id, 1, { published_by: authorId(actor), published_at: new Date() });
      await repo.replaceLevels(
        trx,
        id,
        CATEGORIES.map((c) => ({
          category: c,
          level: g.levels[c]!,
          intent: '',
          capability: '',
          inhibiting_context: '',
          narrative: '',
        })),
      );
      const next = g.levels as CategoryLevels;
      if (anyRise(previous, next)) {
        await outbox.enqueue(trx, {
          topic: 'threat.level_raised',
          dedupeKey: `threat.level_raised:${id}`,
          payload: {
            assessmentId: id,
            areaId: area.id,
            areaCode: area.code,
            countryCode: area.countryCode,
            changes: levelChanges(previous, next),
          },
          recipients: [],
        });
        await enqueueLevelAlert(
          trx,
          { kind: 'assessment', id, countryCode: area.countryCode, areaId: area.id },
          levelChanges(previous, next),
          next,
        );
      }
      await audit(trx, actor, {
        action: 'threat_assessment.import',
        entityType: 'threat_assessment',
        entityId: id,
        countryCode: area.countryCode,
        before: previous,
        after: next,
      });
      result.published++;
    }
  });
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}
