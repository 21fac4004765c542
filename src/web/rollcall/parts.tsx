import type { BoardCounts } from '../api/rollcall-types';
import { percentText } from './board-rules';
import './rollcall.css';

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
