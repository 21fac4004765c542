import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../registry/import-parse';
import { mapHxlRow } from './hxl';
import { parseHashtag, readHxlTable } from './hxl-table';
import type { MappedRow } from './interchange';

const inputOf = (m: MappedRow | undefined) => {
  if (!m?.ok) throw new Error(JSON.stringify(m));
  return m.input;
};
const table = (csv: string) => readHxlTable(readCsvRecords(csv));
const mapAll = (csv: string) => {
  const t = table(csv);
  return t.rows.map((r) => mapHxlRow(t, r));
};
const fileError = (csv: string) => {
  try {
    table(csv);
  } catch (e) {
    return (e as { errors: { message: string }[] }).errors[0]!.message;
  }
  return null;
};

const HEAD = '#event+id,#date+occurred,#country+code,#event+type';

describe('hashtags', () => {
  it('reads tag and attributes in any spacing and case', () => {
    expect(parseHashtag('#affected +killed +F')).toEqual({ tag: 'affected', attributes: ['killed', 'f'] });
    expect(parseHashtag(' #Country_ISO ')).toEqual({ tag: 'country_iso', attributes: [] });
    expect(parseHashtag('# geo+lat')).toEqual({ tag: 'geo', attributes: ['lat'] });
    expect(parseHashtag('Country')).toBeNull();
    expect(parseHashtag('#9lives')).toBeNull();
  });
});

describe('finding the columns', () => {
  it('takes the first row of hashtags, after any human header rows', () => {
    const t = table(`Id,Date,Country,Type\nnotes,,,\n${HEAD}\n1,2024-01-01,KEN,robbery\n`);
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.line).toBe(4);
  });

  it('refuses files without a hashtag row, or without a required column', () => {
    expect(fileError('id,date\n1,2024-01-01\n')).toMatch(/No HXL hashtag row/);
    expect(fileError('#event+id,#date+occurred\n1,2024-01-01\n')).toBe(
      'Required HXL columns missing: #country+code, #event+type+code',
    );
    expect(fileError('#event+id,#country+code,#event+type\n')).toBe(
      'Required HXL columns missing: #date+occurred',
    );
  });

  it('refuses count columns that are ambiguous or joint', () => {
    expect(fileError(`${HEAD},#affected+killed+aidworker,#affected+killed`)).toMatch(/count the same people/);
    expect(fileError(`${HEAD},#affected+killed+national+f`)).toMatch(/separate columns/);
    expect(fileError(`${HEAD},#affected+injured+captivity`)).toMatch(/only the killed/);
  });

  it('reads the same row whatever the order of the columns (property)', () => {
    const cols = [
      ['#event+id', 'e-1'],
      ['#date+occurred', '2024-05-02'],
      ['#country+code', 'som'],
      ['#event+type', 'Abduction or kidnapping'],
      ['#description+title', 'Two abducted'],
      ['#affected+kidnapped', '2'],
      ['#affected+kidnapped+national', '1'],
      ['#affected+kidnapped+f', '2'],
      ['#geo+lat', '2.05'],
      ['#geo+lon', '45.3'],
      ['#x_unknown+tag', 'ignored'],
    ];
    const reference = mapAll(`${cols.map((c) => c[0]).join(',')}\n${cols.map((c) => c[1]).join(',')}\n`)[0]!;
    expect(reference.ok).toBe(true);
    fc.assert(
      fc.property(fc.shuffledSubarray(cols, { minLength: cols.length }), (shuffled) => {
        const m = mapAll(
          `${shuffled.map((c) => c[0]).join(',')}\n${shuffled.map((c) => c[1]).join(',')}\n`,
        )[0]!;
        expect(inputOf(m)).toEqual(inputOf(reference));
      }),
    );
  });
});

describe('mapping a row', () => {
  it('maps the standard columns, categories by name or code in any case', () => {
    const [a, b] = mapAll(
      [
        `${HEAD},#adm1+name,#loc+name,#geo+lat,#geo+lon,#group+perp,#group+perp+name,#weapon,#description,#org+code,#x_relevance,#affected+killed,#affected+killed+international,#affected+killed+m,#affected+killed+captivity,#impact+premises,#impact+premises+code,#value+loss+premises`,
        `a-1,2024-02-29,ken,rObBeRy,Nairobi,Gigiri,-1.23,36.8,Criminal,,Knife,"A guard was robbed, then threatened.",ORGA | ORGB,,,,,,,,`,
        'a-2,2024-03-01,KEN,VIOLENT_attack,,,,,,,,,,near miss,2,1,1,1,Guest house | Office,GH-1 | OF-2,1500.5',
      ].join('\n'),
    );
    expect(a).toMatchObject({
      ok: true,
      eventId: 'a-1',
      provenance: { source: 'hxl', sourceId: 'a-1' },
      input: {
        occurredOn: '2024-02-29',
        countryCode: 'KEN',
        categoryCode: 'ROBBERY',
        admin1: 'Nairobi',
        location: 'Gigiri',
        lat: -1.23,
        lon: 36.8,
        perpetratorType: 'Criminal',
        weapon: 'Knife',
        title: 'A guard was robbed, then threatened.',
        narrative: 'A guard was robbed, then threatened.',
        organizationCodes: ['ORGA', 'ORGB'],
        relevance: 'organization',
        personnel: [],
        impacts: [],
      },
    });
    expect(inputOf(b)).toMatchObject({
      categoryCode: 'VIOLENT_ATTACK',
      relevance: 'near_miss',
      personnel: [
        { outcome: 'killed', category: 'international', sex: 'male', count: 1, inCaptivity: false },
        { outcome: 'killed', category: 'unknown', sex: 'unknown', count: 1, inCaptivity: true },
      ],
      impacts: [
        { kind: 'premises', description: 'Guest house', premisesCode: 'GH-1', estimatedLoss: 1500.5 },
        { kind: 'premises', description: 'Office', premisesCode: 'OF-2' },
      ],
    });
  });

  it('names the hashtag of each bad cell', () => {
    const [m] = mapAll(
      `${HEAD},#geo+lat,#geo+lon,#affected+injured,#affected+injured+f,#x_relevance\n,01/02/2024,KEN,Teleportation,abc,,-2,,sometimes\n`,
    );
    expect(m).toEqual({
      ok: false,
      errors: [
        { field: '#event+id', message: expect.stringContaining('required') },
        { field: '#date+occurred', message: '"01/02/2024" is not a date (YYYY-MM-DD)' },
        { field: '#event+type', message: 'unknown category "Teleportation"' },
        { field: '#geo+lat', message: '"abc" is not a number' },
        { field: '#x_relevance', message: '"sometimes" is not organization, situational or near_miss' },
        { field: '#affected+injured', message: '-2 is negative' },
      ],
    });
    const [split] = mapAll(
      `${HEAD},#affected+injured,#affected+injured+f\nz,2024-01-01,KEN,violent attack,1,3\n`,
    );
    expect(split).toMatchObject({
      ok: false,
      eventId: 'z',
      errors: [{ field: '#affected+injured+f', message: 'female 3 is more than the total 1' }],
    });
  });

  it('takes a total from the larger split when the file has no total column', () => {
    const [m] = mapAll(
      `${HEAD},#affected+kidnapped+national,#affected+kidnapped+f,#affected+kidnapped+m\nk,2024-01-01,NGA,abduction,3,1,1\n`,
    );
    expect(inputOf(m).personnel.reduce((n, p) => n + p.count, 0)).toBe(3);
    // Without a title or description the title says what, by category and event id.
    expect(inputOf(m).title).toBe('Abduction or kidnapping (event k)');
  });

  it('reads dates with a time and offset, and cells escaped against formula injection', () => {
    const [m] = mapAll(
      `#event+id,#date+occurred+time,#country+code,#event+type,#description+title,#geo+lon,#geo+lat\nt,2024-06-01T23:30:00+04:30,AFG,Robbery,"'=HYPERLINK(""x"")",'-70.1,34\n`,
    );
    expect(inputOf(m)).toMatchObject({
      occurredAt: '2024-06-01T23:30:00+04:30',
      title: '=HYPERLINK("x")',
    });
    expect(inputOf(m).occurredOn).toBeUndefined();
    expect(inputOf(m).lon).toBe(-70.1);
  });

  it('rejects a value in a column without a hashtag', () => {
    const [m] = mapAll(`${HEAD}\nr,2024-01-01,KEN,robbery,stray\n`);
    expect(m).toMatchObject({
      ok: false,
      errors: [{ field: 'row', message: expect.stringContaining('column 5') }],
    });
  });
});
