import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLevelAlert, guidanceFor, levelAlertKey, levelRises } from './level-alert';
import { CATEGORIES, type CategoryLevels, type Level, levelChanges } from './rules';

const level = fc.integer({ min: 1, max: 6 }) as fc.Arbitrary<Level>;
const levels = fc.record(
  Object.fromEntries(CATEGORIES.map((c) => [c, level])),
) as fc.Arbitrary<CategoryLevels>;

describe('levelRises', () => {
  it('is exactly the categories that went up; nothing for a first version', () => {
    fc.assert(
      fc.property(levels, levels, (before, after) => {
        const rises = levelRises(levelChanges(before, after));
        expect(rises.map((r) => r.category)).toEqual(CATEGORIES.filter((c) => after[c] > before[c]));
        expect(levelRises(levelChanges(null, after))).toEqual([]);
      }),
    );
  });
});

describe('levelAlertKey', () => {
  it('one key per version and levels', () => {
    const l = { armed_conflict: 2, terrorism: 5, crime: 3, civil_unrest: 2 } as CategoryLevels;
    expect(levelAlertKey('assessment', 'a-1', l)).toBe('threat.level_alert:assessment:a-1:2532');
    expect(levelAlertKey('advisory', 'a-1', l)).not.toBe(levelAlertKey('assessment', 'a-1', l));
  });
});

describe('buildLevelAlert', () => {
  const facts = {
    kind: 'assessment' as const,
    id: 'a-1',
    countryCode: 'AFG',
    areaId: 'x',
    areaCode: 'AFG-01',
    areaName: 'Central',
  };
  it('names the place, what rose and the guidance for the highest new level; no names', () => {
    const m = buildLevelAlert(facts, [
      { category: 'terrorism', from: 2, to: 5 },
      { category: 'crime', from: 4, to: 3 },
    ]);
    expect(m.subject).toBe('[OpenSMIN] Threat level raised in Central, AFG: now 5 High');
    expect(m.text).toContain('- Terrorism: 2 Low → 5 High');
    expect(m.text).not.toContain('Crime');
    expect(m.text).toContain(guidanceFor(5));
    expect(m).toMatchObject({
      assessmentId: 'a-1',
      highest: 5,
      rises: [{ category: 'terrorism', from: 2, to: 5 }],
    });
  });
  it('an advisory gives its own guidance, shortened', () => {
    const m = buildLevelAlert({ ...facts, kind: 'advisory', areaName: null, guidance: 'x'.repeat(2000) }, [
      { category: 'crime', from: 1, to: 2 },
    ]);
    expect(m.subject).toBe('[OpenSMIN] Travel advisory raised in AFG: now 2 Low');
    expect(m.text).toContain(`What to do: ${'x'.repeat(599)}…`);
    expect(m).toMatchObject({ advisoryId: 'a-1' });
  });
  it('guidance grows firmer with the level', () => {
    expect(guidanceFor(1)).toBe(guidanceFor(2));
    expect(guidanceFor(3)).not.toBe(guidanceFor(2));
    expect(guidanceFor(6)).toBe(guidanceFor(5));
  });
});
