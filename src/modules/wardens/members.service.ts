/**
 * Reading membership: a zone's members (paged), the signed-in warden's zones with their people,
 * and a country's coverage (people with no zone, zones with no warden).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can, scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { forbidden, invalid } from '../../server/errors';
import { zonesOfPeople } from './membership.repository';
import * as reports from './reports.repository';
import * as repo from './wardens.repository';
import { BASIS_NAMES, type Coverage, type Member } from './wardens.schema';
import * as zones from './wardens.service';

type Db = Kysely<DB>;

function encodeCursor(c: reports.MemberCursor): string {
  return Buffer.from(JSON.stringify([c.family, c.given, c.id])).toString('base64url');
}

function decodeCursor(s: string): reports.MemberCursor {
  try {
    const [family, given, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof family === 'string' &&
      typeof given === 'string' &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(id)
    )
      return { family, given, id };
  } catch {
    // fall through
  }
  throw invalid('cursor', 'not a cursor returned by this list');
}

/** Members as presented, with whether some zone of theirs has a warden. */
async function present(db: Db, rows: reports.MemberRow[]): Promise<Member[]> {
  const zonesOf = await zonesOfPeople(
    db,
    rows.map((r) => r.person_id),
  );
  return rows.map((r) => ({
    personId: r.person_id,
    name: `${r.given_name} ${r.family_name}`,
    kind: r.kind,
    recruitment: r.recruitment,
    organization: { code: r.organization_code, name: r.organization_name },
    email: r.email,
    phone: r.phone,
    dutyStation: r.station_name,
    basis: BASIS_NAMES[r.rank] ?? 'assigned',
    covered: (zonesOf.get(r.person_id) ?? []).some((z) => z.wardens.length > 0),
  }));
}

export async function listMembers(
  db: Db,
  p: Principal,
  zoneId: string,
  q: { cursor?: string; limit: number; q?: string },
) {
  await zones.readableZone(db, p, zoneId);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const { rows, total } = await reports.zoneMembers(db, zoneId, { after, limit: q.limit, search: q.q });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: await present(db, page),
    total,
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor({ family: last.family_name, given: last.given_name, id: last.person_id })
        : null,
  };
}

const MY_MEMBERS = 1000;

/** The zones where the signed-in user is a warden or deputy, each with its people. */
export async function myZones(db: Db, p: Principal) {
  if (p.via === 'system') return { zones: [] };
  const mine = await repo.zonesWardenedBy(db, p.userId);
  const wardens = await repo.zoneWardens(
    db,
    mine.map((m) => m.id),
  );
  const out = [];
  for (const m of mine) {
    const z = (await repo.findZone(db, m.id))!;
    const { rows } = await reports.zoneMembers(db, m.id, { limit: MY_MEMBERS });
    out.push({
      zone: zones.presentZone(z),
      myRole: m.role,
      wardens: wardens.filter((w) => w.zone_id === m.id).map(zones.presentWarden),
      members: await present(db, rows.slice(0, MY_MEMBERS)),
      truncated: rows.length > MY_MEMBERS,
    });
  }
  return { zones: out };
}

/**
 * Coverage of a country: its people (all, with a country or global grant; else those of the
 * reader's organizations), how many are in a zone and covered by a warden, those in no zone, and
 * the zones (readable to the caller) with no warden.
 */
export async function coverage(db: Db, p: Principal, country: string): Promise<Coverage> {
  const countryWide = can(p.grants, 'warden.read', { countryCode: country });
  const filter = scopeFilter(p.grants, 'warden.read');
  const orgs = filter?.organizationIds ?? [];
  if (!countryWide && orgs.length === 0)
    throw forbidden(`Your roles do not cover warden coverage in ${country}`);
  const { counts, unzoned, perZone } = await reports.countryCoverage(db, country, countryWide ? null : orgs);
  const zoneRows = await repo.listZones(db, filter, null, { country, includeArchived: false });
  const zoneItems = zoneRows.map((z) => ({
    id: z.id,
    code: z.code,
    name: z.name,
    kind: z.kind,
    members: perZone.get(z.id) ?? 0,
    wardens: z.warden_count,
  }));
  return {
    countryCode: country,
    people: counts.people,
    inGeographicZone: counts.in_geographic,
    inAnyZone: counts.in_any,
    withoutZone: counts.people - counts.in_any,
    withoutWarden: counts.without_warden,
    unzoned: unzoned.map((u) => ({
      personId: u.person_id,
      name: `${u.given_name} ${u.family_name}`,
      kind: u.kind,
      organizationCode: u.organization_code,
      dutyStation: u.station_name,
    })),
    zones: zoneItems,
    zonesWithoutWarden: zoneItems
      .filter((z) => z.wardens === 0)
      .map((z) => ({ id: z.id, code: z.code, name: z.name, members: z.members })),
  };
}
