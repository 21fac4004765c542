/**
 * Database reads for the incident exports. The exports read the caller's readable
 * incidents (`whereReadable`, the same condition as the list) in keyset-paged batches, with only
 * the columns an export may carry: no names, e-mail addresses or sensitive details are selected.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { type IncidentReadScope, whereReadable } from './access';
import { type ExportIncident, soleCode } from './export-columns';
import { localDateTime } from './form-rules';
import { type IncidentFilter, whereFilter } from './incidents.repository';
import { countsFromPersonnel } from './personnel-counts';

type Db = Kysely<DB>;

/** The list's filters (country, area, organization, category, relevance, dates). */
export type ExportFilter = IncidentFilter;

function page(
  db: Db,
  scope: IncidentReadScope,
  f: ExportFilter,
  size: number,
  after?: { on: string; id: string },
) {
  let q = db
    .selectFrom('incidents as i')
    .innerJoin('countries as c', 'c.code', 'i.country_code')
    .leftJoin('areas as a', 'a.id', 'i.area_id')
    .leftJoin('duty_stations as s', 's.id', 'i.station_id')
    .select([
      'i.id',
      'i.reference',
      'i.occurred_on',
      'i.occurred_at',
      'i.utc_offset',
      'i.country_code',
      'c.name as country_name',
      'a.code as area_code',
      's.code as station_code',
      'i.lat',
      'i.lon',
      'i.geo_precision',
      'i.admin1',
      'i.location',
      'i.category_code',
      'i.nature',
      'i.relevance',
      'i.perpetrator_type',
      'i.perpetrator_name',
      'i.weapon',
      'i.context',
      'i.title',
      'i.narrative',
      'i.captivity_outcome',
      'i.source',
      'i.source_id',
      'i.revision',
      'i.updated_at',
    ])
    .where((eb) => whereReadable(eb, scope))
    .where((eb) => whereFilter(eb, f));
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('i.occurred_on', '>', after.on),
        eb.and([eb('i.occurred_on', '=', after.on), eb('i.id', '>', after.id)]),
      ]),
    );
  }
  return q.orderBy('i.occurred_on').orderBy('i.id').limit(size).execute();
}

async function childrenOf(db: Db, ids: string[]) {
  const [orgs, personnel, impacts] = await Promise.all([
    db
      .selectFrom('incident_organizations as io')
      .innerJoin('organizations as o', 'o.id', 'io.organization_id')
      .select(['io.incident_id', 'o.code', 'o.name'])
      .where('io.incident_id', 'in', ids)
      .orderBy('o.code')
      .execute(),
    db
      .selectFrom('incident_personnel as ip')
      .leftJoin('organizations as o', 'o.id', 'ip.organization_id')
      .select([
        'ip.incident_id',
        'o.code as organization_code',
        'ip.personnel_category as category',
        'ip.sex',
        'ip.outcome',
        'ip.count',
        'ip.in_captivity as inCaptivity',
      ])
      .where('ip.incident_id', 'in', ids)
      .execute(),
    db
      .selectFrom('incident_impacts as m')
      .leftJoin('premises as p', 'p.id', 'm.premises_id')
      .leftJoin('organizations as o', 'o.id', 'm.organization_id')
      .select([
        'm.incident_id',
        'o.code as organization_code',
        'm.id',
        'm.kind',
        'p.code as premises_code',
        'm.description',
        'm.estimated_loss',
      ])
      .where('m.incident_id', 'in', ids)
      .orderBy('m.id')
      .execute(),
  ]);
  const group = <T extends { incident_id: string }>(rows: T[]) => {
    const by = new Map<string, T[]>();
    for (const r of rows) {
      const list = by.get(r.incident_id);
      if (list) list.push(r);
      else by.set(r.incident_id, [r]);
    }
    return by;
  };
  return { orgs: group(orgs), personnel: group(personnel), impacts: group(impacts) };
}

/**
 * The readable incidents matching the filter, oldest first, in batches of `size`. Each batch is
 * one page query plus three child queries, so memory stays flat however many incidents match.
 */
export async function* exportBatches(
  db: Db,
  scope: IncidentReadScope,
  f: ExportFilter,
  size = 500,
): AsyncGenerator<ExportIncident[]> {
  let after: { on: string; id: string } | undefined;
  for (;;) {
    const rows = await page(db, scope, f, size, after);
    if (rows.length === 0) return;
    const kids = await childrenOf(
      db,
      rows.map((r) => r.id),
    );
    yield rows.map((r) => ({
      reference: r.reference,
      occurredOn: r.occurred_on,
      occurredAt: r.occurred_at
        ? localDateTime(new Date(r.occurred_at).toISOString(), r.utc_offset ?? '+00:00')
        : null,
      countryCode: r.country_code,
      countryName: r.country_name,
      areaCode: r.area_code,
      stationCode: r.station_code,
      lat: r.lat,
      lon: r.lon,
      geoPrecision: r.geo_precision,
      admin1: r.admin1,
      location: r.location,
      categoryCode: r.category_code,
      nature: r.nature,
      relevance: r.relevance,
      perpetratorType: r.perpetrator_type,
      perpetratorName: r.perpetrator_name,
      weapon: r.weapon,
      context: r.context,
      title: r.title,
      narrative: r.narrative,
      captivityOutcome: r.captivity_outcome,
      organizations: (kids.orgs.get(r.id) ?? []).map((o) => ({ code: o.code, name: o.name })),
      counts: countsFromPersonnel(kids.personnel.get(r.id) ?? []),
      personnelOrganization: soleCode((kids.personnel.get(r.id) ?? []).map((p) => p.organization_code)),
      impactOrganization: soleCode((kids.impacts.get(r.id) ?? []).map((m) => m.organization_code)),
      impacts: (kids.impacts.get(r.id) ?? []).map((m) => ({
        kind: m.kind,
        premisesCode: m.premises_code,
        description: m.description,
        estimatedLoss: m.estimated_loss === null ? null : Number(m.estimated_loss),
      })),
      source: r.source,
      sourceId: r.source_id,
      revision: r.revision,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
    const last = rows.at(-1)!;
    after = { on: last.occurred_on, id: last.id };
    if (rows.length < size) return;
  }
}
