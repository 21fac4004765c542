/**
 * Demo warden zones in the first demo country (the one with a Designated Official): a geographic
 * zone per area for the first three areas (by their stations and as residence areas), the last left
 * without a warden so that the coverage report shows a gap, and an organization zone of the first
 * focal organization. Made through the wardens service (audited); a re-run adds nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import type { Actor } from '../../server/context';
import { appointWarden, createZone } from '../wardens/wardens.service';
import type { DemoData } from './generator';
import { DEMO_FOCAL_ORGANIZATIONS } from './organizations-data';

export async function seedWardenDemo(
  db: Kysely<DB>,
  actor: Actor,
  demo: Pick<DemoData, 'areas' | 'stations' | 'users'>,
  log: (line: string) => void,
): Promise<number> {
  const doUser = demo.users.find((u) => u.grants.some((g) => g.role === 'designated_official'));
  const country = doUser?.grants.find((g) => g.role === 'designated_official')?.scopeCode;
  if (!country) return 0;
  const existing = await db
    .selectFrom('warden_zones')
    .select('id')
    .where('country_code', '=', country)
    .limit(1)
    .execute();
  if (existing.length > 0) return 0;
  const areas = demo.areas.filter((a) => a.countryCode === country).slice(0, 3);
  const stationsOf = (area: string) => demo.stations.filter((s) => s.areaCode === area).map((s) => s.code);
  const usernames = new Set(demo.users.map((u) => u.username));
  const [orgA] = DEMO_FOCAL_ORGANIZATIONS;
  const staff = `staff.${orgA.toLowerCase()}`;
  const security = `security.${orgA.toLowerCase()}`;
  let made = 0;
  for (const [i, area] of areas.entries()) {
    const zone = await createZone(db, actor, {
      code: `${country}-WZ-${String(i + 1).padStart(2, '0')}`,
      name: `${area.name} wardens`,
      countryCode: country,
      kind: 'geographic',
      description: `Everyone stationed or living in ${area.name}.`,
      stationCodes: stationsOf(area.code),
      areaCodes: [area.code],
      polygon: null,
    });
    made++;
    if (i === 0 && usernames.has(staff))
      await appointWarden(db, actor, zone.id, { username: staff, role: 'warden' });
    if (i === 1 && usernames.has(security))
      await appointWarden(db, actor, zone.id, { username: security, role: 'warden' });
  }
  const allStations = demo.stations.filter((s) => s.countryCode === country).map((s) => s.code);
  if (orgA && allStations.length > 0) {
    const zone = await createZone(db, actor, {
      code: `${orgA}-${country}-WZ`,
      name: `${orgA} staff in ${country}`,
      countryCode: country,
      kind: 'organization',
      organizationCode: orgA,
      description: `${orgA}'s own wardens for its personnel and their families.`,
      stationCodes: allStations.slice(0, 500),
      areaCodes: [],
      polygon: null,
    });
    made++;
    if (usernames.has(staff)) await appointWarden(db, actor, zone.id, { username: staff, role: 'deputy' });
  }
  log(`wardens: ${made} zones in ${country}`);
  return made;
}
