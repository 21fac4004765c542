import type { BoardCounts, RollCallSummary } from '../api/rollcall-types';
import './rollcall.css';

/** Whole and tenth-of-a-percent numbers as people read them: "66.6 %", "100 %". */
export const percentText = (p: number) => `${Number.isInteger(p) ? p : p.toFixed(1)} %`;

/** Percent of a roll call's people accounted for (safe or asking for help), from list counts. */
export function summaryPercent(r: Pick<RollCallSummary, 'total' | 'accounted'>): number {
  if (r.total === 0) return 100;
  return Math.floor((r.accounted * 1000) / r.total) / 10;
}

/**
 * An accounted-for bar: green for safe, red for those who need help (they are accounted for too),
 * grey for the rest. A progressbar for assistive technology, its value the accounted-for percent.
 */
export function AccountedBar({
  label,
  percent,
  safe,
  needHelp,
  total,
  large,
}: {
  label: string;
  percent: number;
  safe: number;
  needHelp: number;
  total: number;
  large?: boolean;
}) {
  const width = (n: number) => `${total === 0 ? 0 : (n * 100) / total}%`;
  return (
    <div
      className={`rc-bar${large ? ' large' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percentText(percent)} accounted for: ${safe + needHelp} of ${total}`}
    >
      <span className="safe" style={{ width: width(safe) }} />
      <span className="need-help" style={{ width: width(needHelp) }} />
    </div>
  );
}

export function CountsBar({ label, counts, large }: { label: string; counts: BoardCounts; large?: boolean }) {
  return (
    <AccountedBar
      label={label}
      percent={counts.accountedPercent}
      safe={counts.safe}
      needHelp={counts.needHelp}
      total={counts.total}
      large={large}
    />
  );
}

export const placeOf = (r: Pick<RollCallSummary, 'area' | 'areaName' | 'zone'>) =>
  r.area ? `${r.areaName ?? r.area} (${r.area})` : r.zone ? `Warden zone ${r.zone}` : '—';

const two = (n: number) => String(n).padStart(2, '0');

/** HH:MM:SS in the reader's time zone. */
export function clockTime(at: number | string | Date): string {
  const d = new Date(at);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
