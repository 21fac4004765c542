import { useState } from 'react';
import type { Activity, SrmDetail } from '../api/srm-types';
import { useCan } from '../auth/session';
import { formatDay } from '../threats/levels';
import { TableWrap } from '../ui/page';
import { ActivityForm, ExecutiveHeadForm } from './activity-forms';
import { RiskBadge } from './badges';

const PC_HINT = 'PC1: lifesaving at scale or directed by the Secretary-General … PC4: least critical';

/**
 * Programme activities in this place and time frame, each judged against the acceptable-risk
 * table with the SRM's highest residual risk: green when acceptable, red with the reason and what
 * would make it acceptable otherwise.
 */
export function ActivitiesPanel({ srm }: { srm: SrmDetail }) {
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const [approving, setApproving] = useState<string | null>(null);
  const writable = can('srm.write') && srm.status !== 'superseded';
  const target = srm.activities.find((a) => a.id === approving);

  return (
    <section className="panel" aria-labelledby="activities-heading">
      <div className="page-header">
        <div>
          <h2 id="activities-heading">Programme activities and acceptable risk</h2>
          <p className="muted small" title={PC_HINT}>
            Low risk is acceptable for any programme criticality, Medium for PC1–3, High for PC1–2, Very high
            for PC1 with the Executive Head's approval, Unacceptable never.
          </p>
        </div>
        {writable && !adding ? (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add activity
          </button>
        ) : null}
      </div>
      {adding ? <ActivityForm srm={srm} onDone={() => setAdding(false)} /> : null}
      {target ? <ExecutiveHeadForm activity={target} onDone={() => setApproving(null)} /> : null}
      {srm.activities.length === 0 ? (
        <p className="state state-empty">No programme activity recorded.</p>
      ) : (
        <TableWrap label="Programme activities">
          <table data-testid="activities">
            <thead>
              <tr>
                <th scope="col">Activity</th>
                <th scope="col">PC</th>
                <th scope="col">Period</th>
                <th scope="col">Residual risk</th>
                <th scope="col">Acceptable?</th>
              </tr>
            </thead>
            <tbody>
              {srm.activities.map((a) => (
                <ActivityRow
                  key={a.id}
                  activity={a}
                  canRecord={writable && needsExecutiveHead(a) && approving === null}
                  onRecord={() => setApproving(a.id)}
                />
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

/** PC1 at Very high risk is acceptable only once the Executive Head's approval is recorded. */
const needsExecutiveHead = (a: Activity) =>
  a.pcLevel === 1 && a.residual.level === 'very_high' && a.executiveHeadApproval === null;

function ActivityRow({
  activity: a,
  canRecord,
  onRecord,
}: {
  activity: Activity;
  canRecord: boolean;
  onRecord: () => void;
}) {
  return (
    <tr
      className={a.acceptable ? 'activity-ok' : 'activity-bad'}
      data-activity={a.id}
      data-acceptable={a.acceptable ? 'true' : 'false'}
    >
      <td>
        <strong>{a.title}</strong>
        <div className="muted small">{a.organizationCode}</div>
      </td>
      <td>{a.pcLevel ? `PC${a.pcLevel}` : <span className="muted">Not assessed</span>}</td>
      <td className="nowrap">
        {formatDay(a.periodStart)} – {formatDay(a.periodEnd)}
      </td>
      <td>
        <RiskBadge level={a.residual.level} />
      </td>
      <td>
        <span className={a.acceptable ? 'acceptable' : 'not-acceptable'}>
          {a.acceptable ? '✓ Acceptable' : '✗ Not acceptable'}
        </span>
        <div className="small">{a.reason}</div>
        {a.remedy ? <div className="small">To make it acceptable: {a.remedy}</div> : null}
        {a.executiveHeadApproval ? (
          <div className="small">
            Executive Head's approval: {a.executiveHeadApproval.by}, {formatDay(a.executiveHeadApproval.on)}
            {a.executiveHeadApproval.note ? ` — ${a.executiveHeadApproval.note}` : ''}
          </div>
        ) : null}
        {canRecord ? (
          <button type="button" className="button secondary small" onClick={onRecord}>
            Record the Executive Head's approval…
          </button>
        ) : null}
      </td>
    </tr>
  );
}
