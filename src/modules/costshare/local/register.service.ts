/**
 * The expenditure categories and the register of costs already funded jointly (what the jointly
 * financed activities pay for in a country, e.g. the security adviser posts), which local budgets
 * are checked against.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/tables';
import type { Principal } from '../../../server/auth/principal';
import { type Actor, audit } from '../../../server/context';
import { forbidden, invalid, notFound, versionConflict } from '../../../server/errors';
import { managesCountry, managesGlobally, readableCountries, usesCostSharing } from './access';
import * as repo from './local.repository';
import type { RegisterInput, RegisterUpdate } from './local.schema';

type Db = Kysely<DB>;

const presentCategory = (c: Awaited<ReturnType<typeof repo.listCategories>>[number]) => ({
  code: c.code,
  name: c.name,
  position: c.position,
  miscellaneous: c.miscellaneous,
  version: c.version,
});

export async function listCategories(db: Db, p: Principal) {
  if (!usesCostSharing(p)) throw forbidden('Your roles do not include cost-sharing');
  return (await repo.listCategories(db)).map(presentCategory);
}

/** Renames a category (codes never change: lines refer to them). Global cost-sharing managers only. */
export async function renameCategory(
  db: Db,
  actor: Actor,
  code: string,
  body: { version: number; name: string },
) {
  if (!managesGlobally(actor.principal))
    throw forbidden('Only a global cost-sharing manager renames categories');
  return db.transaction().execute(async (trx) => {
    const before = (await repo.listCategories(trx)).find((c) => c.code === code);
    if (!before) throw notFound(`Category ${code}`);
    const after = await repo.updateCategory(trx, code, body.name, body.version);
    if (!after) throw versionConflict(before.version);
    await audit(trx, actor, {
      action: 'costshare.local.category.rename',
      entityType: 'local_costshare_category',
      entityId: code,
      before: { name: before.name },
      after: { name: after.name },
    });
    return presentCategory(after);
  });
}

const presentEntry = (r: repo.RegisterRow) => ({
  id: r.id,
  countryCode: r.country_code,
  categoryCode: r.category_code,
  description: r.description,
  matchTerms: r.match_terms,
  wholeCategory: r.whole_category,
  active: r.active,
  version: r.version,
});

/** Entries of the countries the caller reads, plus those that apply everywhere. */
export async function listRegister(db: Db, p: Principal, country?: string) {
  if (!usesCostSharing(p)) throw forbidden('Your roles do not include cost-sharing');
  const rows = await repo.listRegister(db, { country, countries: readableCountries(p) });
  return rows.map(presentEntry);
}

const mayKeep = (p: Principal, country: string | null) =>
  country === null ? managesGlobally(p) : managesCountry(p, country);

export async function addRegisterEntry(db: Db, actor: Actor, input: RegisterInput) {
  const country = input.countryCode ?? null;
  if (!mayKeep(actor.principal, country))
    throw forbidden(
      country === null
        ? 'Only a global cost-sharing manager records costs funded jointly everywhere'
        : `You do not manage cost-sharing in ${country}`,
    );
  if (country && !(await repo.countryExists(db, country)))
    throw invalid('countryCode', `no country has the code ${country}`);
  if (!(await repo.listCategories(db)).some((c) => c.code === input.categoryCode))
    throw invalid('categoryCode', `no expenditure category has the code ${input.categoryCode}`);
  if (!input.wholeCategory && input.matchTerms.length === 0)
    throw invalid(
      'matchTerms',
      'give the terms that identify this cost in a local line, or mark the whole category',
    );
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertRegisterEntry(trx, { ...input, countryCode: country });
    await audit(trx, actor, {
      action: 'costshare.local.register.add',
      entityType: 'jointly_funded_cost',
      entityId: row.id,
      countryCode: country,
      after: presentEntry(row),
    });
    return presentEntry(row);
  });
}

export async function updateRegisterEntry(db: Db, actor: Actor, id: string, input: RegisterUpdate) {
  const cur = await repo.findRegisterEntry(db, id);
  const countries = readableCountries(actor.principal);
  const visible =
    cur && (cur.country_code === null || countries === 'all' || countries.includes(cur.country_code));
  if (!cur || !visible) throw notFound('Jointly funded cost');
  if (!mayKeep(actor.principal, cur.country_code)) throw forbidden('You do not keep this entry');
  const whole = input.wholeCategory ?? cur.whole_category;
  const terms = input.matchTerms ?? cur.match_terms;
  if (!whole && terms.length === 0)
    throw invalid(
      'matchTerms',
      'give the terms that identify this cost in a local line, or mark the whole category',
    );
  return db.transaction().execute(async (trx) => {
    const row = await repo.updateRegisterEntry(trx, id, input.version, input);
    if (!row) throw versionConflict(cur.version);
    await audit(trx, actor, {
      action: 'costshare.local.register.update',
      entityType: 'jointly_funded_cost',
      entityId: id,
      countryCode: cur.country_code,
      before: presentEntry(cur),
      after: presentEntry(row),
    });
    return presentEntry(row);
  });
}
