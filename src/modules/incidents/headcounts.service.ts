import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can, holds, scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, type FieldError, forbidden, invalid } from '../../server/errors';
import * as repo from './headcounts.repository';
import type { HeadcountQuery, SaveHeadcounts } from './stats.schema';

type Db = Kysely<DB>;

/**
 * Who may set a headcount. No permission of its own: an organization's headcount is its staffing,
 * which whoever may edit the organization (`org.write`: its HQ focal point, administrators) knows;
 * and headquarters staff who keep the global reference data (`geo.write` held globally: desk
 * officers and security professionals at headquarters) load the annual census for everyone.
 */
function maySet(principal: Principal, organizationId: string): boolean {
  return can(principal.grants, 'org.write', { organizationId }) || can(principal.grants, 'geo.write', {});
}

/**
 * Saves headcounts, all or nothing: every row is checked first (known country and organization,
 * no key twice, allowed for the caller) and any problem is reported by row and field with nothing
 * saved. The change is audited with the previous and new figures of the rows that changed.
 */
export async function saveHeadcounts(db: Db, actor: Actor, body: SaveHeadcounts) {
  const { principal } = actor;
  if (!holds(principal.grants, 'org.write') && !can(principal.grants, 'geo.write', {}))
    throw forbidden(
      'Only administrators, organization HQ focal points and headquarters desk officers set headcounts',
    );
  const rows = body.rows;
  const known = await repo.resolveCodes(
    db,
    [...new Set(rows.map((r) => r.countryCode))],
    [...new Set(rows.map((r) => r.organizationCode))],
  );
  const errors: FieldError[] = [];
  const denied: FieldError[] = [];
  const seen = new Map<string, number>();
  const keyed = rows.map((r, n) => {
    const organizationId = known.organizations.get(r.organizationCode);
    if (!known.countries.has(r.countryCode))
      errors.push({ field: `rows.${n}.countryCode`, message: `unknown country ${r.countryCode}` });
    if (!organizationId)
      errors.push({
        field: `rows.${n}.organizationCode`,
        message: `unknown organization ${r.organizationCode}`,
      });
    else if (!maySet(principal, organizationId))
      denied.push({
        field: `rows.${n}.organizationCode`,
        message: `you may not set the headcount of ${r.organizationCode}`,
      });
    const key = `${r.year}|${r.countryCode}|${r.organizationCode}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push({ field: `rows.${n}`, message: `repeats row ${first}` });
    else seen.set(key, n);
    return { ...r, organizationId: organizationId ?? '' };
  });
  if (errors.length) throw new AppError('validation', describe(errors), errors);
  if (denied.length) throw new AppError('forbidden', describe(denied), denied);

  return db.transaction().execute(async (trx) => {
    const before = await repo.findHeadcounts(trx, keyed);
    const stored = new Map(
      before.map((b) => [`${b.year}|${b.country_code}|${b.organization_id}`, b.headcount]),
    );
    const changed = keyed.filter(
      (r) => stored.get(`${r.year}|${r.countryCode}|${r.organizationId}`) !== r.headcount,
    );
    await repo.upsertHeadcounts(trx, changed);
    const created = changed.filter(
      (r) => !stored.has(`${r.year}|${r.countryCode}|${r.organizationId}`),
    ).length;
    const summary = { created, updated: changed.length - created, unchanged: keyed.length - changed.length };
    const view = (r: (typeof keyed)[number], headcount: number | undefined) => ({
      year: r.year,
      countryCode: r.countryCode,
      organizationCode: r.organizationCode,
      headcount: headcount ?? null,
    });
    await audit(trx, actor, {
      action: 'incident.headcounts.save',
      entityType: 'personnel_headcounts',
      entityId: null,
      before: changed.map((r) => view(r, stored.get(`${r.year}|${r.countryCode}|${r.organizationId}`))),
      after: changed.map((r) => view(r, r.headcount)),
      detail: summary,
    });
    return summary;
  });
}

const describe = (errors: FieldError[]) =>
  errors
    .slice(0, 5)
    .map((e) => `${e.field}: ${e.message}`)
    .join('; ') + (errors.length > 5 ? `; and ${errors.length - 5} more` : '');

/**
 * Known headcounts: all of them for global readers and headquarters editors; otherwise those of the
 * organizations and countries the caller reads incidents of or edits.
 */
export async function listHeadcounts(db: Db, principal: Principal, q: HeadcountQuery) {
  const read = scopeFilter(principal.grants, 'incident.read');
  const write = scopeFilter(principal.grants, 'org.write');
  const hq = can(principal.grants, 'geo.write', {});
  if (!read && !write && !hq) throw forbidden('Your roles do not include reading incidents');
  const scope =
    hq || read?.global || write?.global
      ? null
      : {
          organizationIds: [
            ...new Set([...(read?.organizationIds ?? []), ...(write?.organizationIds ?? [])]),
          ],
          countryCodes: read?.countryCodes ?? [],
        };
  let organizationId: string | undefined;
  if (q.organization) {
    const known = await repo.resolveCodes(db, [], [q.organization]);
    organizationId = known.organizations.get(q.organization);
    if (!organizationId) throw invalid('organization', `unknown organization ${q.organization}`);
  }
  const rows = await repo.listHeadcounts(db, { year: q.year, country: q.country, organizationId, scope });
  return rows.map((r) => ({
    year: r.year,
    countryCode: r.country_code,
    organizationCode: r.organization_code,
    organizationName: r.organization_name,
    headcount: r.headcount,
  }));
}
