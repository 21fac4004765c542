import type { CaseRow, ImpactRow, IncidentListRow, IncidentRow, PersonnelRow } from './incidents.repository';
import type { Incident, IncidentSummary } from './incidents.schema';
import { findCategory } from './rules';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const ref = (id: string | null, code: string | null, name: string | null) =>
  id && code ? { id, code, name: name ?? code } : null;

export function presentSummary(r: IncidentListRow | IncidentRow): IncidentSummary {
  return {
    id: r.id,
    reference: r.reference,
    occurredOn: r.occurred_on,
    countryCode: r.country_code,
    areaCode: r.area_code ?? null,
    lat: r.lat,
    lon: r.lon,
    categoryCode: r.category_code,
    categoryName: findCategory(r.category_code)?.name ?? r.category_code,
    nature: r.nature,
    relevance: r.relevance,
    title: r.title,
    totals: {
      affected: r.affected,
      killed: r.killed,
      injured: r.injured,
      kidnapped: r.kidnapped,
      arrested: r.arrested,
    },
    source: r.source,
    revision: r.revision,
    updatedAt: iso(r.updated_at),
  };
}

export interface IncidentParts {
  organizations: { id: string; code: string; name: string }[];
  personnel: PersonnelRow[];
  impacts: ImpactRow[];
  linked: { id: string; reference: string; title: string }[];
  /** May this reader see victim identities and sexual-assault details? */
  sensitive: boolean;
  canEdit: boolean;
}

export function presentIncident(r: IncidentRow, p: IncidentParts): Incident {
  const withheld =
    !p.sensitive &&
    (r.sensitive_details !== '' ||
      p.personnel.some((x) => x.person_name !== '' || x.line_manager_email !== ''));
  return {
    ...presentSummary(r),
    occurredAt: r.occurred_at ? iso(r.occurred_at) : null,
    utcOffset: r.utc_offset,
    area: ref(r.area_id, r.area_code, r.area_name),
    station: ref(r.station_id, r.station_code, r.station_name),
    geoPrecision: r.geo_precision,
    admin1: r.admin1,
    location: r.location,
    perpetratorType: r.perpetrator_type,
    perpetratorName: r.perpetrator_name,
    weapon: r.weapon,
    context: r.context,
    narrative: r.narrative,
    sensitiveDetails: p.sensitive ? r.sensitive_details : null,
    captivityOutcome: r.captivity_outcome,
    complexId: r.complex_id,
    linkedEvents: p.linked,
    organizations: p.organizations.map((o) => ({ id: o.id, code: o.code, name: o.name })),
    reportingOrganization: ref(r.reporting_org_id, r.reporting_org_code, r.reporting_org_name),
    personnel: p.personnel.map((x) => ({
      id: x.id,
      organization: ref(x.organization_id, x.organization_code, x.organization_name),
      category: x.personnel_category,
      sex: x.sex,
      outcome: x.outcome,
      count: x.count,
      onDuty: x.on_duty,
      directlyTargeted: x.directly_targeted,
      inCaptivity: x.in_captivity,
      personName: p.sensitive ? x.person_name : null,
      lineManagerEmail: p.sensitive ? x.line_manager_email : null,
    })),
    impacts: p.impacts.map((m) => ({
      id: m.id,
      kind: m.kind,
      organization: ref(m.organization_id, m.organization_code, m.organization_name),
      premises: ref(m.premises_id, m.premises_code, m.premises_name),
      description: m.description,
      estimatedLoss: m.estimated_loss,
    })),
    sourceId: r.source_id,
    restricted: withheld,
    canEdit: p.canEdit,
    version: r.version,
    createdAt: iso(r.created_at),
  };
}

/**
 * The snapshot a revision compares: every correctable field, in the form's own terms (codes, not
 * ids), so that the history reads like the form.
 */
export function snapshotOf(
  r: IncidentRow,
  p: Pick<IncidentParts, 'organizations' | 'personnel' | 'impacts' | 'linked'>,
) {
  return {
    occurredOn: r.occurred_on,
    occurredAt: r.occurred_at ? iso(r.occurred_at) : null,
    utcOffset: r.utc_offset,
    countryCode: r.country_code,
    areaCode: r.area_code ?? null,
    stationCode: r.station_code ?? null,
    lat: r.lat,
    lon: r.lon,
    geoPrecision: r.geo_precision,
    admin1: r.admin1,
    location: r.location,
    categoryCode: r.category_code,
    relevance: r.relevance,
    perpetratorType: r.perpetrator_type,
    perpetratorName: r.perpetrator_name,
    weapon: r.weapon,
    context: r.context,
    title: r.title,
    narrative: r.narrative,
    sensitiveDetails: r.sensitive_details,
    captivityOutcome: r.captivity_outcome,
    complexId: r.complex_id,
    organizationCodes: p.organizations.map((o) => o.code),
    personnel: p.personnel.map((x) => ({
      organizationCode: x.organization_code ?? null,
      category: x.personnel_category,
      sex: x.sex,
      outcome: x.outcome,
      count: x.count,
      onDuty: x.on_duty,
      directlyTargeted: x.directly_targeted,
      inCaptivity: x.in_captivity,
      personName: x.person_name,
      lineManagerEmail: x.line_manager_email,
    })),
    impacts: p.impacts.map((m) => ({
      kind: m.kind,
      organizationCode: m.organization_code ?? null,
      premisesCode: m.premises_code ?? null,
      description: m.description,
      estimatedLoss: m.estimated_loss,
    })),
  };
}

export function presentCase(c: CaseRow) {
  return {
    id: c.id,
    incidentId: c.incident_id,
    incidentReference: c.reference,
    incidentTitle: c.title,
    countryCode: c.country_code,
    occurredOn: c.occurred_on,
    status: c.status,
    nextOfKinFocalPoint: c.next_of_kin_focal_point,
    authority: c.authority,
    caseReference: c.case_reference,
    notes: c.notes,
    version: c.version,
    updatedAt: iso(c.updated_at),
  };
}
