import type { Database } from '../db/engine';
import { migrate } from '../db/migrate';
import { ensureReferenceCountries } from '../modules/registry/reference.service';
import { ensureMeasureLibrary } from '../modules/srm/srm.service';

/** Brings a database to the current schema with reference data. Safe to run on every start. */
export async function prepareDatabase(
  database: Database,
  log: (line: string) => void = () => {},
): Promise<{ migrations: string[]; countriesAdded: number }> {
  const migrations = await migrate(database, (name) => log(`applied migration ${name}`));
  const countriesAdded = await ensureReferenceCountries(database.db);
  if (countriesAdded) log(`loaded ${countriesAdded} reference countries`);
  const measuresAdded = await ensureMeasureLibrary(database.db);
  if (measuresAdded) log(`loaded ${measuresAdded} standard security measures`);
  return { migrations, countriesAdded };
}
