import type { BoardCounts, RollCallSummary } from '../api/rollcall-types';

/** Pure helpers of the roll-call screens (no React, no CSS), unit-tested in board-rules.test.ts. */

/** Whole and tenth-of-a-percent numbers as people read them: "66.6 %", "100 %". */
export const percentText = (p: number) => `${Number.isInteger(p) ? p : p.toFixed(1)} %`;

/** Percent of a roll call's people accounted for (safe or asking for help), from list counts. */
export function summaryPercent(r: Pick<RollCallSummary, 'total' | 'accounted'>): number {
  if (r.total === 0) return 100;
  return Math.floor((r.accounted * 1000) / r.total) / 10;
}

export const placeOf = (r: Pick<RollCallSummary, 'area' | 'areaName' | 'zone'>) =>
  r.area ? `${r.areaName ?? r.area} (${r.area})` : r.zone ? `Warden zone ${r.zone}` : '—';

/** Open roll calls first (newest first within each), each with how many are accounted for. */
export const ordered = (rows: readonly RollCallSummary[]) =>
  [...rows].sort(
    (a, b) =>
      (a.status === 'open' ? 0 : 1) - (b.status === 'open' ? 0 : 1) || b.startedAt.localeCompare(a.startedAt),
  );

/** Worst first: the lowest accounted-for share, then the most people not accounted for. */
export const worstFirst = <T extends BoardCounts>(rows: readonly T[]) =>
  [...rows].sort((a, b) => a.accountedPercent - b.accountedPercent || b.pending - a.pending);

const two = (n: number) => String(n).padStart(2, '0');

/** HH:MM:SS in the reader's time zone. */
export function clockTime(at: number | string | Date): string {
  const d = new Date(at);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
