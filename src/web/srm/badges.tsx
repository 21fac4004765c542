import { type MeasureStatus, RISKS, type RiskLevel } from '../api/srm-types';
import { MEASURE_STATUS_LABELS, RISK_COLORS, RISK_LABELS, riskStyle, srmStatusLabel } from './risk-levels';

/** One risk level as a coloured badge that always prints its name. */
export function RiskBadge({
  level,
  strong,
  prefix,
  testId,
}: {
  level: RiskLevel;
  strong?: boolean;
  /** Read before the level, e.g. "Inherent". */
  prefix?: string;
  testId?: string;
}) {
  return (
    <span
      className={`risk-badge${strong ? ' is-strong' : ''}`}
      style={riskStyle(level)}
      data-level={level}
      data-testid={testId}
    >
      {prefix ? <span className="sr-only">{prefix}: </span> : null}
      {RISK_LABELS[level]}
    </span>
  );
}

export function MeasureStatusBadge({ status }: { status: MeasureStatus }) {
  return (
    <span className={`badge measure-${status}`} data-testid="measure-status" data-status={status}>
      {MEASURE_STATUS_LABELS[status]}
    </span>
  );
}

export function SrmStatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge srm-${status}`} data-testid="srm-status" data-status={status}>
      {srmStatusLabel(status)}
    </span>
  );
}

/**
 * Counts by residual level as a small stacked bar (highest on the left, where the eye starts)
 * with the non-zero counts written out beside it, so the bar is a picture of the text and not a
 * replacement for it.
 */
export function ResidualBar({ counts }: { counts: Record<RiskLevel, number> }) {
  const levels = [...RISKS].reverse().filter((r) => counts[r] > 0);
  const total = levels.reduce((n, r) => n + counts[r], 0);
  if (total === 0) return <span className="muted small">No risks yet</span>;
  return (
    <div className="residual-bar-wrap">
      <span className="residual-bar" aria-hidden="true">
        {levels.map((r) => (
          <span
            key={r}
            style={{ flexGrow: counts[r], backgroundColor: RISK_COLORS[r].fill }}
            title={`${counts[r]} ${RISK_LABELS[r]}`}
          />
        ))}
      </span>
      <span className="residual-counts small">
        {levels.map((r) => `${counts[r]} ${RISK_LABELS[r]}`).join(' · ')}
      </span>
    </div>
  );
}
