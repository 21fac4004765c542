import { useState } from 'react';
import { api } from '../api/client';
import type { Measure, MeasureAction, MeasureActionBody } from '../api/srm-types';
import { useCan } from '../auth/session';
import { formatDay } from '../threats/levels';
import { MeasureStatusBadge } from './badges';
import { ImplementForm, VerifyForm } from './measure-step-forms';
import { formatUsd } from './risk-levels';
import { SelfAssessment } from './self-assessment';
import { ActionProblem, useSrmWrite } from './use-srm-write';

const SELF_LABELS: Record<string, string> = {
  in_place: 'in place',
  partly: 'partly in place',
  not_in_place: 'not in place',
};

/**
 * A measure with its lifecycle (proposed → approved → implemented → verified) and the next steps
 * this user may take: approve or reject (DO), implement with evidence and date (security
 * adviser), verify with an effectiveness score (DO or desk). The server re-checks each one.
 */
export function MeasureItem({ measure: m, writable }: { measure: Measure; writable: boolean }) {
  const can = useCan();
  const [form, setForm] = useState<'implement' | 'verify' | null>(null);
  const { mutation: act, reload } = useSrmWrite((action: Extract<MeasureAction, 'approve' | 'reject'>) =>
    api.post<Measure>(`/srm/measures/${m.id}/${action}`, { version: m.version } satisfies MeasureActionBody),
  );
  const approver = can('srm.approve');
  const canApprove = approver && m.status === 'proposed';
  const canReject = approver && (m.status === 'proposed' || m.status === 'approved');
  const canImplement = writable && m.status === 'approved';
  const canVerify = can('srm.approve', 'srm.endorse') && m.status === 'implemented';
  const selfAssessable = m.status === 'approved' || m.status === 'implemented' || m.status === 'verified';
  const effect = `${m.kind === 'prevention' ? 'Prevention' : 'Mitigation'} −${m.steps} ${
    m.kind === 'prevention' ? 'likelihood' : 'impact'
  }`;

  return (
    <li className="measure" data-testid="measure" data-measure={m.id} data-status={m.status}>
      <div className="measure-head">
        <strong>{m.title}</strong>
        {m.libraryCode ? <span className="muted small">{m.libraryCode}</span> : null}
        <MeasureStatusBadge status={m.status} />
        {m.overdue ? (
          <span className="badge bad overdue" data-testid="measure-overdue">
            overdue since {formatDay(m.agreedDate)}
          </span>
        ) : null}
      </div>
      <div className="measure-facts">
        <span>{effect}</span>
        <span>{m.mandatory ? 'Mandatory' : 'Recommended'}</span>
        {m.ownerOrganizationCode ? <span>Owner: {m.ownerOrganizationCode}</span> : null}
        <span>Cost: {formatUsd(m.costUsd)}</span>
        {m.agreedDate ? <span>Agreed date: {formatDay(m.agreedDate)}</span> : null}
        {m.implementedOn ? <span>Implemented on {formatDay(m.implementedOn)}</span> : null}
        {m.effectiveness !== null ? <span>Effectiveness: {m.effectiveness}/5</span> : null}
        {m.lastSelfAssessment ? (
          <span>
            Self-assessed {SELF_LABELS[m.lastSelfAssessment.answer] ?? m.lastSelfAssessment.answer} on{' '}
            {formatDay(m.lastSelfAssessment.at)}
            {m.lastSelfAssessment.note ? ` — “${m.lastSelfAssessment.note}”` : ''}
          </span>
        ) : null}
      </div>
      {m.evidence ? <p className="small">Evidence: {m.evidence}</p> : null}
      {canApprove || canReject || canImplement || canVerify || selfAssessable ? (
        <div className="measure-actions">
          {canApprove ? (
            <button
              type="button"
              className="button small"
              aria-label={`Approve ${m.title}`}
              disabled={act.isPending}
              onClick={() => act.mutate('approve')}
            >
              Approve
            </button>
          ) : null}
          {canReject ? (
            <button
              type="button"
              className="button danger small"
              aria-label={`Reject ${m.title}`}
              disabled={act.isPending}
              onClick={() => act.mutate('reject')}
            >
              Reject
            </button>
          ) : null}
          {canImplement && form === null ? (
            <button
              type="button"
              className="button small"
              aria-label={`Mark implemented: ${m.title}`}
              onClick={() => setForm('implement')}
            >
              Mark implemented…
            </button>
          ) : null}
          {canVerify && form === null ? (
            <button
              type="button"
              className="button small"
              aria-label={`Verify ${m.title}`}
              onClick={() => setForm('verify')}
            >
              Verify…
            </button>
          ) : null}
          {selfAssessable ? <SelfAssessment measure={m} /> : null}
          <ActionProblem error={act.error} what="measure" onReload={reload} />
        </div>
      ) : null}
      {form === 'implement' ? <ImplementForm measure={m} onDone={() => setForm(null)} /> : null}
      {form === 'verify' ? <VerifyForm measure={m} onDone={() => setForm(null)} /> : null}
    </li>
  );
}
