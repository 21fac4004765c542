/** The only place the cost-sharing module touches the database. */
import type { Kysely, Selectable } from 'kysely';
import type {
  CostshareApportionmentLinesTable,
  CostshareApportionmentsTable,
  CostsharePeriodsTable,
  CostshareScenariosTable,
  DB,
} from '../../db/tables';

type Db = Kysely<DB>;
export type PeriodRow = Selectable<CostsharePeriodsTable>;
export type ScenarioRow = Selectable<CostshareScenariosTable>;
export type VersionRow = Selectable<CostshareApportionmentsTable>;
export type LineRow = Selectable<CostshareApportionmentLinesTable>;

export interface OrgRef {
  id: string;
  code: string;
  name: string;
  counted_in_id: string | null;
}

export const listPeriods = (db: Db) =>
  db.selectFrom('costshare_periods').selectAll().orderBy('starts_on', 'desc').execute();

export const findPeriod = (db: Db, id: string, lock = false) => {
  const q = db.selectFrom('costshare_periods').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
};

export const insertPeriod = (db: Db, v: Omit<PeriodRow, 'id' | 'version' | 'created_at' | 'updated_at'>) =>
  db.insertInto('costshare_periods').values(v).returningAll().executeTakeFirstOrThrow();

/** Updates over the version read; undefined when someone else changed it first. */
export const updatePeriod = (db: Db, id: string, version: number, v: Partial<PeriodRow>) =>
  db
    .updateTable('costshare_periods')
    .set({ ...v, version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();

/** Every organization in the registry, for resolving census codes (case-insensitive). */
export const listOrganizations = (db: Db): Promise<OrgRef[]> =>
  db.selectFrom('organizations').select(['id', 'code', 'name', 'counted_in_id']).orderBy('code').execute();

export const listCensus = (db: Db, periodId: string) =>
  db
    .selectFrom('costshare_census as c')
    .innerJoin('organizations as o', 'o.id', 'c.organization_id')
    .leftJoin('organizations as p', 'p.id', 'c.counted_in_id')
    .select([
      'c.organization_id',
      'o.code',
      'o.name',
      'c.headcount',
      'c.counted_in_id',
      'p.code as counted_in_code',
    ])
    .where('c.period_id', '=', periodId)
    .orderBy('c.position')
    .execute();

export async function replaceCensus(
  db: Db,
  periodId: string,
  rows: { organization_id: string; headcount: number; counted_in_id: string | null }[],
): Promise<void> {
  await db.deleteFrom('costshare_census').where('period_id', '=', periodId).execute();
  if (rows.length)
    await db
      .insertInto('costshare_census')
      .values(rows.map((r, i) => ({ ...r, period_id: periodId, position: i + 1 })))
      .execute();
}

export const listScenarios = (db: Db, periodId: string) =>
  db
    .selectFrom('costshare_scenarios')
    .selectAll()
    .where('period_id', '=', periodId)
    .orderBy('created_at')
    .execute();

export const findScenario = (db: Db, periodId: string, id: string) =>
  db
    .selectFrom('costshare_scenarios')
    .selectAll()
    .where('period_id', '=', periodId)
    .where('id', '=', id)
    .executeTakeFirst();

export const insertScenario = (
  db: Db,
  v: Omit<ScenarioRow, 'id' | 'version' | 'created_at' | 'updated_at' | 'headcounts'> & {
    headcounts: string;
  },
) => db.insertInto('costshare_scenarios').values(v).returningAll().executeTakeFirstOrThrow();

export const deleteScenario = (db: Db, id: string) =>
  db.deleteFrom('costshare_scenarios').where('id', '=', id).executeTakeFirst();

export const listVersions = (db: Db, periodId: string) =>
  db
    .selectFrom('costshare_apportionments')
    .selectAll()
    .where('period_id', '=', periodId)
    .orderBy('version_no', 'desc')
    .execute();

/** The latest approved version of each period. */
export const latestVersions = (db: Db) =>
  db
    .selectFrom('costshare_apportionments')
    .selectAll()
    .distinctOn('period_id')
    .orderBy('period_id')
    .orderBy('version_no', 'desc')
    .execute();

export const findVersion = (db: Db, periodId: string, versionNo: number) =>
  db
    .selectFrom('costshare_apportionments')
    .selectAll()
    .where('period_id', '=', periodId)
    .where('version_no', '=', versionNo)
    .executeTakeFirst();

export const versionLines = (db: Db, apportionmentId: string) =>
  db
    .selectFrom('costshare_apportionment_lines as l')
    .innerJoin('organizations as o', 'o.id', 'l.organization_id')
    .selectAll('l')
    .select('o.name as organization_name')
    .where('l.apportionment_id', '=', apportionmentId)
    .orderBy('l.position')
    .execute();

export async function nextVersionNo(db: Db, periodId: string): Promise<number> {
  const r = await db
    .selectFrom('costshare_apportionments')
    .select((eb) => eb.fn.max('version_no').as('n'))
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export const insertVersion = (
  db: Db,
  v: Omit<VersionRow, 'id' | 'approved_at' | 'note' | 'census'> & { note: string; census: string },
) => db.insertInto('costshare_apportionments').values(v).returningAll().executeTakeFirstOrThrow();

export async function insertLines(db: Db, rows: LineRow[]): Promise<void> {
  if (rows.length) await db.insertInto('costshare_apportionment_lines').values(rows).execute();
}
