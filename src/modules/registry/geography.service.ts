import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can } from '../../server/access/rules';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound, versionConflict } from '../../server/errors';
import { presentArea, presentStation } from './present';
import * as repo from './registry.repository';
import type { CreateArea, CreateStation, UpdateArea, UpdateStation } from './registry.schema';
import { type AreaGeometry, containsPoint, normaliseCode, validateAreaGeometry } from './rules';

type Db = Kysely<DB>;

export async function listCountries(db: Db) {
  return (await repo.listCountries(db)).map((c) => ({
    code: c.code,
    iso2: c.iso2,
    name: c.name,
    region: c.region,
    subregion: c.subregion,
    lat: c.lat,
    lon: c.lon,
    areaCount: Number(c.area_count ?? 0),
    stationCount: Number(c.station_count ?? 0),
  }));
}

export async function getCountry(db: Db, code: string) {
  const c = await repo.findCountry(db, code);
  if (!c) throw notFound(`Country ${code}`);
  const summary = (await listCountries(db)).find((s) => s.code === c.code)!;
  return { ...summary, boundary: c.boundary ?? null };
}

export async function listAreas(db: Db, f: { country?: string; q?: string }) {
  return (await repo.listAreas(db, f)).map(presentArea);
}

export async function getArea(db: Db, id: string) {
  const a = await repo.findAreaById(db, id);
  if (!a) throw notFound('Area');
  return { ...presentArea(a), polygon: await repo.findAreaPolygon(db, id) };
}

/** Resolves an area by code for other modules; null when there is none. */
export async function areaByCode(db: Db, code: string) {
  const a = await repo.findAreaByCode(db, code);
  return a ? presentArea(a) : null;
}

function checkedPolygon(value: unknown): AreaGeometry | null | undefined {
  if (value === undefined || value === null) return value as null | undefined;
  const v = validateAreaGeometry(value);
  if (!v.ok)
    throw new AppError('validation', v.errors.map((e) => `${e.field}: ${e.message}`).join('; '), v.errors);
  return v.geometry;
}

export async function createArea(db: Db, actor: Actor, input: CreateArea) {
  if (!can(actor.principal.grants, 'geo.write', { countryCode: input.countryCode })) {
    throw forbidden(`You may not add areas in ${input.countryCode}`);
  }
  const polygon = checkedPolygon(input.polygon) ?? null;
  return db.transaction().execute(async (trx) => {
    if (!(await repo.findCountry(trx, input.countryCode)))
      throw invalid('countryCode', `unknown country ${input.countryCode}`);
    const row = await repo.insertArea(trx, {
      code: normaliseCode(input.code),
      name: input.name,
      countryCode: input.countryCode,
      pcode: input.pcode ?? null,
      polygon,
    });
    const after = { ...presentArea(row), polygon };
    await audit(trx, actor, {
      action: 'area.create',
      entityType: 'area',
      entityId: row.id,
      countryCode: row.country_code,
      after,
    });
    return presentArea(row);
  });
}

export async function updateArea(db: Db, actor: Actor, id: string, input: UpdateArea) {
  const polygon = checkedPolygon(input.polygon);
  return db.transaction().execute(async (trx) => {
    const found = await repo.findAreaById(trx, id);
    if (!found) throw notFound('Area');
    if (!can(actor.principal.grants, 'geo.write', { countryCode: found.country_code, areaId: id }))
      throw forbidden();
    const beforePolygon = await repo.findAreaPolygon(trx, id);
    const updated = await repo.updateArea(trx, id, input.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.pcode !== undefined ? { pcode: input.pcode } : {}),
      ...(polygon !== undefined ? { polygon } : {}),
    });
    if (!updated) throw versionConflict(found.version);
    await audit(trx, actor, {
      action: 'area.update',
      entityType: 'area',
      entityId: id,
      countryCode: found.country_code,
      before: { ...presentArea(found), polygon: beforePolygon },
      after: { ...presentArea(updated), polygon: polygon === undefined ? beforePolygon : polygon },
    });
    return presentArea(updated);
  });
}

export async function listStations(db: Db, f: { country?: string; area?: string; q?: string }) {
  return (await repo.listStations(db, f)).map(presentStation);
}

export async function getStation(db: Db, id: string) {
  const s = await repo.findStationById(db, id);
  if (!s) throw notFound('Duty station');
  return presentStation(s);
}

/**
 * A station must lie in its area's country; when the country has a boundary the point is checked
 * against it, so a swapped latitude/longitude is caught at entry rather than on the map.
 */
async function resolveStationArea(db: Db, areaCode: string, lat: number, lon: number) {
  const area = await repo.findAreaByCode(db, areaCode);
  if (!area) throw invalid('areaCode', `no area has the code ${areaCode}`);
  const country = await repo.findCountry(db, area.country_code);
  if (country?.boundary && !containsPoint(country.boundary as AreaGeometry, lon, lat)) {
    throw new AppError('validation', `lat/lon (${lat}, ${lon}) is outside ${country.name}`, [
      { field: 'lat', message: `the point is outside ${country.name}` },
    ]);
  }
  return area;
}

export async function createStation(db: Db, actor: Actor, input: CreateStation) {
  return db.transaction().execute(async (trx) => {
    const area = await resolveStationArea(trx, input.areaCode, input.lat, input.lon);
    if (!can(actor.principal.grants, 'geo.write', { countryCode: area.country_code, areaId: area.id })) {
      throw forbidden(`You may not add duty stations in ${area.code}`);
    }
    const row = await repo.insertStation(trx, {
      code: normaliseCode(input.code),
      name: input.name,
      countryCode: area.country_code,
      areaId: area.id,
      lat: input.lat,
      lon: input.lon,
    });
    const after = presentStation(row);
    await audit(trx, actor, {
      action: 'station.create',
      entityType: 'duty_station',
      entityId: row.id,
      countryCode: row.country_code,
      after,
    });
    return after;
  });
}

export async function updateStation(db: Db, actor: Actor, id: string, input: UpdateStation) {
  return db.transaction().execute(async (trx) => {
    const found = await repo.findStationById(trx, id);
    if (!found) throw notFound('Duty station');
    const allowed = (countryCode: string, areaId: string) =>
      can(actor.principal.grants, 'geo.write', { countryCode, areaId });
    if (!allowed(found.country_code, found.area_id)) throw forbidden();
    const area = await resolveStationArea(
      trx,
      input.areaCode ?? found.area_code,
      input.lat ?? found.lat,
      input.lon ?? found.lon,
    );
    if (!allowed(area.country_code, area.id))
      throw forbidden(`You may not move duty stations into ${area.code}`);
    const updated = await repo.updateStation(trx, id, input.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.lat !== undefined ? { lat: input.lat } : {}),
      ...(input.lon !== undefined ? { lon: input.lon } : {}),
      area_id: area.id,
      country_code: area.country_code,
    });
    if (!updated) throw versionConflict(found.version);
    await audit(trx, actor, {
      action: 'station.update',
      entityType: 'duty_station',
      entityId: id,
      countryCode: updated.country_code,
      before: presentStation(found),
      after: presentStation(updated),
    });
    return presentStation(updated);
  });
}

/** Areas with polygons as a GeoJSON FeatureCollection for the map. */
export async function areaFeatureCollection(db: Db, country?: string) {
  const rows = await repo.areaFeatures(db, country);
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: r.id,
      geometry: r.polygon,
      properties: { id: r.id, code: r.code, name: r.name, countryCode: r.country_code },
    })),
  };
}

/** Duty stations as a GeoJSON FeatureCollection of points ([lon, lat], RFC 7946). */
export async function stationFeatureCollection(db: Db, country?: string) {
  const rows = await repo.listStations(db, { country });
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: r.id,
      geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] },
      properties: {
        id: r.id,
        code: r.code,
        name: r.name,
        areaCode: r.area_code,
        countryCode: r.country_code,
      },
    })),
  };
}
