/**
 * Response and request types of the OpenSMIN API, as the web app uses them. They are inferred from
 * the server's zod schemas (the same ones that validate requests, serialize responses and produce the
 * OpenAPI document), so a change on the server breaks the web build here instead of in the field.
 *
 * Every import from the server is `import type`: it is erased at build time, so neither zod nor any
 * server code reaches the browser bundle. Responses are `z.infer` (what the server sends); request
 * bodies are `z.input` (what the client may send: fields with defaults are optional).
 */

import type { z } from 'zod';
import type * as geo from '../../modules/registry/geography.service';
import type * as registry from '../../modules/registry/registry.schema';
import type * as users from '../../modules/users/users.schema';
import type * as access from '../../server/access/rules';
import type * as audit from '../../server/audit/audit.schema';
import type * as auth from '../../server/auth/auth.schema';
import type { EveryOf } from './every';

export type Permission = access.Permission;
export type Role = access.Role;
export type ScopeType = access.ScopeType;

/** A grant as the session carries it (without the id a user's grant list has). */
export type Grant = z.infer<typeof auth.grantSchema>;
export type Me = z.infer<typeof auth.meResponse>;
export type LoginResponse = z.infer<typeof auth.loginResponse>;
export type LoginBody = z.input<typeof auth.loginBody>;
export type ApiToken = z.infer<typeof auth.tokenSchema>;
/** Carries the secret, returned once at creation and never again. */
export type CreatedApiToken = z.infer<typeof auth.createdTokenSchema>;
export type CreateTokenBody = z.input<typeof auth.createTokenBody>;

export type OrganizationType = (typeof registry.ORGANIZATION_TYPES)[number];
const organizationTypes = ['secretariat', 'agency', 'fund', 'programme', 'other'] as const;
export const ORGANIZATION_TYPES: EveryOf<OrganizationType, typeof organizationTypes> = organizationTypes;
export type Organization = z.infer<typeof registry.organization>;
export type CreateOrganization = z.input<typeof registry.createOrganization>;
export type UpdateOrganization = z.input<typeof registry.updateOrganization>;

export type Country = z.infer<typeof registry.country>;
/** One country with its boundary (GeoJSON geometry, unchecked), to zoom the map and check stations. */
export type CountryDetail = z.infer<typeof registry.countryDetail>;

export type Area = z.infer<typeof registry.area>;
export type CreateArea = z.input<typeof registry.createArea>;
export type UpdateArea = z.input<typeof registry.updateArea>;

export type Station = z.infer<typeof registry.station>;
export type CreateStation = z.input<typeof registry.createStation>;
export type UpdateStation = z.input<typeof registry.updateStation>;

export type PremisesKind = (typeof registry.PREMISES_KINDS)[number];
const premisesKinds = [
  'office',
  'residence',
  'compound',
  'warehouse',
  'clinic',
  'guesthouse',
  'other',
] as const;
export const PREMISES_KINDS: EveryOf<PremisesKind, typeof premisesKinds> = premisesKinds;
export type Premises = z.infer<typeof registry.premises>;
export type CreatePremises = z.input<typeof registry.createPremises>;
export type UpdatePremises = z.input<typeof registry.updatePremises>;

export type ImportKind = registry.ImportKind;
const importKinds = ['organizations', 'areas', 'stations', 'premises'] as const;
export const IMPORT_KINDS: EveryOf<ImportKind, typeof importKinds> = importKinds;
export type ImportResult = z.infer<typeof registry.importResult>;

export type User = z.infer<typeof users.user>;
export type UserStatus = User['status'];
export type UserGrant = z.infer<typeof users.grant>;
export type CreateUser = z.input<typeof users.createUser>;
export type UpdateUser = z.input<typeof users.updateUser>;
export type CreateGrant = z.input<typeof users.createGrant>;
export type RoleInfo = z.infer<typeof users.roleInfo>;

export type AuditEntry = z.infer<typeof audit.auditEntry>;

/** GeoJSON (RFC 7946, [lon, lat]) from @types/geojson, the same types MapLibre uses. */
export type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

/**
 * Feature properties of GET /geo/areas and /geo/stations. Those routes stream GeoJSON without a
 * response schema, so the properties are inferred from what the geography service returns.
 */
type Features<F extends (...args: never[]) => Promise<{ features: { properties: unknown }[] }>> = Awaited<
  ReturnType<F>
>['features'][number]['properties'];
export type AreaFeatureProps = Features<typeof geo.areaFeatureCollection>;
export type StationFeatureProps = Features<typeof geo.stationFeatureCollection>;
