import { useQueue } from '../api/travel-queries';
import { Link } from '../router/router';
import { PageHeader } from '../ui/page';
import { ListState } from '../ui/states';
import { Reasons } from './badges';
import { DecisionForm } from './decision-form';
import { TravelNav } from './travel-nav';

/** Pending requests the user may decide, oldest travel first, each with its reasons and a decision form. */
export default function QueueScreen() {
  const queue = useQueue();
  return (
    <>
      <PageHeader
        title="Travel approvals"
        description="Requests waiting for a decision on the Designated Official’s behalf."
      />
      <TravelNav />
      <ListState query={queue} empty="Nothing is waiting for your decision.">
        {(rows) => (
          <div data-testid="travel-queue">
            {rows.map((r) => (
              <article key={r.id} className="panel" data-request={r.id} aria-label={r.reference}>
                <h2>
                  <Link to={`/travel/requests/${r.id}`}>{r.reference}</Link>{' '}
                  <span className="muted small">
                    {r.personName ?? ''} {r.organizationCode ? `(${r.organizationCode})` : ''}
                  </span>
                </h2>
                <p>
                  {[...new Set(r.segments.map((s) => s.areaName ?? s.areaCode))].join(' → ')} · {r.startsOn} –{' '}
                  {r.endsOn} · {r.travelType}
                  {r.pcLevel ? ` · PC${r.pcLevel}` : ''}
                </p>
                <p>{r.purpose}</p>
                <Reasons reasons={r.reasons} />
                <DecisionForm request={r} />
              </article>
            ))}
          </div>
        )}
      </ListState>
    </>
  );
}
