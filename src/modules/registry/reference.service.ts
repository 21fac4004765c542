import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { loadCountries } from '../demo/geo';
import * as repo from './registry.repository';

/**
 * Makes sure the ISO 3166 country list with Natural Earth boundaries is present. Countries are
 * reference data every installation needs, demo or not; loading is idempotent.
 */
export async function ensureReferenceCountries(db: Kysely<DB>): Promise<number> {
  const have = await repo.countryCodes(db);
  const all = loadCountries();
  const missing = all.filter((c) => !have.has(c.code));
  if (missing.length > 0) await repo.upsertCountries(db, missing);
  return missing.length;
}
