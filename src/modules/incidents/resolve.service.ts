/**
 * Turns the standard form into rows: resolves codes to ids, applies the taxonomy and date rules,
 * checks the place, and gathers every problem at once so the reporter fixes them in one go.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { AppError, type FieldError } from '../../server/errors';
import { areaByCode } from '../registry/geography.service';
import { findStationByCode } from '../registry/registry.repository';
import type { AreaGeometry } from '../registry/rules';
import {
  BORDER_TOLERANCE_KM,
  checkClassification,
  impactTotals,
  isFieldError,
  kmOutside,
  resolveWhen,
} from './form-rules';
import * as repo from './incidents.repository';
import type { IncidentInput } from './incidents.schema';
import type { Category } from './rules';

type Db = Kysely<DB>;

export interface ResolvedIncident {
  category: Category;
  /** The incident's own columns (no reference, provenance or audit columns). */
  values: Omit<repo.IncidentValues, 'reference' | 'source' | 'source_id' | 'source_record' | 'created_by'>;
  organizationIds: string[];
  personnel: repo.PersonnelValues[];
  impacts: repo.ImpactValues[];
}

/** Country outlines are large; they are kept per process and keyed by version so edits show. */
const boundaries = new Map<string, { version: number; boundary: AreaGeometry | null; name: string }>();

async function outlineOf(db: Db, code: string) {
  const head = await db
    .selectFrom('countries')
    .select(['version'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!head) return undefined;
  const cached = boundaries.get(code);
  if (cached && cached.version === head.version) return cached;
  const row = await repo.countryBoundary(db, code);
  const entry = {
    version: head.version,
    boundary: (row?.boundary as AreaGeometry | null) ?? null,
    name: row?.name ?? code,
  };
  boundaries.set(code, entry);
  return entry;
}

export async function resolveIncident(
  db: Db,
  input: IncidentInput,
  opts: { now: Date; defaultOrganizationId: string | null },
): Promise<ResolvedIncident> {
  const errors: FieldError[] = [];
  const when = resolveWhen(input, opts.now);
  if (isFieldError(when)) errors.push(when);

  const classification = checkClassification({
    categoryCode: input.categoryCode,
    relevance: input.relevance,
    impactKinds: input.impacts.map((m) => m.kind),
    personnelCount: input.personnel.length,
  });
  if (isFieldError(classification)) errors.push(classification);
  else errors.push(...classification.errors);

  const country = await outlineOf(db, input.countryCode);
  if (!country) errors.push({ field: 'countryCode', message: `unknown country ${input.countryCode}` });

  let areaId: string | null = null;
  if (input.areaCode) {
    const area = await areaByCode(db, input.areaCode);
    if (!area) errors.push({ field: 'areaCode', message: `no area has the code ${input.areaCode}` });
    else if (area.countryCode !== input.countryCode) {
      errors.push({ field: 'areaCode', message: `${area.code} is not in ${input.countryCode}` });
    } else areaId = area.id;
  }
  let stationId: string | null = null;
  let lat = input.lat ?? null;
  let lon = input.lon ?? null;
  let geoPrecision = input.geoPrecision;
  if (input.stationCode) {
    const station = await findStationByCode(db, input.stationCode);
    if (!station)
      errors.push({ field: 'stationCode', message: `no duty station has the code ${input.stationCode}` });
    else if (station.country_code !== input.countryCode) {
      errors.push({ field: 'stationCode', message: `${station.code} is not in ${input.countryCode}` });
    } else if (areaId && station.area_id !== areaId) {
      errors.push({ field: 'stationCode', message: `${station.code} is not in area ${input.areaCode}` });
    } else {
      stationId = station.id;
      areaId ??= station.area_id;
      if (lat === null) {
        lat = station.lat;
        lon = station.lon;
        geoPrecision ||= 'duty station';
      }
    }
  }
  if ((lat === null) !== (lon === null)) {
    errors.push({
      field: lat === null ? 'lat' : 'lon',
      message: 'give both latitude and longitude, or neither',
    });
  } else if (lat !== null && lon !== null && country?.boundary) {
    const km = kmOutside(country.boundary, lon, lat);
    if (km > BORDER_TOLERANCE_KM) {
      errors.push({
        field: 'lat',
        message: `the point (${lat}, ${lon}) is ${Math.round(km)} km outside ${country.name}`,
      });
    }
  }

  // Organizations: named ones, those of the people and premises affected, else the reporter's own.
  const orgCodes = new Set(input.organizationCodes.map((c) => c.toLowerCase()));
  for (const p of input.personnel) if (p.organizationCode) orgCodes.add(p.organizationCode.toLowerCase());
  for (const m of input.impacts) if (m.organizationCode) orgCodes.add(m.organizationCode.toLowerCase());
  const orgs = await repo.organizationsByCodes(db, [...orgCodes]);
  const orgByCode = new Map(orgs.map((o) => [o.code.toLowerCase(), o.id]));
  const orgId = (field: string, code: string | undefined) => {
    if (!code) return null;
    const id = orgByCode.get(code.toLowerCase());
    if (!id) errors.push({ field, message: `no organization has the code ${code}` });
    return id ?? null;
  };
  for (const [i, c] of input.organizationCodes.entries()) orgId(`organizationCodes.${i}`, c);
  const premises = await repo.premisesByCodes(
    db,
    input.impacts.flatMap((m) => (m.premisesCode ? [m.premisesCode] : [])),
  );
  const premisesByCode = new Map(premises.map((p) => [p.code.toLowerCase(), p]));

  const personnel: repo.PersonnelValues[] = input.personnel.map((p, i) => ({
    organization_id: orgId(`personnel.${i}.organizationCode`, p.organizationCode),
    personnel_category: p.category,
    sex: p.sex,
    outcome: p.outcome,
    count: p.count,
    on_duty: p.onDuty ?? null,
    directly_targeted: p.directlyTargeted ?? null,
    in_captivity: p.inCaptivity,
    person_name: p.personName,
    line_manager_email: p.lineManagerEmail,
    occurred_year: isFieldError(when) ? 0 : when.year,
    category_code: isFieldError(classification) ? '' : classification.category.code,
    relevance: input.relevance,
  }));
  const impacts: repo.ImpactValues[] = input.impacts.map((m, i) => {
    let premisesId: string | null = null;
    let organizationId = orgId(`impacts.${i}.organizationCode`, m.organizationCode);
    if (m.premisesCode) {
      const p = premisesByCode.get(m.premisesCode.toLowerCase());
      if (!p)
        errors.push({
          field: `impacts.${i}.premisesCode`,
          message: `no premises have the code ${m.premisesCode}`,
        });
      else if (p.country_code !== input.countryCode) {
        errors.push({
          field: `impacts.${i}.premisesCode`,
          message: `${p.code} is not in ${input.countryCode}`,
        });
      } else {
        premisesId = p.id;
        organizationId ??= p.organization_id;
      }
    }
    if (m.kind === 'premises' && !m.premisesCode && !m.description) {
      errors.push({
        field: `impacts.${i}.premisesCode`,
        message: 'name the premises (code) or describe them',
      });
    }
    return {
      kind: m.kind,
      organization_id: organizationId,
      premises_id: premisesId,
      description: m.description,
      estimated_loss: m.estimatedLoss ?? null,
    };
  });

  if (errors.length > 0 || isFieldError(when) || isFieldError(classification)) {
    throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
  const organizationIds = [
    ...new Set([
      ...orgByCode.values(),
      ...impacts.flatMap((m) => (m.organization_id ? [m.organization_id] : [])),
    ]),
  ];
  if (organizationIds.length === 0 && input.relevance === 'organization' && opts.defaultOrganizationId) {
    organizationIds.push(opts.defaultOrganizationId);
  }
  const totals = impactTotals(input.personnel);
  return {
    category: classification.category,
    values: {
      occurred_on: when.occurredOn,
      occurred_at: when.occurredAt,
      utc_offset: when.utcOffset,
      occurred_year: when.year,
      occurred_month: when.month,
      country_code: input.countryCode,
      area_id: areaId,
      station_id: stationId,
      lat,
      lon,
      geo_precision: geoPrecision,
      admin1: input.admin1,
      location: input.location,
      category_code: classification.category.code,
      nature: classification.category.nature,
      relevance: input.relevance,
      perpetrator_type: input.perpetratorType,
      perpetrator_name: input.perpetratorName,
      weapon: input.weapon,
      context: input.context,
      title: input.title,
      narrative: input.narrative,
      sensitive_details: input.sensitiveDetails,
      captivity_outcome: input.captivityOutcome,
      ...totals,
    },
    organizationIds,
    personnel,
    impacts,
  };
}
