import { useRollCalls } from '../api/rollcall-queries';
import { useCan } from '../auth/session';
import { Link } from '../router/router';
import { formatDateTime, PageHeader } from '../ui/page';
import { ListState } from '../ui/states';
import { ordered, percentText, placeOf, summaryPercent } from './board-rules';
import { AccountedBar } from './parts';

export default function RollCallsScreen() {
  const can = useCan();
  const list = useRollCalls();
  return (
    <>
      <PageHeader
        title="Roll calls"
        description="Who is accounted for after an incident: everyone in an area or a warden zone is asked whether they are safe."
        actions={
          can('rollcall.start') ? (
            <Link to="/rollcalls/new" className="button">
              Start roll call
            </Link>
          ) : null
        }
      />
      <section className="panel" aria-label="Roll calls">
        <ListState query={list} empty="No roll calls yet.">
          {(rows) => (
            <ul className="rc-list">
              {ordered(rows).map((r) => {
                const percent = summaryPercent(r);
                return (
                  <li key={r.id} data-testid="rollcall-row">
                    <div>
                      <Link to={`/rollcalls/${r.id}`}>
                        <strong>{r.reference}</strong> {r.title}
                      </Link>{' '}
                      <span className={`badge${r.status === 'open' ? ' bad' : ''}`}>{r.status}</span>
                    </div>
                    <span className="muted">
                      {placeOf(r)} · started {formatDateTime(r.startedAt)} by {r.startedBy}
                      {r.closedAt ? ` · closed ${formatDateTime(r.closedAt)}` : ''}
                    </span>
                    <AccountedBar
                      label={`${r.reference} accounted for`}
                      percent={percent}
                      safe={r.accounted}
                      needHelp={0}
                      total={r.total}
                    />
                    <span>
                      {percentText(percent)} accounted for ({r.accounted} of {r.total})
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </ListState>
      </section>
    </>
  );
}
