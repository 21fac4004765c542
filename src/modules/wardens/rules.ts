/**
 * Warden zones: pure rules (no I/O). Which zone a person belongs to, point-in-polygon on GeoJSON,
 * and the validation of a zone's polygon.
 *
 * A person belongs to at most one geographic zone and at most one organization zone (of their own
 * organization). When several zones claim them, the most specific wins: an explicit assignment,
 * then their duty station in a zone's list, then their residence area in a zone's list, then their
 * duty station's point inside a zone's polygon; ties go to the lowest zone code. A dependant
 * follows their sponsor's zone unless assigned themselves. `membership.repository.ts` computes the
 * same thing in one SQL statement; the API tests check the two agree.
 */

export type ZoneKind = 'geographic' | 'organization';
export const ZONE_KINDS: readonly ZoneKind[] = ['geographic', 'organization'];

/** Why a zone claims a person, most specific first. */
export const BASES = ['assigned', 'station', 'residence_area', 'polygon'] as const;
export type Basis = (typeof BASES)[number];

/** A zone as far as membership is concerned. */
export interface ZoneShape {
  id: string;
  code: string;
  kind: ZoneKind;
  /** Required for organization zones; ignored for geographic ones. */
  organizationId: string | null;
  stationIds: readonly string[];
  areaIds: readonly string[];
  polygon: Geometry | null;
}

export interface PersonPlace {
  id: string;
  organizationId: string;
  kind: 'personnel' | 'dependant';
  sponsorId: string | null;
  dutyStationId: string | null;
  residenceAreaId: string | null;
  /** The duty station's point, when the person has a station. */
  point: { lat: number; lon: number } | null;
}

/** One zone's claim on a person. */
export interface Claim {
  zoneId: string;
  code: string;
  kind: ZoneKind;
  /** 0: the person's own assignment; 1 + basis rank: through their placement (or sponsor's). */
  rank: number;
}

/** Rank of a basis: lower is more specific. */
export function basisRank(basis: Basis): number {
  return BASES.indexOf(basis);
}

/** Orders claims: most specific first, then by zone code. */
export function compareClaims(a: Claim, b: Claim): number {
  return a.rank - b.rank || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** The winning claim per kind: at most one geographic and one organization zone. */
export function pickZones(claims: readonly Claim[]): Claim[] {
  const best = new Map<ZoneKind, Claim>();
  for (const c of claims) {
    const cur = best.get(c.kind);
    if (!cur || compareClaims(c, cur) < 0) best.set(c.kind, c);
  }
  return ZONE_KINDS.flatMap((k) => {
    const c = best.get(k);
    return c ? [c] : [];
  });
}

/**
 * Every claim that the zones make on a person. `placement` is whose station and residence count
 * (the person, or a dependant's sponsor); `assignments` maps person id → assigned zone ids.
 */
export function claimsOn(
  person: PersonPlace,
  placement: PersonPlace,
  zones: readonly ZoneShape[],
  assignments: ReadonlyMap<string, readonly string[]>,
): Claim[] {
  const claims: Claim[] = [];
  const eligible = (z: ZoneShape) => z.kind === 'geographic' || z.organizationId === person.organizationId;
  const byId = new Map(zones.map((z) => [z.id, z]));
  const add = (z: ZoneShape | undefined, rank: number) => {
    if (z && eligible(z)) claims.push({ zoneId: z.id, code: z.code, kind: z.kind, rank });
  };
  for (const id of assignments.get(person.id) ?? []) add(byId.get(id), 0);
  if (placement.id !== person.id) {
    for (const id of assignments.get(placement.id) ?? []) add(byId.get(id), 1 + basisRank('assigned'));
  }
  for (const z of zones) {
    if (placement.dutyStationId && z.stationIds.includes(placement.dutyStationId))
      add(z, 1 + basisRank('station'));
    if (placement.residenceAreaId && z.areaIds.includes(placement.residenceAreaId))
      add(z, 1 + basisRank('residence_area'));
    if (placement.point && z.polygon && geometryContains(z.polygon, placement.point.lon, placement.point.lat))
      add(z, 1 + basisRank('polygon'));
  }
  return claims;
}

/**
 * The zones a person belongs to (0–2). `sponsor` is required for a dependant to follow them; a
 * dependant whose sponsor is unknown is placed by their own assignment only.
 */
export function zonesOf(
  person: PersonPlace,
  sponsor: PersonPlace | null,
  zones: readonly ZoneShape[],
  assignments: ReadonlyMap<string, readonly string[]>,
): Claim[] {
  if (person.kind === 'dependant') {
    const own = claimsOn(person, person, zones, assignments).filter((c) => c.rank === 0);
    const viaSponsor = sponsor ? claimsOn(person, sponsor, zones, assignments).filter((c) => c.rank > 0) : [];
    return pickZones([...own, ...viaSponsor]);
  }
  return pickZones(claimsOn(person, person, zones, assignments));
}

// ---------------------------------------------------------------------------------------------
// GeoJSON polygons

export type Position = [number, number];
export type Geometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** The polygons of a geometry (a Polygon is one). */
export function partsOf(g: Geometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Even-odd ray casting; a point on an edge may fall either way. */
export function ringContains(ring: readonly Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside some part's outer ring and none of that part's holes. */
export function geometryContains(g: Geometry, lon: number, lat: number): boolean {
  return partsOf(g).some(
    (rings) =>
      rings.length > 0 &&
      ringContains(rings[0] as Position[], lon, lat) &&
      !rings.slice(1).some((h) => ringContains(h, lon, lat)),
  );
}

/** The native Postgres polygon literal of a ring: '((x1,y1),(x2,y2),…)'. */
export function ringLiteral(ring: readonly Position[]): string {
  return `(${ring.map(([x, y]) => `(${x},${y})`).join(',')})`;
}

export interface GeometryProblem {
  /** JSON pointer-like path below the polygon field, e.g. "coordinates/0/2". */
  path: string;
  message: string;
}

const MAX_POSITIONS = 20_000;

/**
 * Checks a value is a GeoJSON Polygon or MultiPolygon (RFC 7946): closed rings of at least four
 * [lon, lat] positions within range. Returns the first problems found (empty when valid).
 */
export function validateGeometry(value: unknown): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  if (typeof value !== 'object' || value === null) return [{ path: '', message: 'must be a GeoJSON object' }];
  const v = value as { type?: unknown; coordinates?: unknown };
  if (v.type !== 'Polygon' && v.type !== 'MultiPolygon')
    return [{ path: 'type', message: 'must be "Polygon" or "MultiPolygon"' }];
  if (!Array.isArray(v.coordinates)) return [{ path: 'coordinates', message: 'must be an array' }];
  const parts = v.type === 'Polygon' ? [v.coordinates] : v.coordinates;
  if (parts.length === 0) return [{ path: 'coordinates', message: 'must hold at least one polygon' }];
  let count = 0;
  parts.forEach((rings: unknown, p: number) => {
    const base = v.type === 'Polygon' ? 'coordinates' : `coordinates/${p}`;
    if (!Array.isArray(rings) || rings.length === 0) {
      problems.push({ path: base, message: 'must hold at least an outer ring' });
      return;
    }
    rings.forEach((ring: unknown, r: number) => {
      const at = `${base}/${r}`;
      if (!Array.isArray(ring) || ring.length < 4) {
        problems.push({ path: at, message: 'a ring needs at least 4 positions' });
        return;
      }
      count += ring.length;
      ring.forEach((pos: unknown, i: number) => {
        if (
          !Array.isArray(pos) ||
          pos.length < 2 ||
          !pos.every((n) => typeof n === 'number' && Number.isFinite(n)) ||
          Math.abs(pos[0]) > 180 ||
          Math.abs(pos[1]) > 90
        )
          problems.push({ path: `${at}/${i}`, message: 'must be [longitude, latitude] within range' });
      });
      const first = ring[0] as unknown[];
      const last = ring[ring.length - 1] as unknown[];
      if (Array.isArray(first) && Array.isArray(last) && (first[0] !== last[0] || first[1] !== last[1]))
        problems.push({ path: at, message: 'a ring must end where it starts' });
    });
  });
  if (count > MAX_POSITIONS)
    problems.push({ path: 'coordinates', message: `at most ${MAX_POSITIONS} positions` });
  return problems.slice(0, 20);
}

/**
 * Who may manage a zone: geographic zones by the DO (or a security professional for them) of its
 * country, organization zones by that organization's security focal point. Returns the resource
 * scope to check `warden.manage` against, so that one grant never covers the other kind.
 */
export function manageScope(zone: { kind: ZoneKind; countryCode: string; organizationId: string | null }): {
  countryCode?: string;
  organizationId?: string;
} {
  return zone.kind === 'geographic'
    ? { countryCode: zone.countryCode }
    : { organizationId: zone.organizationId ?? undefined };
}
