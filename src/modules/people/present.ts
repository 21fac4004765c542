import type { z } from 'zod';
import type { PersonRow } from './people.repository';
import type { emergencyContact, person, personSummary } from './people.schema';

type Contact = z.infer<typeof emergencyContact>;

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function presentSummary(r: PersonRow): z.infer<typeof personSummary> {
  return {
    id: r.id,
    organizationCode: r.organization_code,
    externalId: r.external_id,
    kind: r.kind,
    sponsorId: r.sponsor_id,
    givenName: r.given_name,
    familyName: r.family_name,
    recruitment: r.recruitment,
    dutyStation:
      r.duty_station_id && r.station_code
        ? {
            id: r.duty_station_id,
            code: r.station_code,
            name: r.station_name ?? '',
            countryCode: r.station_country ?? '',
          }
        : null,
    status: r.status,
  };
}

export function presentPerson(r: PersonRow): z.infer<typeof person> {
  return {
    ...presentSummary(r),
    sponsorExternalId: r.sponsor_external_id ?? null,
    sex: r.sex,
    birthDate: r.birth_date,
    nationality: r.nationality,
    email: r.email,
    phone: r.phone,
    contractType: r.contract_type,
    residenceAreaCode: r.residence_area_code ?? null,
    residenceAddress: r.residence_address,
    emergencyContact: (r.emergency_contact ?? {}) as Contact,
    userId: r.user_id,
    source: r.source,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/**
 * What the audit trail keeps of a profile: who it is and where HR placed them, not their contacts,
 * address or emergency contact (the trail is read by auditors who need the change, not the data).
 */
export function auditSnapshot(r: PersonRow) {
  return {
    organization: r.organization_code,
    externalId: r.external_id,
    kind: r.kind,
    sponsor: r.sponsor_external_id ?? null,
    name: `${r.given_name} ${r.family_name}`,
    recruitment: r.recruitment,
    contractType: r.contract_type,
    station: r.station_code ?? null,
    status: r.status,
  };
}
