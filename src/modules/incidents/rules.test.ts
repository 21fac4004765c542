import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  findCategory,
  OUTCOMES,
  personnelAffectedTable,
  REPORT_ROWS,
  reportRowFor,
} from './rules';

describe('incident taxonomy', () => {
  it('marks every category violence, safety or situational, with unique codes and one sexual-assault category', () => {
    expect(new Set(CATEGORIES.map((c) => c.code)).size).toBe(CATEGORIES.length);
    expect(CATEGORIES.every((c) => ['violence', 'safety', 'situational'].includes(c.nature))).toBe(true);
    expect(CATEGORIES.filter((c) => /sexual/i.test(c.name))).toHaveLength(1);
    expect(CATEGORIES.filter((c) => c.nature === 'situational').map((c) => c.code)).toEqual([
      'ARMED_CONFLICT',
      'TERRORISM',
      'CRIME',
      'CIVIL_UNREST',
      'HAZARDS',
    ]);
    expect(findCategory('BURGLARY')?.premisesOnly).toBe(true);
  });

  it('finds categories by code or name, case-insensitively', () => {
    expect(findCategory('road crash')?.code).toBe('ROAD_CRASH');
    expect(findCategory('Road traffic crash')?.code).toBe('ROAD_CRASH');
    expect(findCategory('sexual assault')?.code).toBe('SEXUAL_ASSAULT');
    expect(findCategory('arrest-detention')?.code).toBe('ARREST_DETENTION');
    expect(findCategory('meteor strike')).toBeUndefined();
  });
});

describe("the Secretary-General's table of personnel affected", () => {
  it('has exactly the thirteen rows, in order', () => {
    expect(REPORT_ROWS).toHaveLength(13);
    expect(REPORT_ROWS[0]).toBe('Fatalities resulting from acts of violence');
    expect(REPORT_ROWS[12]).toBe('Arrest and detention');
  });

  it('splits deaths and injuries by the nature of the category', () => {
    expect(reportRowFor('VIOLENT_ATTACK', 'killed')).toBe('Fatalities resulting from acts of violence');
    expect(reportRowFor('ROAD_CRASH', 'killed')).toBe('Fatalities resulting from safety-related incidents');
    expect(reportRowFor('ROBBERY', 'injured')).toBe('Injuries resulting from acts of violence');
    expect(reportRowFor('FIRE', 'injured')).toBe('Injuries resulting from safety-related incidents');
    expect(reportRowFor('CRIME', 'killed')).toBeNull();
  });

  it('puts every person in at most one row, and totals always add up (property)', () => {
    const arb = fc.array(
      fc.record({
        year: fc.integer({ min: 2018, max: 2024 }),
        categoryCode: fc.constantFrom(...CATEGORIES.map((c) => c.code)),
        outcome: fc.constantFrom(...OUTCOMES),
        count: fc.integer({ min: 0, max: 50 }),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arb, (counts) => {
        const t = personnelAffectedTable(counts, 2018, 2024);
        const counted = counts
          .filter((c) => reportRowFor(c.categoryCode, c.outcome) !== null)
          .reduce((n, c) => n + c.count, 0);
        expect(t.totals.total).toBe(counted);
        for (const row of t.rows) expect(row.total).toBe(t.years.reduce((n, y) => n + row.byYear[y]!, 0));
        for (const y of t.years)
          expect(t.totals.byYear[y]).toBe(t.rows.reduce((n, r) => n + r.byYear[y]!, 0));
      }),
    );
  });

  it('keeps empty rows as zeros and ignores years outside the range', () => {
    const t = personnelAffectedTable(
      [{ year: 2017, categoryCode: 'ROBBERY', outcome: 'robbed', count: 3 }],
      2020,
      2021,
    );
    expect(t.rows.map((r) => r.total)).toEqual(new Array(13).fill(0));
    expect(t.years).toEqual([2020, 2021]);
  });
});
