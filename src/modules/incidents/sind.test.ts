import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSindSample } from '../../../test/support/sind-sample';
import { KNOWN_SEXES } from './personnel-counts';
import { mapSindRecord, SIND_OUTCOMES, sindCategory, sindColumnOf, sindCountColumn } from './sind';

const sample = loadSindSample();
const byId = (id: number) => sample.find((r) => r['SiND Event ID'] === id)!;
const ORGS = [
  { code: 'ICRC', name: 'Red Cross (ICRC/IFRC)' },
  { code: 'UNICEF', name: 'United Nations Children’s Fund' },
];

/** A record of zeros with the given cells set. */
function record(cells: Record<string, unknown>) {
  const base = { ...byId(44580) };
  for (const k of Object.keys(base)) if (/Aid Workers/.test(k)) base[k] = '0';
  return { ...base, ...cells };
}

describe('SiND category rule', () => {
  it('takes the most severe outcome: killed, kidnapped, injured, arrested', () => {
    expect(sindCategory({ killed: 1, abducted: 3, injured: 2, arrested_detained: 1 })).toBe('VIOLENT_ATTACK');
    expect(sindCategory({ abducted: 3, injured: 1 })).toBe('ABDUCTION');
    expect(sindCategory({ injured: 1, arrested_detained: 4 })).toBe('VIOLENT_ATTACK');
    expect(sindCategory({ arrested_detained: 1 })).toBe('ARREST_DETENTION');
    expect(sindCategory({})).toBeUndefined();
  });

  it('gives a category whenever someone was affected (property)', () => {
    const n = fc.nat(5);
    fc.assert(
      fc.property(fc.record({ killed: n, injured: n, abducted: n, arrested_detained: n }), (t) => {
        const any = Object.values(t).some((v) => v > 0);
        expect(sindCategory(t) !== undefined).toBe(any);
        if (t.killed > 0) expect(sindCategory(t)).toBe('VIOLENT_ATTACK');
      }),
    );
  });
});

describe('mapping a SiND record', () => {
  it('maps every column of a real event', () => {
    const m = mapSindRecord(byId(44706), ORGS);
    if (!m.ok) throw new Error(JSON.stringify(m.errors));
    expect(m.eventId).toBe('44706');
    expect(m.provenance).toEqual({ source: 'sind', sourceId: '44706', sourceRecord: byId(44706) });
    expect(m.input).toMatchObject({
      occurredOn: '2024-02-25',
      countryCode: 'PSE',
      admin1: 'Gaza Strip',
      lat: 31.3517405124,
      lon: 34.2981790731,
      geoPrecision: '(2) 25 km precision',
      location: 'Road',
      perpetratorType: 'Host Government: Military',
      perpetratorName: 'Israeli Defence Forces',
      weapon: 'Firearms',
      categoryCode: 'ARREST_DETENTION',
      relevance: 'situational',
      organizationCodes: [],
      context: 'Organisation affected: Red Cross (Nat Soc)',
      captivityOutcome: 'Freed',
      impacts: [{ kind: 'programme', description: 'Programme focus: Health' }],
      personnel: [
        { category: 'national', sex: 'unknown', outcome: 'arrested_detained', count: 3, inCaptivity: false },
      ],
    });
    expect(m.input.narrative).toMatch(/^25 February 2024: A Red Cross and UN evacuation convoy/);
    expect(m.input.title.length).toBeLessThanOrEqual(300);
    expect(m.input.title.endsWith('…')).toBe(true);
    expect(m.input.narrative.startsWith(m.input.title.slice(0, -1))).toBe(true);
  });

  it('recognises our organizations by name or code and marks the event as ours', () => {
    const m = mapSindRecord(
      record({ 'Organisation Affected': 'INGO, red cross (icrc/ifrc)', 'Aid Workers Killed': '1' }),
      ORGS,
    );
    expect(m.ok && m.input).toMatchObject({
      organizationCodes: ['ICRC'],
      relevance: 'organization',
      context: 'Organisation affected: INGO',
      impacts: [{ kind: 'programme' }],
    });
    // Two organizations named: the people and the programme may be the other one's.
    expect(m.ok && m.input.impacts[0]?.organizationCode).toBeUndefined();
    expect(m.ok && m.input.personnel[0]?.organizationCode).toBeUndefined();
    const byCode = mapSindRecord(
      record({ 'Organisation Affected': 'unicef', 'Aid Workers Killed': '1' }),
      ORGS,
    );
    expect(byCode.ok && byCode.input).toMatchObject({
      organizationCodes: ['UNICEF'],
      personnel: [{ organizationCode: 'UNICEF', outcome: 'killed' }],
      impacts: [{ organizationCode: 'UNICEF' }],
    });
  });

  it('keeps "no information" out of the fields and the title within 300 characters', () => {
    const m = mapSindRecord(
      record({
        'Aid Workers Injured': '1',
        'Reported Perpetrator': 'No Information',
        'Weapon Carried/Used': 'No Information on the Weapon Used',
        'Location of Incident': 'No information',
        'Programme Focus': 'No information',
        'Event Description': 'x'.repeat(900),
        Latitude: null,
        Longitude: null,
      }),
      ORGS,
    );
    if (!m.ok) throw new Error(JSON.stringify(m.errors));
    expect(m.input).toMatchObject({
      perpetratorType: '',
      weapon: '',
      location: '',
      impacts: [],
      lat: null,
      lon: null,
    });
    expect(m.input.title).toHaveLength(300);
    expect(m.input.narrative).toHaveLength(900);
  });

  it('splits the killed into those outside and those in captivity, each keeping both splits', () => {
    const m = mapSindRecord(byId(26570), ORGS); // 4 killed in captivity: 1 national; 4 male
    if (!m.ok) throw new Error(JSON.stringify(m.errors));
    expect(m.input.personnel.filter((p) => p.outcome === 'killed')).toEqual([
      expect.objectContaining({ category: 'national', sex: 'male', count: 1, inCaptivity: true }),
      expect.objectContaining({ category: 'unknown', sex: 'male', count: 3, inCaptivity: true }),
    ]);
    expect(m.input.categoryCode).toBe('VIOLENT_ATTACK');
  });

  it('names the SiND column of every bad cell', () => {
    const m = mapSindRecord(
      record({
        'SiND Event ID': 77,
        Date: '',
        'Country ISO': 'Narnia',
        Latitude: 'north',
        'Aid Workers Killed': '-1',
        'Aid Workers Injured': 'two',
      }),
      ORGS,
    );
    expect(m).toEqual({
      ok: false,
      eventId: '77',
      errors: expect.arrayContaining([
        { field: 'Date', message: 'required' },
        { field: 'Country ISO', message: expect.stringContaining('not an ISO 3166 alpha-3') },
        { field: 'Latitude', message: '"north" is not a number' },
        { field: 'Aid Workers Killed', message: '-1 is negative' },
        { field: 'Aid Workers Injured', message: '"two" is not a whole number' },
      ]),
    });
  });

  it('names the column of a split larger than its total', () => {
    const m = mapSindRecord(
      record({
        'Aid Workers Kidnapped': '1',
        'Female Aid Workers Kidnapped': '2',
        'Aid Workers Arrested': '2',
        'International Aid Workers Arrested': '2',
        'National Aid Workers Arrested': '1',
      }),
      ORGS,
    );
    expect(m).toMatchObject({
      ok: false,
      errors: [
        { field: 'Female Aid Workers Kidnapped', message: 'female 2 is more than the total 1' },
        {
          field: 'International Aid Workers Arrested',
          message: 'international 2 + national 1 is more than the total 2',
        },
      ],
    });
  });

  it('rejects an event with no one affected, or killed in captivity beyond the killed', () => {
    expect(mapSindRecord(record({}), ORGS)).toMatchObject({
      ok: false,
      errors: [{ field: 'Aid Workers Killed', message: expect.stringContaining('no aid worker') }],
    });
    expect(
      mapSindRecord(record({ 'Aid Workers Killed': '1', 'Aid Workers Killed in Captivity': '2' }), ORGS),
    ).toMatchObject({ ok: false, errors: [{ field: 'Aid Workers Killed in Captivity' }] });
    expect(mapSindRecord('not an object', ORGS)).toMatchObject({ ok: false, errors: [{ field: 'record' }] });
  });

  it('names the column behind a standard-form field', () => {
    expect(sindColumnOf('lat')).toBe('Latitude');
    expect(sindColumnOf('countryCode')).toBe('Country ISO');
    expect(
      sindColumnOf('personnel.1.count', [
        {
          category: 'unknown',
          sex: 'unknown',
          outcome: 'killed',
          count: 1,
          inCaptivity: false,
          personName: '',
          lineManagerEmail: '',
        },
        {
          category: 'unknown',
          sex: 'unknown',
          outcome: 'abducted',
          count: 1,
          inCaptivity: false,
          personName: '',
          lineManagerEmail: '',
        },
      ]),
    ).toBe('Aid Workers Kidnapped');
  });
});

describe('the whole sample', () => {
  const mapped = sample.map((r) => mapSindRecord(r, ORGS));

  it('maps all 1,299 events', () => {
    expect(sample).toHaveLength(1299);
    const failed = mapped.flatMap((m, i) => (m.ok ? [] : [{ i, errors: m.errors }]));
    expect(failed).toEqual([]);
  });

  it('keeps every count of every event: totals, international/national and female/male', () => {
    const n = (v: unknown) => Number(v ?? 0);
    mapped.forEach((m, i) => {
      if (!m.ok) return;
      const r = sample[i]!;
      for (const [word, outcome] of Object.entries(SIND_OUTCOMES)) {
        const rows = m.input.personnel.filter((p) => p.outcome === outcome);
        const total = (f: (p: (typeof rows)[number]) => boolean) =>
          rows.filter(f).reduce((a, p) => a + p.count, 0);
        const o = word as keyof typeof SIND_OUTCOMES;
        expect(total(() => true)).toBe(n(r[sindCountColumn(o, 'total')]));
        expect(total((p) => p.category === 'international')).toBe(n(r[sindCountColumn(o, 'international')]));
        expect(total((p) => p.category === 'national')).toBe(n(r[sindCountColumn(o, 'national')]));
        for (const s of KNOWN_SEXES) expect(total((p) => p.sex === s)).toBe(n(r[sindCountColumn(o, s)]));
      }
      const kc = m.input.personnel.filter((p) => p.inCaptivity);
      const sumKc = (f: (p: (typeof kc)[number]) => boolean) => kc.filter(f).reduce((a, p) => a + p.count, 0);
      expect(sumKc(() => true)).toBe(n(r['Aid Workers Killed in Captivity']));
      expect(sumKc((p) => p.category === 'international')).toBe(
        n(r['International Aid Workers Killed in Captivity']),
      );
      expect(sumKc((p) => p.category === 'national')).toBe(n(r['National Aid Workers Killed in Captivity']));
      expect(sumKc((p) => p.sex === 'female')).toBe(n(r['Female Aid Workers Killed in Captivity']));
      expect(sumKc((p) => p.sex === 'male')).toBe(n(r['Male Aid Workers Killed in Captivity']));
    });
  });
});
