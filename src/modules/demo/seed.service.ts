import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { ROLE_LABELS } from '../../server/access/rules';
import { SYSTEM_PRINCIPAL } from '../../server/auth/principal';
import type { Actor } from '../../server/context';
import { AppError } from '../../server/errors';
import { importRows } from '../registry/import.service';
import type { RawRow } from '../registry/import-parse';
import type { ImportKind } from '../registry/registry.schema';
import { addGrant, createUser } from '../users/users.service';
import { DEMO_PASSWORD, generateDemo } from './generator';

const SYSTEM: Actor = { principal: SYSTEM_PRINCIPAL, requestId: 'demo-seed' };

export async function hasAnyUser(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).execute()).length > 0;
}

export interface SeedSummary {
  organizations: number;
  areas: number;
  stations: number;
  premises: number;
  /** One line per demo login: "username — roles". */
  users: string[];
}

/**
 * Loads the deterministic demo dataset through the same import path users take, so the demo data
 * passes every validation rule and every row is audited. Re-running updates instead of duplicating.
 */
export async function seedDemo(
  db: Kysely<DB>,
  options: { seed: number; scale: 'small' | 'un' },
  log: (line: string) => void = () => {},
  onProgress?: (kind: string, done: number, total: number) => void,
): Promise<SeedSummary> {
  const demo = generateDemo(options);
  const rows = <T extends object>(items: T[]): RawRow[] =>
    items.map((values, i) => ({ line: i + 2, values: values as Record<string, unknown> }));
  const load = async (kind: ImportKind, items: RawRow[]) => {
    onProgress?.(kind, 0, items.length);
    const result = await importRows(db, SYSTEM, kind, items);
    onProgress?.(kind, items.length, items.length);
    if (result.rejected.length) {
      const first = result.rejected[0]!;
      throw new AppError(
        'unprocessable',
        `demo ${kind} rejected at row ${first.line}: ${first.field} ${first.message}`,
      );
    }
    log(`${kind}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`);
    return result.total;
  };

  // Parents first: an organization counted inside another needs the other to exist.
  const orgs = [...demo.organizations].sort(
    (a, b) => Number(Boolean(a.countedIn)) - Number(Boolean(b.countedIn)),
  );
  const organizations = await load(
    'organizations',
    rows(
      orgs.map((o) => ({ code: o.code, name: o.name, type: o.type, counted_in: o.countedIn ?? undefined })),
    ),
  );
  const areas = await load(
    'areas',
    rows(
      demo.areas.map((a) => ({
        code: a.code,
        name: a.name,
        country: a.countryCode,
        pcode: a.pcode,
        polygon: a.polygon,
      })),
    ),
  );
  const stations = await load(
    'stations',
    rows(
      demo.stations.map((s) => ({ code: s.code, name: s.name, area: s.areaCode, lat: s.lat, lon: s.lon })),
    ),
  );
  const premises = await load(
    'premises',
    rows(
      demo.premises.map((p) => ({
        code: p.code,
        name: p.name,
        kind: p.kind,
        organization: p.organizationCode,
        station: p.stationCode,
        lat: p.lat,
        lon: p.lon,
        address: p.address,
      })),
    ),
  );

  const users: string[] = [];
  for (const u of demo.users) {
    const existing = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', u.username)
      .executeTakeFirst();
    if (existing) continue;
    const created = await createUser(db, SYSTEM, {
      username: u.username,
      displayName: u.displayName,
      email: u.email,
      organizationCode: u.organizationCode,
      password: DEMO_PASSWORD,
    });
    for (const g of u.grants) {
      await addGrant(db, SYSTEM, created.id, { role: g.role, scopeType: g.scopeType, scopeId: g.scopeCode });
    }
    const roles = u.grants.map((g) => `${ROLE_LABELS[g.role]} (${g.scopeCode ?? 'global'})`).join(', ');
    users.push(`${u.username.padEnd(22)} ${roles}`);
  }
  return { organizations, areas, stations, premises, users };
}
