import type * as repo from './registry.repository';
import type { Area, Organization, Premises, Station } from './registry.schema';

/** API shapes of registry rows; rows themselves never leave the module. */
export function presentOrganization(r: repo.OrganizationRow): Organization {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    type: r.type,
    countedInId: r.counted_in_id,
    countedInCode: r.counted_in_code,
    version: r.version,
  };
}

export function presentArea(r: repo.AreaRow): Area {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    countryCode: r.country_code,
    pcode: r.pcode,
    hasPolygon: r.has_polygon,
    stationCount: Number(r.station_count ?? 0),
    version: r.version,
  };
}

export function presentStation(r: repo.StationRow): Station {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    countryCode: r.country_code,
    areaId: r.area_id,
    areaCode: r.area_code,
    lat: r.lat,
    lon: r.lon,
    version: r.version,
  };
}

export function presentPremises(r: repo.PremisesRow): Premises {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as Premises['kind'],
    organizationId: r.organization_id,
    organizationCode: r.organization_code,
    stationId: r.station_id,
    stationCode: r.station_code,
    countryCode: r.country_code,
    lat: r.lat,
    lon: r.lon,
    address: r.address,
    version: r.version,
  };
}
