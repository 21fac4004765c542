import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadSindSample } from '../../../test/support/sind-sample';
import { readCsvRecords } from '../registry/import-parse';
import { csvChunks, geoJsonChunks, xlsxOf } from './export';
import { EXPORT_COLUMNS, type ExportIncident, soleCode } from './export-columns';
import { localDateTime } from './form-rules';
import { mapHxlRow } from './hxl';
import { readHxlTable } from './hxl-table';
import type { IncidentInput } from './incidents.schema';
import { countsFromPersonnel } from './personnel-counts';
import { findCategory } from './rules';
import { mapSindRecord } from './sind';
import { columnName, escapeXml } from './xlsx';

const ORGS = [{ code: 'ICRC', name: 'Red Cross (ICRC/IFRC)' }];

/** What the export repository would read back for a stored input. */
function stored(input: IncidentInput, n: number): ExportIncident {
  return {
    reference: `INC-2024-${String(n).padStart(6, '0')}`,
    occurredOn: input.occurredOn!,
    occurredAt: null,
    countryCode: input.countryCode,
    countryName: input.countryCode,
    areaCode: null,
    stationCode: null,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    geoPrecision: input.geoPrecision,
    admin1: input.admin1,
    location: input.location,
    categoryCode: input.categoryCode,
    nature: findCategory(input.categoryCode)!.nature,
    relevance: input.relevance,
    perpetratorType: input.perpetratorType,
    perpetratorName: input.perpetratorName,
    weapon: input.weapon,
    context: input.context,
    title: input.title,
    narrative: input.narrative,
    captivityOutcome: input.captivityOutcome,
    organizations: input.organizationCodes.map((code) => ({ code, name: code })),
    personnelOrganization: soleCode(input.personnel.map((p) => p.organizationCode)),
    impactOrganization: soleCode(input.impacts.map((m) => m.organizationCode)),
    counts: countsFromPersonnel(input.personnel),
    impacts: input.impacts.map((m) => ({
      kind: m.kind,
      premisesCode: m.premisesCode ?? null,
      description: m.description,
      estimatedLoss: m.estimatedLoss ?? null,
    })),
    source: 'sind',
    sourceId: String(n),
    revision: 1,
    updatedAt: '2024-03-01T00:00:00.000Z',
  };
}

async function* batches(items: ExportIncident[], size = 100) {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
async function text(chunks: AsyncIterable<string>) {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

const inputs = loadSindSample().flatMap((r) => {
  const m = mapSindRecord(r, ORGS);
  return m.ok ? [m.input] : [];
});

describe('CSV export', () => {
  it('re-imports through the HXL importer to the same standard form, for every sample event', async () => {
    const exported = inputs.map((input, n) => stored(input, n));
    const csv = await text(csvChunks(batches(exported)));
    const table = readHxlTable(readCsvRecords(csv));
    expect(table.rows).toHaveLength(inputs.length);
    table.rows.forEach((row, n) => {
      const m = mapHxlRow(table, row);
      if (!m.ok) throw new Error(`${n}: ${JSON.stringify(m.errors)}`);
      expect(m.eventId).toBe(exported[n]!.reference);
      expect(m.input).toEqual(inputs[n]);
    });
  });

  it('starts with a human header row and the hashtag row, one column each', async () => {
    const [human, tags] = (await text(csvChunks(batches([])))).trim().split('\n');
    expect(human!.split(',')).toHaveLength(EXPORT_COLUMNS.length);
    expect(tags!.split(',').every((t) => t.startsWith('#'))).toBe(true);
    expect(new Set(tags!.split(',')).size).toBe(EXPORT_COLUMNS.length);
  });

  it('defuses text a spreadsheet would run as a formula, and the importer restores it', async () => {
    const input = { ...inputs[0]!, title: '=HYPERLINK("http://evil","click")', context: '@SUM(1)' };
    const csv = await text(csvChunks(batches([stored(input, 1)])));
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    const table = readHxlTable(readCsvRecords(csv));
    const m = mapHxlRow(table, table.rows[0]!);
    expect(m.ok && m.input).toMatchObject({ title: input.title, context: input.context });
  });
});

describe('GeoJSON export', () => {
  it('is a FeatureCollection of [lon, lat] points counting the incidents left out', async () => {
    const exported = inputs.map((input, n) => stored(input, n));
    const fc = JSON.parse(await text(geoJsonChunks(batches(exported, 7))));
    const withPoint = exported.filter((e) => e.lat !== null);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(withPoint.length);
    expect(fc.withoutCoordinates).toBe(exported.length - withPoint.length);
    expect(fc.withoutCoordinates).toBe(35);
    expect(fc.features[0].geometry).toEqual({
      type: 'Point',
      coordinates: [withPoint[0]!.lon, withPoint[0]!.lat],
    });
    expect(fc.features[0].properties).toMatchObject({ reference: withPoint[0]!.reference });
    expect(JSON.parse(await text(geoJsonChunks(batches([]))))).toEqual({
      type: 'FeatureCollection',
      features: [],
      withoutCoordinates: 0,
    });
  });
});

describe('XLSX export', () => {
  it('holds the two header rows and a row per incident, numbers as numbers, text inline', () => {
    const exported = inputs.slice(0, 20).map((input, n) => stored(input, n));
    exported[0]!.title = 'Tom & Jerry <"quoted"> \u0007bell';
    const files = unzipSync(xlsxOf(exported));
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet.match(/<row /g)).toHaveLength(22);
    expect(sheet).toContain('<t xml:space="preserve">Tom &amp; Jerry &lt;&quot;quoted&quot;&gt; bell</t>');
    const latCol = columnName(EXPORT_COLUMNS.findIndex((c) => c.hxl === '#geo+lat'));
    expect(sheet).toContain(`<c r="${latCol}3"><v>${exported[0]!.lat}</v></c>`);
    expect(sheet).not.toContain('<f>');
  });

  it('names columns like a spreadsheet and escapes XML', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(escapeXml('a\u0000b\uFFFEc\uD800d😀')).toBe('abcd😀');
  });
});

describe('local times', () => {
  it('writes an instant as the local wall-clock time with its offset', () => {
    expect(localDateTime('2024-06-01T19:00:00Z', '+04:30')).toBe('2024-06-01T23:30:00+04:30');
    expect(localDateTime('2024-06-01T02:00:00Z', '-05:00')).toBe('2024-05-31T21:00:00-05:00');
  });
});
