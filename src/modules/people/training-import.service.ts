/**
 * Training import from a learning platform's CSV or XLSX: `email` or (`organization`,
 * `external_id`), `course`, `completed_on`[, `certificate`]. People are matched by external id in
 * their organization when given (the stable key), else by e-mail; an e-mail shared by several
 * people is refused rather than guessed. Unknown people, unknown courses, bad or future dates are
 * reported per row with the column; the same completion imported twice is "unchanged".
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';
import { holds } from '../../server/access/rules';
import type { Actor } from '../../server/context';
import { AppError, type FieldError, forbidden } from '../../server/errors';
import { toProblem } from '../../server/problem-handler';
import type { TableRow } from './import-table';
import * as repo from './people.repository';
import type { RowProblem } from './people-import.service';
import { isIsoDate } from './rules';
import { mayRecord, saveCertificate } from './training.service';
import { excelDate } from './xlsx-read';

type Db = Kysely<DB>;
const PROGRESS_EVERY = 100;

export interface TrainingImportResult {
  total: number;
  recorded: number;
  unchanged: number;
  rejected: RowProblem[];
}

export async function importTraining(
  db: Db,
  actor: Actor,
  rows: TableRow[],
  opts: { organization?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<TrainingImportResult> {
  if (!holds(actor.principal.grants, 'people.write'))
    throw forbidden('Importing training needs people.write');
  if (rows.length > 200_000)
    throw new AppError('validation', 'At most 200000 rows per import; split the file');
  const result: TrainingImportResult = { total: rows.length, recorded: 0, unchanged: 0, rejected: [] };
  const reject = (line: number, errors: FieldError[]) =>
    result.rejected.push(...errors.map((e) => ({ line, ...e })));
  const courses = new Map((await repo.listCourses(db)).map((c) => [c.code.toUpperCase(), c]));
  const orgs = new Map((await repo.allOrganizations(db)).map((o) => [o.code.toLowerCase(), o.id]));

  async function findPerson(db: Db, v: Record<string, string>): Promise<repo.PersonRow | FieldError> {
    const ext = v.external_id;
    if (ext) {
      const orgCode = v.organization || opts.organization;
      if (!orgCode)
        return { field: 'organization', message: 'required with external_id (or pass the organization)' };
      const orgId = orgs.get(orgCode.toLowerCase());
      if (!orgId) return { field: 'organization', message: `unknown organization "${orgCode}"` };
      return (
        (await repo.findByExternalId(db, orgId, ext)) ?? {
          field: 'external_id',
          message: `no person ${ext} in ${orgCode}`,
        }
      );
    }
    if (!v.email) return { field: 'email', message: 'give the e-mail or the external_id of the person' };
    const found = await repo.peopleByEmail(db, v.email);
    if (found.length === 0) return { field: 'email', message: `no person with e-mail ${v.email}` };
    if (found.length > 1)
      return {
        field: 'email',
        message: `${found.length} people share ${v.email}: give organization and external_id`,
      };
    return found[0]!;
  }

  await db.transaction().execute(async (trx) => {
    for (const [n, row] of rows.entries()) {
      if (n % PROGRESS_EVERY === 0 && n > 0) {
        opts.onProgress?.(n, rows.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const v = row.values;
      const errors: FieldError[] = [];
      if (row.extraCells) errors.push({ field: 'row', message: row.extraCells });
      const course = courses.get((v.course ?? '').toUpperCase());
      if (!v.course) errors.push({ field: 'course', message: 'required' });
      else if (!course) errors.push({ field: 'course', message: `unknown course "${v.course}"` });
      const completedOn = excelDate(v.completed_on ?? '');
      if (!completedOn) errors.push({ field: 'completed_on', message: 'required' });
      else if (!isIsoDate(completedOn))
        errors.push({ field: 'completed_on', message: `"${v.completed_on}" is not a date (YYYY-MM-DD)` });
      // Inside the transaction: PGlite has one connection, a query outside it would wait forever.
      const person = await findPerson(trx, v);
      if ('field' in person) errors.push(person);
      else if (!mayRecord(actor.principal, person))
        errors.push({
          field: v.external_id ? 'external_id' : 'email',
          message: 'you may not record training of this person',
        });
      if (errors.length || 'field' in person || !course) {
        reject(row.line, errors);
        continue;
      }
      await sql`SAVEPOINT training_row`.execute(trx);
      try {
        const saved = await saveCertificate(
          trx,
          actor,
          person,
          course,
          completedOn,
          v.certificate ?? '',
          'import',
        );
        result[saved.created ? 'recorded' : 'unchanged']++;
        await sql`RELEASE SAVEPOINT training_row`.execute(trx);
      } catch (error) {
        await sql`ROLLBACK TO SAVEPOINT training_row`.execute(trx);
        const p = toProblem(error, '');
        if (p.status >= 500) throw error;
        const es = (p.errors ?? [{ field: 'row', message: String(p.detail) }]).map((e) => ({
          field: e.field === 'completedOn' ? 'completed_on' : e.field,
          message: e.message,
        }));
        reject(row.line, es);
      }
    }
    opts.onProgress?.(rows.length, rows.length);
  });
  return result;
}
