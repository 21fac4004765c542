import type { SrmDetail } from '../api/srm-types';
import { formatDay, plural } from '../threats/levels';
import { formatDateTime } from '../ui/page';
import { RiskBadge } from './badges';

/**
 * Drafted → SMT consulted → approved by the DO → endorsed by the desk, each step with its date
 * once done. The SMT consultation is its own step: the DO may not approve without it.
 */
export function ApprovalChain({ srm }: { srm: SrmDetail }) {
  const steps = [
    { name: 'Drafted', done: true, when: 'by the security adviser' },
    {
      name: 'SMT consulted',
      done: srm.smtConsultedOn !== null,
      when: srm.smtConsultedOn
        ? `${formatDay(srm.smtConsultedOn)}${srm.smtNote ? ` — ${srm.smtNote}` : ''}`
        : 'not yet',
    },
    {
      name: 'Approved by the DO',
      done: srm.approvedAt !== null,
      when: srm.approvedAt ? formatDateTime(srm.approvedAt) : 'not yet',
    },
    {
      name: 'Endorsed by the desk',
      done: srm.endorsedAt !== null,
      when: srm.endorsedAt ? formatDateTime(srm.endorsedAt) : 'not yet',
    },
  ];
  return (
    <ol className="approval-chain" aria-label="Approval chain" data-testid="approval-chain">
      {steps.map((s) => (
        <li key={s.name} className={s.done ? 'done' : undefined} data-done={s.done ? 'true' : 'false'}>
          <span className="step-name">
            {s.done ? '✓ ' : ''}
            {s.name}
          </span>
          <span className="small">{s.when}</span>
        </li>
      ))}
    </ol>
  );
}

/** Why the SRM must be reviewed now (annual date passed, threat level rose, returned), in red. */
export function ReviewNotice({ srm }: { srm: SrmDetail }) {
  if (!srm.review.due) return null;
  return (
    <div className="review-due" role="note" data-testid="review-due">
      <strong>Review due.</strong> This SRM must be reviewed:
      <ul>
        {srm.review.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </div>
  );
}

/** The figures the SMT summary leads with. */
export function SrmSummary({ srm }: { srm: SrmDetail }) {
  const s = srm.summary;
  return (
    <dl className="srm-summary">
      <dt>Highest residual</dt>
      <dd>{s.highestResidual ? <RiskBadge level={s.highestResidual.level} strong /> : 'No risks yet'}</dd>
      <dt>Risks</dt>
      <dd>{s.risks}</dd>
      <dt>Measures in place</dt>
      <dd>
        {s.implementedMeasures} of {s.measures}
      </dd>
      <dt>Overdue measures</dt>
      <dd>{s.overdueMeasures > 0 ? <span className="badge bad overdue">{s.overdueMeasures}</span> : 0}</dd>
      <dt>Activities not acceptable</dt>
      <dd>
        {s.unacceptableActivities > 0 ? (
          <span className="not-acceptable">{plural(s.unacceptableActivities, 'activity', 'activities')}</span>
        ) : (
          'None'
        )}
      </dd>
      <dt>Period</dt>
      <dd>
        {formatDay(srm.periodStart)} – {formatDay(srm.periodEnd)}
      </dd>
      <dt>Next review</dt>
      <dd>{formatDay(srm.review.dueDate)}</dd>
      <dt>Risk matrix</dt>
      <dd>version {srm.matrixNumber}</dd>
    </dl>
  );
}
