/**
 * Incident exports: HXL-tagged CSV (a human header row, then the hashtag row, so the file opens
 * readably in a spreadsheet and re-imports through our HXL importer), XLSX with the same two header
 * rows, and GeoJSON (RFC 7946). Pure renderers over batches of exported incidents; the CSV and
 * GeoJSON are produced batch by batch so a large export streams instead of sitting in memory.
 */

import { stringify } from 'csv-stringify/sync';
import type { Feature, Point } from 'geojson';
import { EXPORT_COLUMNS, type ExportIncident } from './export-columns';
import { FORMULA_START } from './hxl-table';
import { findCategory } from './rules';
import { type CellValue, xlsxWorkbook } from './xlsx';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_MEDIA: Record<ExportFormat, { type: string; extension: string }> = {
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  geojson: { type: 'application/geo+json', extension: 'geojson' },
};

/**
 * A text cell that a spreadsheet would evaluate (=, +, -, @ first) gets a leading apostrophe, the
 * usual defence against formula injection from narratives typed by anyone; the HXL importer takes
 * it off again. Numbers stay numbers.
 */
const csvCell = (v: CellValue) =>
  v === null || v === undefined ? '' : typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v;

export const valuesOf = (i: ExportIncident) => EXPORT_COLUMNS.map((c) => c.value(i));

export function csvHeader(): string {
  return stringify([EXPORT_COLUMNS.map((c) => c.header), EXPORT_COLUMNS.map((c) => c.hxl)]);
}

export function csvRows(batch: readonly ExportIncident[]): string {
  return stringify(batch.map((i) => valuesOf(i).map(csvCell)));
}

/** The CSV in pieces: the two header rows, then one piece per batch. */
export async function* csvChunks(batches: AsyncIterable<readonly ExportIncident[]>): AsyncGenerator<string> {
  yield csvHeader();
  for await (const batch of batches) if (batch.length) yield csvRows(batch);
}

export function xlsxOf(incidents: Iterable<ExportIncident>): Uint8Array {
  const rows = (function* () {
    for (const i of incidents) yield valuesOf(i);
  })();
  return xlsxWorkbook(
    'Incidents',
    [EXPORT_COLUMNS.map((c) => c.header), EXPORT_COLUMNS.map((c) => c.hxl)],
    rows,
  );
}

/** One incident as a GeoJSON point feature ([lon, lat]); null when it has no coordinates. */
export function geoFeature(i: ExportIncident): Feature<Point> | null {
  if (i.lat === null || i.lon === null) return null;
  return {
    type: 'Feature',
    id: i.reference,
    geometry: { type: 'Point', coordinates: [i.lon, i.lat] },
    properties: {
      reference: i.reference,
      occurredOn: i.occurredOn,
      occurredAt: i.occurredAt,
      countryCode: i.countryCode,
      countryName: i.countryName,
      areaCode: i.areaCode,
      stationCode: i.stationCode,
      geoPrecision: i.geoPrecision,
      admin1: i.admin1,
      location: i.location,
      categoryCode: i.categoryCode,
      categoryName: findCategory(i.categoryCode)?.name ?? i.categoryCode,
      nature: i.nature,
      relevance: i.relevance,
      title: i.title,
      narrative: i.narrative,
      context: i.context,
      perpetratorType: i.perpetratorType,
      perpetratorName: i.perpetratorName,
      weapon: i.weapon,
      captivityOutcome: i.captivityOutcome,
      organizations: i.organizations.map((o) => o.code),
      personnel: i.counts,
      impacts: i.impacts,
      source: i.source,
      sourceId: i.sourceId,
      revision: i.revision,
      updatedAt: i.updatedAt,
    },
  };
}

/**
 * A FeatureCollection in pieces. Incidents without coordinates cannot be drawn and are left out;
 * how many were is told in the foreign member `withoutCoordinates` (RFC 7946 §6.1), written last
 * because it is known only at the end.
 */
export async function* geoJsonChunks(
  batches: AsyncIterable<readonly ExportIncident[]>,
): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let written = 0;
  let without = 0;
  for await (const batch of batches) {
    const parts: string[] = [];
    for (const i of batch) {
      const f = geoFeature(i);
      if (!f) without++;
      else parts.push((written++ ? ',' : '') + JSON.stringify(f));
    }
    if (parts.length) yield parts.join('');
  }
  yield `],"withoutCoordinates":${without}}`;
}
