import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';

/** Personnel headcounts per year, country and organization: the denominators of incident rates. */
type Db = Kysely<DB>;

export interface HeadcountKey {
  year: number;
  countryCode: string;
  organizationId: string;
}

/** Known countries and organizations among the codes given (for validating rows in bulk). */
export async function resolveCodes(
  db: Db,
  countryCodes: readonly string[],
  organizationCodes: readonly string[],
) {
  const [countries, orgs] = await Promise.all([
    countryCodes.length
      ? db.selectFrom('countries').select('code').where('code', 'in', countryCodes).execute()
      : [],
    organizationCodes.length
      ? db.selectFrom('organizations').select(['id', 'code']).where('code', 'in', organizationCodes).execute()
      : [],
  ]);
  return {
    countries: new Set(countries.map((c) => c.code)),
    organizations: new Map(orgs.map((o) => [o.code, o.id])),
  };
}

/** The stored headcounts of these keys (the "before" of an audited change). */
export async function findHeadcounts(db: Db, keys: readonly HeadcountKey[]) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('personnel_headcounts')
    .selectAll()
    .where((eb) =>
      eb(
        eb.refTuple('year', 'country_code', 'organization_id'),
        'in',
        keys.map((k) => eb.tuple(k.year, k.countryCode, k.organizationId)),
      ),
    )
    .execute();
}

/** Inserts or replaces headcounts. */
export async function upsertHeadcounts(db: Db, rows: readonly (HeadcountKey & { headcount: number })[]) {
  // Batches keep each statement well under the 65,535 bind parameters of the wire protocol.
  for (let n = 0; n < rows.length; n += 1000) {
    await db
      .insertInto('personnel_headcounts')
      .values(
        rows.slice(n, n + 1000).map((r) => ({
          year: r.year,
          country_code: r.countryCode,
          organization_id: r.organizationId,
          headcount: r.headcount,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['year', 'country_code', 'organization_id']).doUpdateSet({
          headcount: sql`excluded.headcount`,
        }),
      )
      .execute();
  }
}

export interface HeadcountListFilter {
  year?: number;
  country?: string;
  organizationId?: string;
  /** null: all; otherwise rows of these organizations or countries only. */
  scope: { organizationIds: readonly string[]; countryCodes: readonly string[] } | null;
}

export function listHeadcounts(db: Db, f: HeadcountListFilter) {
  let q = db
    .selectFrom('personnel_headcounts as h')
    .innerJoin('organizations as o', 'o.id', 'h.organization_id')
    .select([
      'h.year',
      'h.country_code',
      'o.code as organization_code',
      'o.name as organization_name',
      'h.headcount',
    ]);
  if (f.year !== undefined) q = q.where('h.year', '=', f.year);
  if (f.country) q = q.where('h.country_code', '=', f.country);
  if (f.organizationId) q = q.where('h.organization_id', '=', f.organizationId);
  if (f.scope) {
    const s = f.scope;
    q = q.where((eb) => {
      const ors = [];
      if (s.organizationIds.length) ors.push(eb('h.organization_id', 'in', s.organizationIds));
      if (s.countryCodes.length) ors.push(eb('h.country_code', 'in', s.countryCodes));
      return ors.length ? eb.or(ors) : eb.lit(false);
    });
  }
  return q.orderBy('h.year', 'desc').orderBy('h.country_code').orderBy('o.code').limit(100_000).execute();
}
