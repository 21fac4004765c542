import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anyRise,
  CATEGORIES,
  type CategoryLevels,
  countryLevels,
  daysOverdue,
  highest,
  highestFirst,
  levelChanges,
  nextStatus,
} from './rules';

const arbLevel = fc.integer({ min: 1, max: 6 }) as fc.Arbitrary<1 | 2 | 3 | 4 | 5 | 6>;
const arbLevels: fc.Arbitrary<CategoryLevels> = fc.record({
  armed_conflict: arbLevel,
  terrorism: arbLevel,
  crime: arbLevel,
  civil_unrest: arbLevel,
});

describe('security level rules', () => {
  it('the highest is never lower than any category, and every category at it is named (property)', () => {
    fc.assert(
      fc.property(arbLevels, (levels) => {
        const top = highest(levels);
        for (const c of CATEGORIES) expect(levels[c]).toBeLessThanOrEqual(top.level);
        expect(top.categories.sort()).toEqual(CATEGORIES.filter((c) => levels[c] === top.level).sort());
      }),
    );
  });

  it('orders highest first, ties in canonical order (property)', () => {
    fc.assert(
      fc.property(arbLevels, (levels) => {
        const ordered = highestFirst(levels);
        expect(ordered[0]!.level).toBe(highest(levels).level);
        for (let i = 1; i < ordered.length; i++) {
          const [a, b] = [ordered[i - 1]!, ordered[i]!];
          expect(
            a.level > b.level ||
              (a.level === b.level && CATEGORIES.indexOf(a.category) < CATEGORIES.indexOf(b.category)),
          ).toBe(true);
        }
      }),
    );
    expect(
      highestFirst({ armed_conflict: 2, terrorism: 5, crime: 5, civil_unrest: 1 }).map((l) => l.category),
    ).toEqual(['terrorism', 'crime', 'armed_conflict', 'civil_unrest']);
  });

  it('a country takes each category from its worst area; one quiet area never lowers it (property)', () => {
    fc.assert(
      fc.property(fc.array(arbLevels, { minLength: 1, maxLength: 8 }), (areas) => {
        const c = countryLevels(areas)!;
        for (const cat of CATEGORIES) expect(c[cat]).toBe(Math.max(...areas.map((a) => a[cat])));
      }),
    );
    expect(countryLevels([])).toBeNull();
  });

  it('reports level changes and rises', () => {
    const before: CategoryLevels = { armed_conflict: 3, terrorism: 3, crime: 4, civil_unrest: 2 };
    const after: CategoryLevels = { armed_conflict: 3, terrorism: 5, crime: 3, civil_unrest: 2 };
    expect(levelChanges(before, after)).toEqual([
      { category: 'terrorism', from: 3, to: 5 },
      { category: 'crime', from: 4, to: 3 },
    ]);
    expect(levelChanges(null, after)).toHaveLength(4);
    expect(anyRise(before, after)).toBe(true);
    expect(anyRise(after, { ...after, terrorism: 4 })).toBe(false);
    expect(anyRise(null, after)).toBe(false);
  });

  it('counts days overdue after the review-by date only', () => {
    expect(daysOverdue('2026-11-20', '2026-11-23')).toBe(3);
    expect(daysOverdue('2026-11-23', '2026-11-23')).toBe(0);
    expect(daysOverdue('2027-01-01', '2026-11-23')).toBe(0);
  });

  it('versions move draft → approved → published and are never edited afterwards', () => {
    expect(nextStatus('draft', 'edit')).toBe('draft');
    expect(nextStatus('draft', 'approve')).toBe('approved');
    expect(nextStatus('approved', 'publish')).toBe('published');
    expect(nextStatus('approved', 'return')).toBe('draft');
    expect(nextStatus('draft', 'publish')).toBeNull();
    for (const s of ['approved', 'published', 'superseded'] as const)
      expect(nextStatus(s, 'edit')).toBeNull();
    expect(nextStatus('published', 'publish')).toBeNull();
  });
});
