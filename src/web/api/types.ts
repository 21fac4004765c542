/**
 * Response and request types of the OpenSMIN API, as the web app uses them. They mirror the
 * server's contract; keep them in this one file so that they can later be replaced by types
 * inferred from the server's schemas (OpenAPI) without touching the screens.
 */

import type { MultiPolygon, Polygon } from 'geojson';

export type Permission =
  | 'geo.read'
  | 'geo.write'
  | 'org.read'
  | 'org.write'
  | 'org.create'
  | 'premises.read'
  | 'premises.write'
  | 'users.read'
  | 'users.write'
  | 'audit.read'
  | 'advisory.read'
  | 'advisory.write'
  | 'advisory.approve'
  | 'threat.read'
  | 'threat.write'
  | 'threat.approve'
  | 'srm.read'
  | 'srm.write'
  | 'srm.approve'
  | 'srm.endorse';

export type ScopeType = 'global' | 'organization' | 'country' | 'area';

export interface Grant {
  role: string;
  scopeType: ScopeType;
  /** Organization id, ISO alpha-3 country code or area id; null for global. */
  scopeId: string | null;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  organizationId: string | null;
  grants: Grant[];
  permissions: Permission[];
  via: 'session' | 'token' | 'system';
}

export interface LoginResponse {
  user: Me;
  expiresAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  /** The secret, returned once at creation and never again. */
  token: string;
}

export const ORGANIZATION_TYPES = ['secretariat', 'agency', 'fund', 'programme', 'other'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export interface Organization {
  id: string;
  code: string;
  name: string;
  type: OrganizationType;
  countedInId: string | null;
  countedInCode: string | null;
  version: number;
}

export interface Country {
  code: string;
  iso2: string;
  name: string;
  region: string;
  subregion: string;
  /** Reference point (capital or centroid); null for a few territories. */
  lat: number | null;
  lon: number | null;
  areaCount: number;
  stationCount: number;
}

/** One country with its boundary (GeoJSON geometry), used to zoom the map and check stations. */
export interface CountryDetail extends Country {
  boundary: Polygon | MultiPolygon | null;
}

export interface Area {
  id: string;
  code: string;
  name: string;
  countryCode: string;
  pcode: string | null;
  hasPolygon: boolean;
  stationCount: number;
  version: number;
}

export interface Station {
  id: string;
  code: string;
  name: string;
  countryCode: string;
  areaId: string;
  areaCode: string;
  lat: number;
  lon: number;
  version: number;
}

export const PREMISES_KINDS = [
  'office',
  'residence',
  'compound',
  'warehouse',
  'clinic',
  'guesthouse',
  'other',
] as const;
export type PremisesKind = (typeof PREMISES_KINDS)[number];

export interface Premises {
  id: string;
  code: string;
  name: string;
  kind: PremisesKind;
  organizationId: string;
  organizationCode: string;
  stationId: string;
  stationCode: string;
  countryCode: string;
  lat: number | null;
  lon: number | null;
  address: string;
  version: number;
}

export const IMPORT_KINDS = ['organizations', 'areas', 'stations', 'premises'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportRejection {
  line: number;
  field: string;
  message: string;
}

export interface ImportResult {
  kind: ImportKind;
  total: number;
  created: number;
  updated: number;
  /** Rows identical to what is stored. */
  unchanged?: number;
  rejected: ImportRejection[];
}

export type UserStatus = 'active' | 'disabled';

export interface UserGrant extends Grant {
  id: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  organizationId: string | null;
  organizationCode: string | null;
  status: UserStatus;
  grants: UserGrant[];
  lastLoginAt: string | null;
  version: number;
}

export interface RoleInfo {
  role: string;
  label: string;
  scopes: ScopeType[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId?: string | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  outcome: 'success' | 'denied' | 'failed';
  before: unknown;
  after: unknown;
  detail: unknown;
  hash: string;
}

export interface Health {
  status: string;
  version: string;
  engine: string;
  engineVersion: string;
}

/** GeoJSON (RFC 7946, [lon, lat]) from @types/geojson, the same types MapLibre uses. */
export type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

export interface AreaFeatureProps {
  id: string;
  code: string;
  name: string;
  countryCode: string;
}

export interface StationFeatureProps {
  id: string;
  code: string;
  name: string;
  areaCode: string;
  countryCode: string;
}
