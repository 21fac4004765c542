import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountedPercent } from '../../modules/rollcall/rules';
import type { BoardCounts, RollCallSummary } from '../api/rollcall-types';
import { clockTime, ordered, percentText, placeOf, summaryPercent, worstFirst } from './board-rules';

const summary = (over: Partial<RollCallSummary>): RollCallSummary => ({
  id: '00000000-0000-4000-8000-000000000000',
  reference: 'RC-2026-0001',
  title: 'Drill',
  country: 'AFG',
  area: 'AFG-01',
  areaName: 'Central',
  zone: null,
  status: 'open',
  startedAt: '2026-11-30T06:00:00.000Z',
  startedBy: 'Tomás',
  closedAt: null,
  total: 0,
  accounted: 0,
  ...over,
});

describe('roll-call screen helpers', () => {
  it('computes the list’s percentage exactly as the server computes the board’s', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), fc.nat(5000), (safe, needHelp, pending) => {
        const total = safe + needHelp + pending;
        expect(summaryPercent({ total, accounted: safe + needHelp })).toBe(
          accountedPercent({ total, safe, needHelp, pending }),
        );
      }),
    );
  });

  it('prints whole and tenth percentages', () => {
    expect(percentText(0)).toBe('0 %');
    expect(percentText(100)).toBe('100 %');
    expect(percentText(66.6)).toBe('66.6 %');
  });

  it('lists open roll calls first, newest first within each', () => {
    const rows = [
      summary({ reference: 'closed-new', status: 'closed', startedAt: '2026-11-30T09:00:00Z' }),
      summary({ reference: 'open-old', startedAt: '2026-11-29T09:00:00Z' }),
      summary({ reference: 'open-new', startedAt: '2026-11-30T08:00:00Z' }),
    ];
    expect(ordered(rows).map((r) => r.reference)).toEqual(['open-new', 'open-old', 'closed-new']);
    expect(rows[0]!.reference).toBe('closed-new');
  });

  it('puts the worst organization or zone first, without losing or inventing rows', () => {
    const counts = fc.record({
      total: fc.nat(100),
      safe: fc.nat(100),
      needHelp: fc.nat(100),
      pending: fc.nat(100),
    });
    fc.assert(
      fc.property(fc.array(counts, { maxLength: 20 }), (raw) => {
        const rows: BoardCounts[] = raw.map((c) => ({ ...c, accountedPercent: accountedPercent(c) }));
        const sorted = worstFirst(rows);
        expect(sorted).toHaveLength(rows.length);
        expect(new Set(sorted)).toEqual(new Set(rows));
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!];
          expect(a.accountedPercent <= b.accountedPercent).toBe(true);
          if (a.accountedPercent === b.accountedPercent) expect(a.pending >= b.pending).toBe(true);
        }
      }),
    );
  });

  it('names the place and prints the clock', () => {
    expect(placeOf(summary({}))).toBe('Central (AFG-01)');
    expect(placeOf(summary({ area: null, areaName: null, zone: 'KBL-N' }))).toBe('Warden zone KBL-N');
    expect(clockTime(new Date(2026, 10, 30, 7, 5, 9))).toBe('07:05:09');
  });
});
