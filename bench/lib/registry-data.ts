import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/db/tables';
import type { DemoData } from '../../src/modules/demo/generator';

/**
 * The demo registry (organizations, areas, duty stations, premises) inserted set-based, for
 * benchmarks and database tests that need the places but not the minutes the audited import
 * path takes at UN scale. The same rows `seedDemo` loads, minus the audit entries.
 */
export async function loadDemoRegistry(db: Kysely<DB>, demo: DemoData): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('organizations')
      .values(demo.organizations.map((o) => ({ code: o.code, name: o.name, type: o.type })))
      .execute();
    await sql`UPDATE organizations o SET counted_in_id = p.id
      FROM unnest(${demo.organizations.map((o) => o.code)}::text[], ${demo.organizations.map((o) => o.countedIn)}::text[])
        AS u(code, parent)
      JOIN organizations p ON p.code = u.parent
      WHERE o.code = u.code`.execute(trx);
    for (let i = 0; i < demo.areas.length; i += 1000) {
      await trx
        .insertInto('areas')
        .values(
          demo.areas.slice(i, i + 1000).map((a) => ({
            code: a.code,
            name: a.name,
            country_code: a.countryCode,
            pcode: a.pcode,
            polygon: JSON.stringify(a.polygon),
          })),
        )
        .execute();
    }
    const s = demo.stations;
    await sql`INSERT INTO duty_stations (code, name, country_code, area_id, lat, lon)
      SELECT u.code, u.name, a.country_code, a.id, u.lat, u.lon
      FROM unnest(${s.map((x) => x.code)}::text[], ${s.map((x) => x.name)}::text[], ${s.map((x) => x.areaCode)}::text[],
        ${s.map((x) => x.lat)}::float8[], ${s.map((x) => x.lon)}::float8[]) AS u(code, name, area, lat, lon)
      JOIN areas a ON a.code = u.area`.execute(trx);
    const p = demo.premises;
    await sql`INSERT INTO premises (code, name, kind, organization_id, station_id, lat, lon, address)
      SELECT u.code, u.name, u.kind, o.id, d.id, u.lat, u.lon, u.address
      FROM unnest(${p.map((x) => x.code)}::text[], ${p.map((x) => x.name)}::text[], ${p.map((x) => x.kind)}::text[],
        ${p.map((x) => x.organizationCode)}::text[], ${p.map((x) => x.stationCode)}::text[],
        ${p.map((x) => x.lat)}::float8[], ${p.map((x) => x.lon)}::float8[], ${p.map((x) => x.address)}::text[])
        AS u(code, name, kind, org, station, lat, lon, address)
      JOIN organizations o ON o.code = u.org
      JOIN duty_stations d ON d.code = u.station`.execute(trx);
  });
}
