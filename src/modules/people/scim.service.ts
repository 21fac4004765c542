/**
 * SCIM 2.0 provisioning of personnel (RFC 7644) from identity systems: list with filters, read,
 * create, replace, patch and deactivate. Callers hold people.write (HR focal points over their
 * organization, administrators); a user out of their reach reads as 404 like everywhere else.
 * Writes are keyed by (organization, externalId) like the staff-list import and validated by the
 * same mapping (scim-map.ts); DELETE marks the person separated, never removes the profile, since
 * incidents, travel and the audit trail refer to it. Every write is audited with source `scim`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can, type ScopeFilter, scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { canOnPerson } from './access';
import * as repo from './people.repository';
import { scopeOfRow } from './people.service';
import type { MappedPerson } from './people-import.map';
import { auditSnapshot } from './present';
import * as scimRepo from './scim.repository';
import { invalidValue, ScimError } from './scim-errors';
import { parseScimFilter } from './scim-filter';
import {
  ENTERPRISE,
  etagOf,
  LIST_RESPONSE,
  PATCH_OP,
  PERSON_EXT,
  parseScimUser,
  presentScimUser,
  type ScimUser,
  scimToPerson,
} from './scim-map';
import { applyPatch, type PatchOperation } from './scim-patch';

type Db = Kysely<DB>;

export const DEFAULT_COUNT = 100;
export const MAX_COUNT = 500;

const forbidden = (why: string) => new ScimError(403, undefined, why);
const userNotFound = (id: string) => new ScimError(404, undefined, `User ${id} not found`);

/** The organizations (or wider scopes) the caller may provision; 403 when none. */
function writeScope(principal: Principal): ScopeFilter {
  const scope = scopeFilter(principal.grants, 'people.write');
  if (!scope) throw forbidden('Provisioning users needs people.write over an organization');
  return scope;
}

/** A personnel profile the caller may write; 404 otherwise (existence does not leak). */
async function writable(db: Db, principal: Principal, id: string) {
  writeScope(principal);
  const r = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    ? await repo.findPerson(db, id)
    : undefined;
  if (r?.kind !== 'personnel' || !canOnPerson(principal, 'people.write', scopeOfRow(r)))
    throw userNotFound(id);
  return r;
}

/** If-Match (`W/"3"`, `"3"` or `*`) against the version read; 412 when the user changed since. */
function checkIfMatch(r: repo.PersonRow, ifMatch: string | undefined) {
  if (!ifMatch || ifMatch.trim() === '*') return;
  const versions = ifMatch.split(',').map((v) => v.trim().replace(/^W\//, '').replace(/"/g, ''));
  if (!versions.includes(String(r.version)))
    throw new ScimError(412, undefined, `If-Match: the user is now at version ${etagOf(r.version)}`);
}

function intParam(name: string, raw: string | undefined, fallback: number) {
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw invalidValue(`${name}: "${raw}" is not an integer`);
  return Number(raw);
}

/** GET /Users: filter, 1-based startIndex and count (RFC 7644 §3.4.2). */
export async function listUsers(
  db: Db,
  principal: Principal,
  q: { filter?: string; startIndex?: string; count?: string },
  base: string,
) {
  const scope = writeScope(principal);
  const filter = q.filter !== undefined ? parseScimFilter(q.filter) : {};
  // Out-of-range values are clamped, as §3.4.2.4 asks, rather than refused.
  const startIndex = Math.max(1, intParam('startIndex', q.startIndex, 1));
  const count = Math.min(MAX_COUNT, Math.max(0, intParam('count', q.count, DEFAULT_COUNT)));
  const { total, rows } = await scimRepo.listScimPeople(db, scope, filter, { offset: startIndex - 1, count });
  return {
    schemas: [LIST_RESPONSE],
    totalResults: total,
    startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((r) => presentScimUser(r, base)),
  };
}

export async function getUser(db: Db, principal: Principal, id: string, base: string): Promise<ScimUser> {
  return presentScimUser(await writable(db, principal, id), base);
}

/** Organization id and duty station id of mapped values; 400 naming the attribute when unknown. */
async function resolve(db: Db, p: MappedPerson) {
  const [org] = await repo.organizationsByCodes(db, [p.organization]);
  if (!org) throw invalidValue(`${ENTERPRISE}:organization: unknown organization "${p.organization}"`);
  let stationId: string | null = null;
  if (p.dutyStation) {
    const [s] = await repo.stationsByCodes(db, [p.dutyStation]);
    if (!s) throw invalidValue(`${PERSON_EXT}:dutyStation: unknown duty station "${p.dutyStation}"`);
    stationId = s.id;
  }
  return { org, stationId };
}

/** The columns SCIM manages; the rest of the profile (sex, residence, contacts…) is HR's or the person's. */
const columnsOf = (p: MappedPerson, stationId: string | null): repo.PersonChanges => ({
  given_name: p.givenName,
  family_name: p.familyName,
  ...(p.email !== undefined ? { email: p.email } : {}),
  phone: p.phone,
  contract_type: p.contractType,
  recruitment: p.recruitment ?? 'local',
  duty_station_id: stationId,
  status: p.status,
});

async function audited(
  db: Db,
  actor: Actor,
  action: string,
  before: repo.PersonRow | undefined,
  write: (trx: Db) => Promise<string>,
) {
  return db.transaction().execute(async (trx) => {
    const id = await write(trx);
    const after = (await repo.findPerson(trx, id))!;
    await audit(trx, actor, {
      action,
      entityType: 'person',
      entityId: id,
      orgId: after.organization_id,
      countryCode: after.station_country ?? null,
      before: before ? auditSnapshot(before) : undefined,
      after: auditSnapshot(after),
      detail: { source: 'scim' },
    });
    return after;
  });
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/**
 * POST /Users. A user already on record under the same externalId in the organization is a 409
 * uniqueness (RFC 7644 §3.3): an identity system that retries a creation never makes a duplicate;
 * it is told to look the user up by `externalId eq` and replace instead.
 */
export async function createUser(db: Db, actor: Actor, body: unknown, base: string): Promise<ScimUser> {
  const principal = actor.principal;
  writeScope(principal);
  const own = principal.organizationId
    ? await scimRepo.organizationCodeOf(db, principal.organizationId)
    : null;
  const p = scimToPerson(parseScimUser(body), own ?? '');
  const { org, stationId } = await resolve(db, p);
  if (!can(principal.grants, 'people.write', { organizationId: org.id }))
    throw forbidden(`${ENTERPRISE}:organization: you may not provision people of ${org.code}`);
  const duplicate = () =>
    new ScimError(
      409,
      'uniqueness',
      `externalId: ${org.code} already has a user with externalId "${p.externalId}"`,
    );
  if (await repo.findByExternalId(db, org.id, p.externalId)) throw duplicate();
  try {
    const r = await audited(db, actor, 'person.scim.create', undefined, (trx) =>
      repo.insertPerson(trx, {
        organization_id: org.id,
        external_id: p.externalId,
        kind: 'personnel',
        source: 'scim',
        ...(columnsOf(p, stationId) as Omit<repo.PersonValues, 'organization_id' | 'external_id' | 'kind'>),
      }),
    );
    return presentScimUser(r, base);
  } catch (e) {
    // Two creations of the same user at once: the unique index decides, the loser gets a 409.
    if (isUniqueViolation(e)) throw duplicate();
    throw e;
  }
}

/** Writes a full SCIM representation over profile `r` (PUT, and PATCH after applying its operations). */
async function replaceWith(
  db: Db,
  actor: Actor,
  r: repo.PersonRow,
  body: unknown,
  base: string,
  action: string,
) {
  const p = scimToPerson(parseScimUser(body), r.organization_code, r);
  if (p.organization.toLowerCase() !== r.organization_code.toLowerCase())
    throw new ScimError(
      400,
      'mutability',
      `${ENTERPRISE}:organization: a user cannot move to another organization`,
    );
  if (p.externalId.toLowerCase() !== r.external_id.toLowerCase())
    throw new ScimError(400, 'mutability', `externalId: "${r.external_id}" cannot be changed`);
  const { stationId } = await resolve(db, p);
  const changes = columnsOf(p, stationId);
  const same = Object.entries(changes).every(([k, v]) => (r as unknown as Record<string, unknown>)[k] === v);
  // Identity systems re-send unchanged users on every cycle: no new version, no audit entry.
  if (same) return presentScimUser(r, base);
  const after = await audited(db, actor, action, r, async (trx) => {
    if (!(await repo.updatePerson(trx, r.id, r.version, changes)))
      throw new ScimError(412, undefined, 'The user was changed at the same time; read it again');
    return r.id;
  });
  return presentScimUser(after, base);
}

/** PUT /Users/:id. */
export async function replaceUser(
  db: Db,
  actor: Actor,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
  base: string,
) {
  const r = await writable(db, actor.principal, id);
  checkIfMatch(r, ifMatch);
  return replaceWith(db, actor, r, body, base, 'person.scim.replace');
}

/** PATCH /Users/:id with a PatchOp message. */
export async function patchUser(
  db: Db,
  actor: Actor,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
  base: string,
) {
  const r = await writable(db, actor.principal, id);
  checkIfMatch(r, ifMatch);
  const msg = body as { schemas?: unknown; Operations?: unknown } | null;
  if (!msg || typeof msg !== 'object' || !Array.isArray(msg.schemas) || !msg.schemas.includes(PATCH_OP))
    throw invalidValue(`schemas: a PATCH body is a ${PATCH_OP} message`);
  if (!Array.isArray(msg.Operations) || msg.Operations.length === 0)
    throw invalidValue('Operations: at least one operation is required');
  const { meta: _meta, ...current } = presentScimUser(r, base);
  const next = applyPatch(current, msg.Operations as PatchOperation[]);
  return replaceWith(db, actor, r, next, base, 'person.scim.patch');
}

/** DELETE /Users/:id: the person is marked separated (kept for history); repeating it is harmless. */
export async function deactivateUser(db: Db, actor: Actor, id: string, ifMatch: string | undefined) {
  const r = await writable(db, actor.principal, id);
  checkIfMatch(r, ifMatch);
  if (r.status === 'separated') return;
  await audited(db, actor, 'person.scim.delete', r, async (trx) => {
    if (!(await repo.updatePerson(trx, r.id, r.version, { status: 'separated' })))
      throw new ScimError(412, undefined, 'The user was changed at the same time; read it again');
    return r.id;
  });
}
