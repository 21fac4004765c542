import { useState } from 'react';
import type { Risk, SrmDetail } from '../api/srm-types';
import { formatDateTime } from '../ui/page';
import { RiskBadge } from './badges';
import { MeasureForm } from './measure-form';
import { MeasureItem } from './measure-item';
import { OverrideForm } from './override-form';
import { CATEGORY_LABELS, IMPACT_LABELS, LIKELIHOOD_LABELS, STRATEGY_LABELS } from './risk-levels';

/**
 * One risk: inherent → residual, the expected level beside it, an override flagged with its
 * reason (never hidden), and its measures with the actions the user may take on them.
 */
export function RiskCard({
  risk: r,
  n,
  srm,
  writable,
}: {
  risk: Risk;
  n: number;
  srm: SrmDetail;
  writable: boolean;
}) {
  const [open, setOpen] = useState<'measure' | 'override' | null>(null);
  const headingId = `risk-${r.id}`;

  return (
    <li
      className="risk-card"
      data-testid="risk"
      data-risk={r.id}
      data-inherent={r.inherent.level}
      data-residual={r.residual.level}
      data-expected={r.expected.level}
      data-effective={r.effective.level}
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>
        <span className="number-chip" aria-hidden="true">
          {n}
        </span>
        <span className="sr-only">Risk {n}: </span>
        {r.title}
      </h3>
      <p className="muted small">
        {CATEGORY_LABELS[r.category]} · {LIKELIHOOD_LABELS[r.likelihood]} × {IMPACT_LABELS[r.impact]} ·
        strategy: {STRATEGY_LABELS[r.strategy]}
        {r.exposed ? ` · exposed: ${r.exposed}` : ''}
      </p>
      <div className="risk-levels">
        <span className="step">
          <span className="step-label">Inherent</span>
          <RiskBadge level={r.inherent.level} prefix="Inherent" testId="inherent" />
        </span>
        <span aria-hidden="true">→</span>
        <span className="step">
          <span className="step-label">Residual</span>
          <RiskBadge level={r.effective.level} strong prefix="Residual" testId="residual" />
          {r.override ? <span className="badge bad">overridden</span> : null}
        </span>
        <span className="step">
          <span className="step-label">Expected if all approved measures were implemented</span>
          <RiskBadge level={r.expected.level} prefix="Expected" testId="expected" />
        </span>
      </div>
      {r.override ? (
        <p className="override-note" data-testid="override">
          <strong>
            Residual overridden to {r.override.label} (computed: {r.residual.label}).
          </strong>{' '}
          Reason: {r.override.reason}
          <span className="muted small"> — {formatDateTime(r.override.at)}</span>
        </p>
      ) : null}
      {r.measures.length > 0 ? (
        <ul className="measure-list" aria-label={`Measures for risk ${n}`}>
          {r.measures.map((m) => (
            <MeasureItem key={m.id} measure={m} writable={writable} />
          ))}
        </ul>
      ) : (
        <p className="muted small">No measures yet.</p>
      )}
      {writable && open === null ? (
        <div className="risk-actions">
          <button type="button" className="button secondary small" onClick={() => setOpen('measure')}>
            Add measure
          </button>
          <button type="button" className="button secondary small" onClick={() => setOpen('override')}>
            {r.override ? 'Change override' : 'Override residual'}
          </button>
        </div>
      ) : null}
      {open === 'measure' ? <MeasureForm risk={r} srm={srm} onDone={() => setOpen(null)} /> : null}
      {open === 'override' ? <OverrideForm risk={r} onDone={() => setOpen(null)} /> : null}
    </li>
  );
}
