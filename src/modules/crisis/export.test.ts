import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../people/xlsx-read';
import { readCsvRecords } from '../registry/import-parse';
import { flat, pdfPages, pdfText } from '../srm/pdf/poppler';
import { COLUMNS, listCsv, listPdf, listXlsx } from './export';
import type { ListDetail, ListRow } from './lists.schema';
import { totalsOf } from './rules';

const row = (over: Partial<ListRow> = {}): ListRow => ({
  personId: '00000000-0000-4000-8000-000000000001',
  name: 'Ines International',
  organization: 'ORGA',
  kind: 'personnel',
  recruitment: 'international',
  sponsor: null,
  phone: '+93700000001',
  email: 'ines@orga.example.org',
  location: 'AFG-KBL',
  source: 'duty_station',
  eligible: true,
  rule: 'evacuation.international',
  reason: 'evacuation: international personnel',
  present: true,
  absentSince: null,
  status: 'listed',
  statusNote: '',
  statusBy: null,
  statusAt: null,
  rollCall: { state: 'not_asked', at: null },
  version: 1,
  ...over,
});

const list = (rows: ListRow[]): ListDetail => ({
  id: '00000000-0000-4000-8000-00000000000a',
  reference: 'EVA-AFG-0001',
  kind: 'evacuation',
  title: 'Evacuation from AFG to Islamabad',
  countryCode: 'AFG',
  areaCode: null,
  destination: 'Islamabad',
  destinationCountry: 'PAK',
  destinationAreaCode: null,
  asOf: '2026-12-07T10:00:00.000Z',
  refreshedAt: '2026-12-07T10:00:00.000Z',
  createdBy: 'sa.afg',
  createdAt: '2026-12-07T10:00:00.000Z',
  canManage: true,
  totals: totalsOf(
    rows.map((r) => ({
      organization: r.organization,
      kind: r.kind,
      status: r.status,
      accounting: r.rollCall.state,
      present: r.present,
    })),
  ),
  rows,
  ineligible: 0,
});

describe('list exports', () => {
  const hostile = row({ name: '=HYPERLINK("http://evil.example")', sponsor: '@SUM(A1)' });

  it('CSV: one header row, one row per person, formulas defused', () => {
    const records = readCsvRecords(listCsv(list([row(), hostile]))).map((r) => r.record);
    expect(records[0]).toEqual(COLUMNS.map((c) => c.header));
    expect(records).toHaveLength(3);
    const name = records[0]!.indexOf('Name');
    expect(records[2]![name]).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(records[2]![records[0]!.indexOf('Sponsor')]).toBe("'@SUM(A1)");
  });

  it('XLSX: the same cells as inline text, never a formula', () => {
    const bytes = listXlsx(list([row(), hostile]));
    const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(sheet).not.toContain('<f>');
    const rows = readXlsx(bytes);
    expect(rows[2]?.cells[1]).toBe('=HYPERLINK("http://evil.example")');
    expect(rows[1]?.cells[6]).toBe('+93700000001');
  });

  it('PDF: a manifest in the standard fonts, any script printable, many pages when long', async () => {
    const many = Array.from({ length: 80 }, (_, i) =>
      row({ personId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Person ${i}` }),
    );
    const pdf = await listPdf(
      list([row({ name: 'Zaïd Ωmega 李' }), ...many]),
      new Date('2026-12-07T11:00:00Z'),
    );
    const text = flat(pdfText(pdf));
    expect(text).toContain('EVACUATION MANIFEST');
    expect(text).toContain('Zaïd ?mega ?');
    expect(text).toContain('Person 79');
    expect(text).toContain('2026-12-07 11:00 UTC');
    expect(pdfPages(pdf)).toBeGreaterThan(1);
    const empty = flat(pdfText(await listPdf(list([]))));
    expect(empty).toContain('No one on this list.');
  });
});
