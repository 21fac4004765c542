import { z } from 'zod';

const isoDate = z.iso.date('a date as YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max);
const code = text(40).min(1);
const version = z.number().int().positive();

export const KINDS = ['personnel', 'dependant'] as const;
export const SEXES = ['female', 'male', 'unknown'] as const;
export const RECRUITMENTS = ['international', 'local'] as const;
export const PERSON_STATUSES = ['active', 'separated'] as const;

export const emergencyContact = z.strictObject({
  name: text(200).optional(),
  relation: text(100).optional(),
  phone: text(50).optional(),
  email: text(254).optional(),
});

/** What the person themself may correct (HR owns organization, recruitment and duty station). */
const selfFields = {
  phone: text(50).nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  /** Residence at area level by default (location privacy); the address only if given. */
  residenceAreaCode: code.nullable().optional(),
  residenceAddress: text(500).optional(),
  emergencyContact: emergencyContact.optional(),
};

const profileFields = {
  givenName: text(200).min(1),
  familyName: text(200).min(1),
  sex: z.enum(SEXES).default('unknown'),
  birthDate: isoDate.nullable().optional(),
  nationality: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toUpperCase())
    .nullable()
    .optional(),
  contractType: text(60).default(''),
  recruitment: z.enum(RECRUITMENTS),
  dutyStationCode: code.nullable().optional(),
  ...selfFields,
};

export const createPerson = z.strictObject({
  organizationCode: code,
  /** The HR system's id, unique within the organization (re-imports update by it). */
  externalId: text(100).min(1),
  kind: z.enum(KINDS).default('personnel'),
  /** A dependant's sponsor (a member of personnel of the same organization). */
  sponsorId: z.uuid().optional(),
  /** The sign-in of this person, when they have one. */
  userId: z.uuid().nullable().optional(),
  ...profileFields,
});
export type CreatePerson = z.infer<typeof createPerson>;

export const updatePerson = z.strictObject({
  version,
  givenName: profileFields.givenName.optional(),
  familyName: profileFields.familyName.optional(),
  sex: z.enum(SEXES).optional(),
  birthDate: profileFields.birthDate,
  nationality: profileFields.nationality,
  contractType: text(60).optional(),
  recruitment: z.enum(RECRUITMENTS).optional(),
  dutyStationCode: profileFields.dutyStationCode,
  userId: z.uuid().nullable().optional(),
  status: z.enum(PERSON_STATUSES).optional(),
  ...selfFields,
});
export type UpdatePerson = z.infer<typeof updatePerson>;

export const updateSelf = z.strictObject({
  version,
  ...selfFields,
  /** Corrections to the caller's dependants: the same fields, each with the version read. */
  dependants: z
    .array(z.strictObject({ id: z.uuid(), version, ...selfFields }))
    .max(50)
    .optional(),
});
export type UpdateSelf = z.infer<typeof updateSelf>;
export type SelfFields = Omit<UpdateSelf, 'version' | 'dependants'>;

export const createDependant = z.strictObject({
  givenName: profileFields.givenName,
  familyName: profileFields.familyName,
  sex: z.enum(SEXES).default('unknown'),
  birthDate: profileFields.birthDate,
  nationality: profileFields.nationality,
  ...selfFields,
});
export type CreateDependant = z.infer<typeof createDependant>;

export const peopleListQuery = z.strictObject({
  organization: code.optional(),
  station: code.optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toUpperCase())
    .optional(),
  kind: z.enum(KINDS).optional(),
  status: z.enum(PERSON_STATUSES).optional(),
  q: text(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Keyset cursor from the previous page. */
  after: z.string().max(400).optional(),
});
export type PeopleListQuery = z.infer<typeof peopleListQuery>;

export const courseStatus = z.object({
  completedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  valid: z.boolean(),
  state: z.enum(['valid', 'expiring', 'expired', 'missing']),
});

export const personSummary = z.object({
  id: z.string(),
  organizationCode: z.string(),
  externalId: z.string(),
  kind: z.enum(KINDS),
  sponsorId: z.string().nullable(),
  givenName: z.string(),
  familyName: z.string(),
  recruitment: z.enum(RECRUITMENTS),
  dutyStation: z
    .object({ id: z.string(), code: z.string(), name: z.string(), countryCode: z.string() })
    .nullable(),
  status: z.enum(PERSON_STATUSES),
});

export const person = personSummary.extend({
  sponsorExternalId: z.string().nullable(),
  sex: z.enum(SEXES),
  birthDate: z.string().nullable(),
  nationality: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  contractType: z.string(),
  residenceAreaCode: z.string().nullable(),
  residenceAddress: z.string(),
  emergencyContact: emergencyContact,
  userId: z.string().nullable(),
  source: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const personDetail = person.extend({
  dependants: z.array(person),
  training: z.record(z.string(), courseStatus),
});
export type PersonDetail = z.infer<typeof personDetail>;

export const peoplePage = z.object({ items: z.array(personSummary), next: z.string().nullable() });
