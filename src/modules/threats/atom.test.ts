import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAtomFeed } from './atom';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  type CategoryLevels,
  highest,
  highestFirst,
  LEVEL_NAMES,
} from './rules';
import { type Advisory, advisory as advisorySchema } from './threats.schema';
import { el, elAttrs, escapeXml, toXml } from './xml';

const dir = mkdtempSync(path.join(tmpdir(), 'smin-atom-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

/** Runs xmllint on `xml`; a missing xmllint fails the test rather than skipping the check. */
function xmllint(args: string[], xml: string): string {
  const file = path.join(dir, `feed-${++fileNo}.xml`);
  writeFileSync(file, xml);
  try {
    return execFileSync('xmllint', [...args, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { status?: number; stderr?: string };
    if (err.code === 'ENOENT') throw new Error('xmllint not found: install libxml2-utils');
    throw new Error(`xmllint ${args.join(' ')} exited ${err.status}:\n${err.stderr}\n${xml}`);
  }
}
const xpath = (xml: string, expr: string) => xmllint(['--xpath', expr], xml).replace(/\n$/, '');
/** All string values of `expr` (an XPath selecting nodes), in document order. */
const all = (xml: string, expr: string) =>
  Array.from({ length: Number(xpath(xml, `count(${expr})`)) }, (_, i) =>
    xpath(xml, `string((${expr})[${i + 1}])`),
  );

function makeAdvisory(over: Partial<Advisory>, levels: CategoryLevels): Advisory {
  const top = highest(levels);
  return advisorySchema.parse({
    id: 'adv-1',
    countryCode: 'SOM',
    countryName: 'Somalia',
    areaId: null,
    areaCode: null,
    areaName: null,
    number: 1,
    status: 'published',
    headline: 'Advisory',
    guidance: '',
    highest: { level: top.level, name: LEVEL_NAMES[top.level], categories: top.categories },
    levels: highestFirst(levels).map(({ category, level }) => ({
      category,
      label: CATEGORY_LABELS[category],
      level,
      name: LEVEL_NAMES[level],
    })),
    requiredClearance: 'automatic',
    requiredTraining: ['BSAFE'],
    contacts: [],
    effectiveDate: '2026-01-01',
    reviewBy: '2026-03-31',
    overdue: false,
    daysOverdue: 0,
    ownerId: null,
    ownerName: null,
    approvedAt: null,
    publishedAt: '2026-01-01T09:00:00.000Z',
    changes: [],
    version: 1,
    ...over,
  });
}

const LOW: CategoryLevels = { armed_conflict: 1, terrorism: 2, crime: 3, civil_unrest: 2 };
const HIGH: CategoryLevels = { armed_conflict: 4, terrorism: 6, crime: 5, civil_unrest: 3 };
const BASE = 'https://smin.un.example/';
const feedOf = (advisories: Advisory[]) =>
  buildAtomFeed(advisories, { baseUrl: BASE, updated: new Date('2026-02-01T00:00:00Z') });

describe('buildAtomFeed', () => {
  const advisories = [
    makeAdvisory(
      { id: 'a-old', number: 1, publishedAt: '2026-01-05T10:00:00.000Z', status: 'superseded' },
      LOW,
    ),
    makeAdvisory({ id: 'a-new', number: 2, publishedAt: '2026-01-20T10:00:00+01:00' }, HIGH),
    makeAdvisory(
      { id: 'b', countryCode: 'KEN', countryName: 'Kenya', publishedAt: '2026-01-10T00:00:00Z' },
      LOW,
    ),
    makeAdvisory({ id: 'draft', number: 3, status: 'draft', publishedAt: null }, HIGH),
  ];

  it('is a well-formed Atom feed of published versions, newest first', () => {
    const xml = feedOf(advisories);
    expect(() => xmllint(['--noout'], xml)).not.toThrow();
    expect(xpath(xml, 'namespace-uri(/*)')).toBe('http://www.w3.org/2005/Atom');
    expect(xpath(xml, 'string(/*/*[local-name()="updated"])')).toBe('2026-02-01T00:00:00Z');
    expect(xpath(xml, 'string(/*/*[local-name()="link"][@rel="self"]/@href)')).toBe(
      'https://smin.un.example/api/advisories/feed.atom',
    );
    const entry = '//*[local-name()="entry"]';
    expect(all(xml, `${entry}/*[local-name()="id"]`)).toEqual([
      'urn:opensmin:advisory:SOM:2',
      'urn:opensmin:advisory:KEN:1',
      'urn:opensmin:advisory:SOM:1',
    ]);
    expect(all(xml, `${entry}/*[local-name()="updated"]`)).toEqual([
      '2026-01-20T09:00:00Z',
      '2026-01-10T00:00:00Z',
      '2026-01-05T10:00:00Z',
    ]);
  });

  it('links each entry to its page and encloses its CAP alert', () => {
    const xml = feedOf(advisories);
    const entry = '//*[local-name()="entry"]';
    expect(all(xml, `${entry}/*[local-name()="link"][@rel="alternate"]/@href`)).toEqual(
      ['a-new', 'b', 'a-old'].map((id) => `https://smin.un.example/advisories/${id}`),
    );
    expect(all(xml, `${entry}/*[local-name()="link"][@rel="enclosure"]/@href`)).toEqual(
      ['a-new', 'b', 'a-old'].map((id) => `https://smin.un.example/api/advisories/${id}/cap.xml`),
    );
    expect(all(xml, `${entry}/*[local-name()="link"][@rel="enclosure"]/@type`)).toEqual(
      Array(3).fill('application/cap+xml'),
    );
  });

  it('titles entries highest first and categorises them by category and level', () => {
    const xml = feedOf(advisories);
    const first = '(//*[local-name()="entry"])[1]';
    expect(xpath(xml, `string(${first}/*[local-name()="title"])`)).toBe(
      'Somalia: Terrorism 6 Extreme (highest); Crime 5 High; Armed conflict 4 Substantial; Civil unrest 3 Moderate',
    );
    const terms = all(
      xml,
      `${first}/*[local-name()="category"][@scheme="urn:opensmin:security-level"]/@term`,
    );
    expect(terms).toEqual(['terrorism:6', 'crime:5', 'armed_conflict:4', 'civil_unrest:3']);
    expect(terms.map((t) => t.split(':')[0]).sort()).toEqual([...CATEGORIES].sort());
  });

  it('stays well-formed with hostile text and an empty list', () => {
    const hostile = `<script>&"'\u0000]]>`;
    const a = makeAdvisory({ headline: hostile, countryName: hostile, id: 'x"><y' }, HIGH);
    const xml = buildAtomFeed([a], { baseUrl: BASE, title: hostile });
    expect(() => xmllint(['--noout'], xml)).not.toThrow();
    const clean = hostile.replace('\u0000', '');
    expect(xpath(xml, 'string(/*/*[local-name()="title"])')).toBe(clean);
    expect(xpath(xml, 'string(//*[local-name()="summary"])')).toContain(clean);
    expect(xpath(xml, 'string(//*[local-name()="link"][@rel="enclosure"]/@href)')).toBe(
      'https://smin.un.example/api/advisories/x%22%3E%3Cy/cap.xml',
    );
    expect(() => xmllint(['--noout'], buildAtomFeed([], { baseUrl: BASE }))).not.toThrow();
  });
});

describe('xml writer', () => {
  it('escapes markup and strips characters XML 1.0 forbids', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u0008c\u000Bd\uFFFEe\uD800f\tg\nh')).toBe('abcdef\tg\nh');
    expect(escapeXml('😀 é')).toBe('😀 é');
  });

  it('round-trips text and attribute values through a parser', () => {
    const value = `tab\there\nline "q" 'a' <&> \r end`;
    const xml = toXml(el('root', elAttrs('item', { note: value }, value), el('empty'), null, false));
    expect(xpath(xml, 'string(/root/item)')).toBe(value);
    expect(xpath(xml, 'string(/root/item/@note)')).toBe(value);
    expect(xml).toContain('<empty/>');
    expect(() => el('bad name')).toThrow();
  });
});
