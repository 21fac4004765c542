import type { Kysely } from 'kysely';
import type { DB, IncidentRelevance } from '../../src/db/tables';
import { findCategory, type Outcome } from '../../src/modules/incidents/rules';

/** An incident as the statistics see it: where, when, what, whom it affected. */
export interface StatsIncident {
  occurredOn: string;
  countryCode: string;
  categoryCode: string;
  relevance?: IncidentRelevance;
  areaId?: string | null;
  lat?: number;
  lon?: number;
  organizationIds?: string[];
  personnel?: { organizationId?: string | null; outcome: Outcome; count?: number }[];
  createdBy?: string | null;
}

let serial = 0;

/**
 * Writes incidents straight into the tables with the copies and totals the incident service keeps
 * (year, month, nature, totals; the personnel rows' year, category and relevance), so the statistics
 * can be tested on their own. Returns the ids in order.
 */
export async function insertIncidents(db: Kysely<DB>, list: readonly StatsIncident[]): Promise<string[]> {
  const out: string[] = [];
  for (const x of list) {
    const category = findCategory(x.categoryCode);
    if (!category) throw new Error(`unknown category ${x.categoryCode}`);
    const people = x.personnel ?? [];
    const sum = (o?: Outcome) =>
      people.filter((p) => !o || p.outcome === o).reduce((n, p) => n + (p.count ?? 1), 0);
    const [year, month] = x.occurredOn.split('-').map(Number) as [number, number];
    const relevance = x.relevance ?? 'organization';
    serial += 1;
    const { id } = await db
      .insertInto('incidents')
      .values({
        reference: `INC-T-${process.pid}-${serial}`,
        occurred_on: x.occurredOn,
        occurred_year: year,
        occurred_month: month,
        country_code: x.countryCode,
        area_id: x.areaId ?? null,
        lat: x.lat ?? null,
        lon: x.lon ?? null,
        category_code: category.code,
        nature: category.nature,
        relevance,
        title: `${category.name} ${serial}`,
        affected: sum(),
        killed: sum('killed'),
        injured: sum('injured'),
        kidnapped: sum('abducted'),
        arrested: sum('arrested_detained'),
        created_by: x.createdBy ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (x.organizationIds?.length)
      await db
        .insertInto('incident_organizations')
        .values(x.organizationIds.map((organization_id) => ({ incident_id: id, organization_id })))
        .execute();
    if (people.length)
      await db
        .insertInto('incident_personnel')
        .values(
          people.map((p) => ({
            incident_id: id,
            organization_id: p.organizationId ?? null,
            personnel_category: 'unknown' as const,
            sex: 'unknown' as const,
            outcome: p.outcome,
            count: p.count ?? 1,
            occurred_year: year,
            category_code: category.code,
            relevance,
          })),
        )
        .execute();
    out.push(id);
  }
  return out;
}
