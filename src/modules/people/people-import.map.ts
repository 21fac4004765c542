/**
 * Maps one row of an HR staff list to profile values, pure. Decisions (DOMAIN.md §7: HR lists are
 * dirty; nobody is silently dropped or duplicated):
 *
 * - Rejected (the row cannot make a correct profile): no organization or an unknown one, no
 *   external id, no given or family name, a kind or recruitment that is not one of the values, a
 *   dependant without a sponsor id (and, later, a sponsor found neither in the file nor on record).
 * - Kept with a warning (a security professional would rather know the person exists, be able to
 *   reach them and fix the detail than lose them): no e-mail (many personnel have none: they will
 *   get no e-mail alerts), a malformed e-mail (left empty), a bad sex value (unknown), a bad birth
 *   date or nationality (left empty), and, resolved by the service, an unknown duty station or
 *   residence area (left empty for a new person, the previous value kept for a known one).
 * - `status` separated (or deleted, inactive, terminated) keeps the profile as separated: travel
 *   and who-is-where leave them out, history keeps them. People missing from a list are left as
 *   they are: lists are often partial (one office, one contract type).
 */
import type { FieldError } from '../../server/errors';
import { isIsoDate } from './rules';
import { excelDate } from './xlsx-read';

/** The columns of a staff list, in the order the template and exports use. */
export const PEOPLE_COLUMNS = [
  'organization',
  'external_id',
  'kind',
  'sponsor_external_id',
  'given_name',
  'family_name',
  'sex',
  'birth_date',
  'nationality',
  'email',
  'phone',
  'contract_type',
  'recruitment',
  'duty_station',
  'residence_area',
  'status',
] as const;

export interface MappedPerson {
  organization: string;
  externalId: string;
  kind: 'personnel' | 'dependant';
  sponsorExternalId: string | null;
  givenName: string;
  familyName: string;
  /** Undefined: the value was bad (warned); keep what is on record. */
  sex: 'female' | 'male' | 'unknown' | undefined;
  birthDate: string | null | undefined;
  nationality: string | null | undefined;
  email: string | null | undefined;
  phone: string | null;
  contractType: string;
  /** Null only for a dependant, who takes their sponsor's. */
  recruitment: 'international' | 'local' | null;
  dutyStation: string | null;
  residenceArea: string | null;
  status: 'active' | 'separated';
}

export type MapResult =
  | { ok: true; person: MappedPerson; warnings: FieldError[] }
  | { ok: false; errors: FieldError[] };

const SEX: Record<string, MappedPerson['sex']> = {
  f: 'female',
  female: 'female',
  w: 'female',
  woman: 'female',
  m: 'male',
  male: 'male',
  man: 'male',
  u: 'unknown',
  unknown: 'unknown',
  x: 'unknown',
  other: 'unknown',
};
const KIND: Record<string, MappedPerson['kind']> = {
  personnel: 'personnel',
  staff: 'personnel',
  employee: 'personnel',
  consultant: 'personnel',
  dependant: 'dependant',
  dependent: 'dependant',
  family: 'dependant',
};
const RECRUITMENT: Record<string, 'international' | 'local'> = {
  international: 'international',
  intl: 'international',
  isp: 'international',
  irp: 'international',
  local: 'local',
  national: 'local',
  nsp: 'local',
  lrp: 'local',
};
const STATUS: Record<string, MappedPerson['status']> = {
  active: 'active',
  '': 'active',
  separated: 'separated',
  deleted: 'separated',
  inactive: 'separated',
  terminated: 'separated',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Maps a row's values (column → text); `defaultOrganization` fills an empty organization column. */
export function mapPersonRow(v: Record<string, string>, defaultOrganization?: string): MapResult {
  const errors: FieldError[] = [];
  const warnings: FieldError[] = [];
  const get = (k: string) => v[k]?.trim() ?? '';
  const need = (k: string) => {
    const s = get(k);
    if (!s) errors.push({ field: k, message: 'required' });
    return s;
  };
  const organization = get('organization') || defaultOrganization || '';
  if (!organization) errors.push({ field: 'organization', message: 'required (or pass the organization)' });
  const externalId = need('external_id');
  const givenName = need('given_name');
  const familyName = need('family_name');

  const kind = KIND[get('kind').toLowerCase() || 'personnel'];
  if (!kind) errors.push({ field: 'kind', message: `"${get('kind')}" is not personnel or dependant` });
  const sponsorExternalId = get('sponsor_external_id') || null;
  if (kind === 'dependant' && !sponsorExternalId)
    errors.push({ field: 'sponsor_external_id', message: 'a dependant needs their sponsor’s external id' });
  if (kind === 'personnel' && sponsorExternalId)
    warnings.push({ field: 'sponsor_external_id', message: 'ignored: personnel have no sponsor' });

  const rawRecruitment = get('recruitment').toLowerCase();
  const recruitment = RECRUITMENT[rawRecruitment] ?? null;
  if (rawRecruitment && !recruitment)
    errors.push({ field: 'recruitment', message: `"${get('recruitment')}" is not international or local` });
  else if (!recruitment && kind === 'personnel') errors.push({ field: 'recruitment', message: 'required' });

  const status = STATUS[get('status').toLowerCase()];
  if (!status) errors.push({ field: 'status', message: `"${get('status')}" is not active or separated` });

  let sex: MappedPerson['sex'] = 'unknown';
  if (get('sex')) {
    sex = SEX[get('sex').toLowerCase()];
    if (!sex)
      warnings.push({
        field: 'sex',
        message: `"${get('sex')}" is not female, male or unknown: left as it was`,
      });
  }
  let email: string | null | undefined = get('email') || null;
  if (!email) warnings.push({ field: 'email', message: 'no e-mail: this person gets no e-mail alerts' });
  else if (!EMAIL.test(email)) {
    warnings.push({ field: 'email', message: `"${email}" is not an e-mail address: left as it was` });
    email = undefined;
  }
  let birthDate: string | null | undefined = get('birth_date') ? excelDate(get('birth_date')) : null;
  if (birthDate && !isIsoDate(birthDate)) {
    warnings.push({
      field: 'birth_date',
      message: `"${get('birth_date')}" is not a date (YYYY-MM-DD): left as it was`,
    });
    birthDate = undefined;
  }
  let nationality: string | null | undefined = get('nationality').toUpperCase() || null;
  if (nationality && !/^[A-Z]{3}$/.test(nationality)) {
    warnings.push({
      field: 'nationality',
      message: `"${get('nationality')}" is not an ISO 3166 alpha-3 code: left as it was`,
    });
    nationality = undefined;
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    warnings,
    person: {
      organization,
      externalId,
      kind: kind!,
      sponsorExternalId: kind === 'dependant' ? sponsorExternalId : null,
      givenName,
      familyName,
      sex,
      birthDate,
      nationality,
      email,
      phone: get('phone') || null,
      contractType: get('contract_type'),
      recruitment,
      dutyStation: get('duty_station') || null,
      residenceArea: get('residence_area') || null,
      status: status!,
    },
  };
}
