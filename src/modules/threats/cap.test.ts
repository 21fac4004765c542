import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCapAlert,
  CAP_MAX_POLYGON_POINTS,
  capDateTime,
  capIdentifier,
  capResponseType,
  capSeverity,
} from './cap';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  type CategoryLevels,
  highest,
  highestFirst,
  LEVEL_NAMES,
  type Level,
} from './rules';
import { type Advisory, advisory as advisorySchema } from './threats.schema';

const SCHEMA = path.resolve('..', 'shared', 'standards', 'cap12.xsd');
const dir = mkdtempSync(path.join(tmpdir(), 'smin-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

/** Runs xmllint; a missing xmllint fails the test (the CAP output must never go unvalidated). */
function xmllint(args: string[], xml: string): string {
  const file = path.join(dir, `doc-${++fileNo}.xml`);
  writeFileSync(file, xml);
  try {
    return execFileSync('xmllint', [...args, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { status?: number; stderr?: string };
    if (err.code === 'ENOENT') throw new Error('xmllint not found: install libxml2-utils');
    throw new Error(`xmllint ${args.join(' ')} exited ${err.status}:\n${err.stderr}\n${xml}`);
  }
}

/** Asserts `xml` is valid against the OASIS CAP 1.2 schema. */
function expectValidCap(xml: string): void {
  expect(() => xmllint(['--noout', '--schema', SCHEMA], xml)).not.toThrow();
}

/** The string value of an XPath over elements named by local name, as a parser reads it back. */
function text(xml: string, name: string, index = 1): string {
  return xmllint(['--xpath', `string((//*[local-name()="${name}"])[${index}])`], xml).replace(/\n$/, '');
}
const count = (xml: string, name: string) =>
  Number(xmllint(['--xpath', `count(//*[local-name()="${name}"])`], xml));
const polygons = (xml: string) =>
  Array.from({ length: count(xml, 'polygon') }, (_, i) => text(xml, 'polygon', i + 1));
/** Every valueName → value pair (parameters and geocodes), in document order. */
const values = (xml: string) =>
  Object.fromEntries(
    Array.from({ length: count(xml, 'valueName') }, (_, i) => [
      text(xml, 'valueName', i + 1),
      text(xml, 'value', i + 1),
    ]),
  );

const LEVELS: CategoryLevels = { armed_conflict: 5, terrorism: 4, crime: 3, civil_unrest: 2 };

/** A schema-valid advisory; `levels` are listed in the given order (highest first by default). */
function makeAdvisory(over: Partial<Advisory> = {}, levels = LEVELS, order = highestFirst(levels)): Advisory {
  const top = highest(levels);
  return advisorySchema.parse({
    id: '7f6b0e4a-0000-4000-8000-000000000001',
    countryCode: 'AFG',
    countryName: 'Afghanistan',
    areaId: 'area-1',
    areaCode: 'AF-CR',
    areaName: 'Central Region',
    number: 1,
    status: 'published',
    headline: 'Armed clashes on the Kabul–Jalalabad road',
    guidance: 'Travel by road only in convoy.',
    highest: { level: top.level, name: LEVEL_NAMES[top.level], categories: top.categories },
    levels: order.map(({ category }) => ({
      category,
      label: CATEGORY_LABELS[category],
      level: levels[category],
      name: LEVEL_NAMES[levels[category]],
    })),
    requiredClearance: 'manual',
    requiredTraining: ['BSAFE', 'SSAFE'],
    contacts: [
      { role: 'Security Adviser', name: 'A. Karimi', phone: '+93 700 000 000', email: 'sa@un.example' },
    ],
    effectiveDate: '2026-01-10',
    reviewBy: '2026-04-10',
    overdue: false,
    daysOverdue: 0,
    ownerId: 'user-1',
    ownerName: 'Chief Security Adviser',
    approvedAt: '2026-01-09T10:00:00.000Z',
    publishedAt: '2026-01-09T12:34:56.789Z',
    changes: CATEGORIES.map((category) => ({ category, from: null, to: levels[category] })),
    version: 3,
    ...over,
  });
}

const OPTIONS = {
  senderId: 'opensmin.un.example',
  baseUrl: 'https://smin.un.example/',
  now: new Date('2026-01-09T13:00:00Z'),
};
/** A closed rectangle, GeoJSON [lon, lat]. */
const ring = (x0: number, y0: number, x1: number, y1: number): Position[] =>
  [x0, x1, x1, x0, x0].map((x, i) => [x, [y0, y0, y1, y1, y0][i] as number]);

describe('buildCapAlert', () => {
  it('publishes a first version as a restricted Actual Alert', () => {
    const xml = buildCapAlert(makeAdvisory(), OPTIONS);
    expectValidCap(xml);
    expect(text(xml, 'identifier')).toBe('urn:opensmin:advisory:AFG:AF-CR:1');
    expect(text(xml, 'sender')).toBe('opensmin.un.example');
    expect(text(xml, 'sent')).toBe('2026-01-09T12:34:56-00:00');
    expect(text(xml, 'status')).toBe('Actual');
    expect(text(xml, 'msgType')).toBe('Alert');
    expect(count(xml, 'references')).toBe(0);
    expect(text(xml, 'scope')).toBe('Restricted');
    expect(text(xml, 'restriction')).toBe('UN security management system personnel');
    expect([text(xml, 'category', 1), text(xml, 'category', 2)]).toEqual(['Security', 'Safety']);
    expect(text(xml, 'event')).toBe('Travel advisory');
    expect(text(xml, 'responseType')).toBe('Avoid');
    expect(text(xml, 'urgency')).toBe('Future');
    expect(text(xml, 'severity')).toBe('Severe');
    expect(text(xml, 'effective')).toBe('2026-01-10T00:00:00-00:00');
    expect(text(xml, 'expires')).toBe('2026-04-10T23:59:59-00:00');
    expect(text(xml, 'headline')).toBe(
      'Afghanistan – Central Region: Armed conflict 5 High (highest); Terrorism 4 Substantial; Crime 3 Moderate; Civil unrest 2 Low',
    );
    const description = text(xml, 'description');
    expect(description).toContain('First published version.');
    expect(description).toContain('Security clearance: required');
    expect(description).toContain('Required training: BSAFE, SSAFE.');
    expect(text(xml, 'instruction')).toBe('Travel by road only in convoy.');
    expect(text(xml, 'web')).toBe('https://smin.un.example/advisories/7f6b0e4a-0000-4000-8000-000000000001');
    expect(text(xml, 'contact')).toBe('Security Adviser: A. Karimi, +93 700 000 000, sa@un.example');
    expect(values(xml)).toEqual({
      SMIN_LEVEL_ARMED_CONFLICT: '5',
      SMIN_LEVEL_TERRORISM: '4',
      SMIN_LEVEL_CRIME: '3',
      SMIN_LEVEL_CIVIL_UNREST: '2',
      SMIN_HIGHEST_LEVEL: '5',
      SMIN_REVIEW_BY: '2026-04-10',
      'ISO3166-1': 'AFG',
      'SMIN-AREA': 'AF-CR',
    });
  });

  it('publishes a later version as an Update referencing the previous alert', () => {
    const first = buildCapAlert(makeAdvisory(), OPTIONS);
    const previous = { identifier: text(first, 'identifier'), sent: text(first, 'sent') };
    const levels: CategoryLevels = { ...LEVELS, terrorism: 6 };
    const changes = [{ category: 'terrorism' as const, from: 4, to: 6 }];
    const next = makeAdvisory({ number: 2, publishedAt: '2026-02-01T08:00:00+02:00', changes }, levels);
    const xml = buildCapAlert(next, { ...OPTIONS, previous });
    expectValidCap(xml);
    expect(text(xml, 'msgType')).toBe('Update');
    expect(text(xml, 'identifier')).toBe('urn:opensmin:advisory:AFG:AF-CR:2');
    expect(text(xml, 'sent')).toBe('2026-02-01T06:00:00-00:00');
    expect(text(xml, 'references')).toBe(`opensmin.un.example,${previous.identifier},${previous.sent}`);
    expect(text(xml, 'severity')).toBe('Extreme');
    expect(text(xml, 'headline')).toMatch(
      /^Afghanistan – Central Region: Terrorism 6 Extreme \(highest\); Armed/,
    );
    expect(text(xml, 'description')).toContain(
      'Changes since the previous version: Terrorism 4 Substantial → 6 Extreme.',
    );
  });

  it('writes one lat,lon polygon per outer ring of a MultiPolygon and skips holes', () => {
    const geometry: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [ring(120.12345678, -8.98765432, 121, -8), ring(120.4, -8.6, 120.6, -8.4)],
        [ring(122, -9, 123, -8.5)],
      ],
    };
    const xml = buildCapAlert(makeAdvisory(), { ...OPTIONS, geometry });
    expectValidCap(xml);
    const list = polygons(xml);
    expect(list).toHaveLength(2);
    // GeoJSON [lon, lat] = [120.12345678, -8.98765432] becomes "lat,lon", rounded to 4 decimals.
    expect(list[0]?.split(' ')[0]).toBe('-8.9877,120.1235');
    expect(list[0]).toBe('-8.9877,120.1235 -8.9877,121 -8,121 -8,120.1235 -8.9877,120.1235');
    expect(list[1]).toBe('-9,122 -9,123 -8.5,123 -8.5,122 -9,122');
    expect(xml).not.toContain('120.4'); // the hole
    expect(text(xml, 'areaDesc')).toBe('Afghanistan – Central Region');
  });

  it('describes a country without geometry by its ISO 3166-1 geocode only', () => {
    const country = makeAdvisory({ areaId: null, areaCode: null, areaName: null, contacts: [] });
    const xml = buildCapAlert(country, { ...OPTIONS, geometry: null });
    expectValidCap(xml);
    expect(text(xml, 'identifier')).toBe('urn:opensmin:advisory:AFG:1');
    expect(text(xml, 'areaDesc')).toBe('Afghanistan');
    expect(count(xml, 'polygon')).toBe(0);
    expect(count(xml, 'geocode')).toBe(1);
    expect(values(xml)['ISO3166-1']).toBe('AFG');
    expect(text(xml, 'contact')).toBe('Chief Security Adviser'); // the owner when there is no contact
  });

  it('escapes hostile text, drops characters illegal in XML and keeps identifiers CAP-safe', () => {
    const hostile = `<script>alert("x")</script> & 'quoted'\u0000\u0008 ]]> end`;
    const clean = hostile.replaceAll('\u0000', '').replaceAll('\u0008', '');
    const guidance = `${hostile}\r\nline 2`;
    const a = makeAdvisory({ headline: hostile, guidance, areaCode: 'A B,<&', areaName: hostile });
    const xml = buildCapAlert(a, { ...OPTIONS, senderId: 'un sms, <ops>&co' });
    expectValidCap(xml);
    expect(xml).not.toContain('<script>');
    expect(['\u0000', '\u0008'].some((c) => xml.includes(c))).toBe(false);
    expect(text(xml, 'description').split('\n')[0]).toBe(clean);
    expect(text(xml, 'instruction')).toBe(`${clean}\r\nline 2`);
    expect(text(xml, 'areaDesc')).toBe(`Afghanistan – ${clean}`);
    for (const name of ['identifier', 'sender']) expect(text(xml, name)).not.toMatch(/[\s,<&]/);
    expect(text(xml, 'identifier')).toBe('urn:opensmin:advisory:AFG:A%20B%2C%3C%26:1');
  });

  it('simplifies a 10,000-point ring to at most 500 pairs and keeps it closed', () => {
    const n = 10_000;
    const circle: Position[] = Array.from({ length: n }, (_, i) => {
      const t = (2 * Math.PI * i) / n;
      return [69 + 2 * Math.cos(t), 34 + Math.sin(t)];
    });
    const geometry: Polygon = { type: 'Polygon', coordinates: [[...circle, circle[0] as Position]] };
    const xml = buildCapAlert(makeAdvisory(), { ...OPTIONS, geometry });
    expectValidCap(xml);
    const pairs = polygons(xml)[0]?.split(' ') ?? [];
    expect(pairs.length).toBeGreaterThanOrEqual(4);
    expect(pairs.length).toBeLessThanOrEqual(CAP_MAX_POLYGON_POINTS);
    expect(pairs[0]).toBe('34,71');
    expect(pairs.at(-1)).toBe(pairs[0]);
    for (const p of pairs) {
      const [lat, lon] = p.split(',').map(Number) as [number, number];
      expect(Math.abs(lat - 34)).toBeLessThanOrEqual(1.0001);
      expect(Math.abs(lon - 69)).toBeLessThanOrEqual(2.0001);
    }
  });

  it('names the highest category first in headline and description, whatever the input order', () => {
    const level = fc.integer({ min: 1, max: 6 });
    const levels = fc.record({ armed_conflict: level, terrorism: level, crime: level, civil_unrest: level });
    const input = fc.tuple(levels, fc.shuffledSubarray([...CATEGORIES], { minLength: 4, maxLength: 4 }));
    fc.assert(
      fc.property(input, ([lv, order]) => {
        const levelsIn = lv as CategoryLevels;
        const listed = order.map((category) => ({ category, level: levelsIn[category] }));
        const xml = buildCapAlert(makeAdvisory({}, levelsIn, listed), OPTIONS);
        expectValidCap(xml);
        const max = Math.max(...Object.values(levelsIn));
        // "Afghanistan – Central Region: <first category> <level> <name> (highest); …"
        const first = text(xml, 'headline').split(': ')[1]?.split('; ')[0] ?? '';
        const category = CATEGORIES.find((c) => first.startsWith(`${CATEGORY_LABELS[c]} `));
        expect(category && levelsIn[category]).toBe(max);
        expect(first).toMatch(new RegExp(` ${max} ${LEVEL_NAMES[max as Level]} \\(highest\\)$`));
        const firstLine = text(xml, 'description').split('\n')[3];
        expect(firstLine).toMatch(new RegExp(`: ${max} .*\\(highest\\)$`));
        expect(text(xml, 'severity')).toBe(capSeverity(max));
        expect(text(xml, 'responseType')).toBe(capResponseType(max));
      }),
      { numRuns: 25 },
    );
  });

  it('marks an unpublished version as a Draft sent now', () => {
    const xml = buildCapAlert(makeAdvisory({ status: 'approved', publishedAt: null }), OPTIONS);
    expectValidCap(xml);
    expect(text(xml, 'status')).toBe('Draft');
    expect(text(xml, 'sent')).toBe('2026-01-09T13:00:00-00:00');
  });
});

describe('CAP mappings and helpers', () => {
  it('maps the highest level to severity and response type', () => {
    const all = [1, 2, 3, 4, 5, 6];
    expect(all.map(capSeverity).join(' ')).toBe('Minor Minor Moderate Severe Severe Extreme');
    expect(all.map(capResponseType).join(' ')).toBe('Monitor Monitor Prepare Prepare Avoid Avoid');
  });

  it('writes CAP datetimes in UTC with an offset and no fraction', () => {
    expect(capDateTime('2026-01-09T14:34:56.789+02:00')).toBe('2026-01-09T12:34:56-00:00');
    expect(capDateTime(new Date(Date.UTC(2026, 0, 1)))).toBe('2026-01-01T00:00:00-00:00');
    expect(() => capDateTime('yesterday')).toThrow();
  });

  it('gives each advisory version its own identifier', () => {
    const a = makeAdvisory();
    expect(capIdentifier(a)).not.toBe(capIdentifier({ ...a, number: 2 }));
    expect(capIdentifier(a)).not.toBe(capIdentifier({ ...a, areaCode: null }));
  });
});
