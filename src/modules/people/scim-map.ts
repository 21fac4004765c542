/**
 * Between SCIM User resources (RFC 7643 §4.1, with the enterprise extension and our own person
 * extension) and profiles. Pure. A SCIM user becomes one row of an HR staff list and goes through
 * the import's mapping (people-import.map.ts), so SCIM and CSV/XLSX apply the same rules; the
 * differences are stated here:
 *
 * - kind is always personnel: dependants are not identities in an identity system.
 * - The key is (organization, externalId); externalId falls back to the enterprise employeeNumber.
 * - A malformed e-mail is refused (400 naming `emails`) instead of kept with a warning: the client
 *   is there to correct it, whereas a file's row would be lost.
 * - Attributes identity systems do not know (recruitment, duty station, contract type, status when
 *   `active` is absent) keep their recorded value on a replace, so an identity system that only
 *   manages names and e-mails does not wipe what HR set.
 */
import { z } from 'zod';
import type { PersonRow } from './people.repository';
import { type MappedPerson, mapPersonRow } from './people-import.map';
import { invalidValue } from './scim-errors';

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PERSON_EXT = 'urn:opensmin:params:scim:schemas:extension:person:1.0';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Some identity systems send booleans as "True"/"False" strings. */
const bool = z.preprocess(
  (v) => (typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : v),
  z.boolean(),
);
const str = (max: number) => z.string().trim().max(max).nullable().optional();
const multiValue = z
  .array(z.looseObject({ value: str(254), type: str(40), primary: bool.optional() }))
  .nullable()
  .optional();

export const scimUserInput = z.looseObject({
  schemas: z.array(z.string()).optional(),
  externalId: str(100),
  userName: str(254),
  name: z
    .looseObject({ givenName: str(200), familyName: str(200) })
    .nullable()
    .optional(),
  emails: multiValue,
  phoneNumbers: multiValue,
  active: bool.optional(),
  [ENTERPRISE]: z
    .looseObject({ employeeNumber: str(100), organization: str(40) })
    .nullable()
    .optional(),
  [PERSON_EXT]: z
    .looseObject({ recruitment: str(40), dutyStation: str(40), contractType: str(60) })
    .nullable()
    .optional(),
});
export type ScimUserInput = z.infer<typeof scimUserInput>;

/** The import's column names as SCIM attribute names, for error details. */
const ATTRIBUTE_OF: Record<string, string> = {
  organization: `${ENTERPRISE}:organization`,
  external_id: 'externalId',
  given_name: 'name.givenName',
  family_name: 'name.familyName',
  recruitment: `${PERSON_EXT}:recruitment`,
  duty_station: `${PERSON_EXT}:dutyStation`,
  contract_type: `${PERSON_EXT}:contractType`,
  status: 'active',
  email: 'emails',
  phone: 'phoneNumbers',
};

const primaryOf = (values: ScimUserInput['emails']) => {
  const list = (values ?? []).filter((v) => v.value);
  return (list.find((v) => v.primary) ?? list[0])?.value ?? '';
};

/** Validates a SCIM user body; a 400 invalidValue names each attribute at fault. */
export function parseScimUser(body: unknown): ScimUserInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidValue('the body must be a SCIM User object');
  const r = scimUserInput.safeParse(body);
  if (!r.success)
    throw invalidValue(r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

/**
 * A SCIM user as profile values, through the staff-list mapping. `defaultOrganization` is the
 * organization code used when the enterprise extension names none; `current` is the profile being
 * replaced, if any (see the module comment for what it keeps).
 */
export function scimToPerson(
  u: ScimUserInput,
  defaultOrganization: string,
  current?: PersonRow,
): MappedPerson {
  const ent = u[ENTERPRISE] ?? {};
  const ext = u[PERSON_EXT] ?? {};
  const keep = <T>(given: T | null | undefined, recorded: T | null | undefined) =>
    given === undefined ? (recorded ?? '') : (given ?? '');
  const active = u.active ?? (current ? current.status === 'active' : true);
  const row: Record<string, string> = {
    organization: ent.organization || current?.organization_code || defaultOrganization,
    external_id: u.externalId || ent.employeeNumber || current?.external_id || '',
    kind: 'personnel',
    given_name: u.name?.givenName ?? '',
    family_name: u.name?.familyName ?? '',
    email: primaryOf(u.emails),
    phone: primaryOf(u.phoneNumbers),
    contract_type: String(keep(ext.contractType, current?.contract_type)),
    recruitment: String(keep(ext.recruitment, current?.recruitment)),
    duty_station: String(keep(ext.dutyStation, current?.station_code)),
    status: active ? 'active' : 'separated',
  };
  const mapped = mapPersonRow(row);
  if (!mapped.ok)
    throw invalidValue(
      mapped.errors.map((e) => `${ATTRIBUTE_OF[e.field] ?? e.field}: ${e.message}`).join('; '),
    );
  const badEmail = mapped.warnings.find((w) => w.field === 'email' && mapped.person.email === undefined);
  if (badEmail) throw invalidValue(`emails: ${badEmail.message.replace(/: left as it was$/, '')}`);
  return mapped.person;
}

/** A profile as a SCIM User resource; `base` is the absolute URL of /scim/v2. */
export function presentScimUser(r: PersonRow, base: string) {
  const iso = (d: Date | string) => new Date(d).toISOString();
  return {
    schemas: [CORE_USER, ENTERPRISE, PERSON_EXT],
    id: r.id,
    externalId: r.external_id,
    userName: r.email ?? r.external_id,
    name: {
      givenName: r.given_name,
      familyName: r.family_name,
      formatted: `${r.given_name} ${r.family_name}`,
    },
    displayName: `${r.given_name} ${r.family_name}`,
    ...(r.email ? { emails: [{ value: r.email, type: 'work', primary: true }] } : {}),
    ...(r.phone ? { phoneNumbers: [{ value: r.phone, type: 'work', primary: true }] } : {}),
    active: r.status === 'active',
    [ENTERPRISE]: { employeeNumber: r.external_id, organization: r.organization_code },
    [PERSON_EXT]: {
      recruitment: r.recruitment,
      dutyStation: r.station_code ?? null,
      contractType: r.contract_type,
    },
    meta: {
      resourceType: 'User',
      created: iso(r.created_at),
      lastModified: iso(r.updated_at),
      version: etagOf(r.version),
      location: `${base}/Users/${r.id}`,
    },
  };
}
export type ScimUser = ReturnType<typeof presentScimUser>;

export const etagOf = (version: number) => `W/"${version}"`;
