import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { refreshThreats, useHazards } from '../api/threat-queries';
import type { HazardAssessment } from '../api/threat-types';
import { useCan } from '../auth/session';
import { LevelBadge, StatusBadge } from '../threats/level-strip';
import { formatDay, levelName } from '../threats/levels';
import { WorkflowActions } from '../threats/workflow-actions';
import { ErrorState, Loading } from '../ui/states';
import { CAPACITY_LABELS, HAZARD_LABELS, HazardForm } from './hazard-form';

/**
 * Hazard assessments of an area, newest first. They are occupational safety, with the host
 * government's capacity to respond, and stay apart from the four security levels (2024 decision).
 */
export function HazardsPanel({ areaCode }: { areaCode: string }) {
  const can = useCan();
  const client = useQueryClient();
  const query = useHazards(areaCode);
  const [creating, setCreating] = useState(false);
  if (query.isPending) return <Loading label="Loading hazard assessments…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const rows = query.data;
  const open = rows.find((r) => r.status === 'draft' || r.status === 'approved');

  return (
    <section aria-labelledby="hazards-heading">
      <div className="page-header">
        <h2 id="hazards-heading">Hazard assessments</h2>
        {can('threat.write') && !creating ? (
          open ? (
            <p className="hint">
              Version {open.number} is still {open.status}; finish it before starting another.
            </p>
          ) : (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              New hazard assessment
            </button>
          )
        ) : null}
      </div>
      <p className="muted">Hazards are assessed separately from the security levels and never change them.</p>
      {creating ? <HazardForm areaCode={areaCode} from={rows[0]} onDone={() => setCreating(false)} /> : null}
      {rows.length === 0 ? (
        <p className="state state-empty">No hazard assessment for this area yet.</p>
      ) : null}
      {rows.map((h) => (
        <HazardCard
          key={h.id}
          hazard={h}
          canApprove={can('threat.approve')}
          canPublish={can('threat.write')}
          onChanged={() => void refreshThreats(client)}
        />
      ))}
    </section>
  );
}

function HazardCard({
  hazard: h,
  canApprove,
  canPublish,
  onChanged,
}: {
  hazard: HazardAssessment;
  canApprove: boolean;
  canPublish: boolean;
  onChanged: () => void;
}) {
  const sorted = [...h.hazards].sort((a, b) => b.level - a.level);
  return (
    <article className="panel" data-hazard={h.id} aria-label={`Hazard assessment version ${h.number}`}>
      <div className="page-header">
        <h3>
          Version {h.number} <StatusBadge status={h.status} />
        </h3>
        <WorkflowActions<HazardAssessment>
          path={`/threats/hazards/${h.id}`}
          status={h.status}
          version={h.version}
          canApprove={canApprove}
          canPublish={canPublish}
          what="hazard assessment"
          onDone={onChanged}
        />
      </div>
      <dl className="facts">
        <dt>Effective</dt>
        <dd>{formatDay(h.effectiveDate)}</dd>
        <dt>Host capacity</dt>
        <dd>
          {CAPACITY_LABELS[h.hostCapacity]}
          {h.hostCapacityNotes ? ` — ${h.hostCapacityNotes}` : ''}
        </dd>
      </dl>
      {sorted.length === 0 ? (
        <p className="muted">No hazards recorded.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Hazard</th>
              <th scope="col">Level</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((x) => (
              <tr key={x.type}>
                <td>{HAZARD_LABELS[x.type]}</td>
                <td>
                  <LevelBadge level={x.level} name={levelName(x.level)} />
                </td>
                <td>{x.notes || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
