import { Link } from '../router/router';
import { TableWrap } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';
import { useCoverage } from './wardens-api';

/** A country's coverage: who is in no zone, which zones have no warden. */
export function CoveragePanel({ country }: { country: string }) {
  const q = useCoverage(country);
  if (q.isPending) return <Loading label="Loading coverage…" />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const c = q.data;
  return (
    <section className="panel" aria-label={`Coverage in ${country}`} data-testid="coverage">
      <h2>Coverage in {country}</h2>
      <div className="wz-stats">
        <span>
          <strong>{c.people}</strong> people
        </span>
        <span>
          <strong>{c.inAnyZone}</strong> in a zone
        </span>
        <span>
          <strong>{c.withoutZone}</strong> in no zone
        </span>
        <span>
          <strong>{c.withoutWarden}</strong> without a warden
        </span>
      </div>
      {c.zonesWithoutWarden.length > 0 ? (
        <p>
          Zones with no warden:{' '}
          {c.zonesWithoutWarden.map((z, i) => (
            <span key={z.id}>
              {i > 0 ? ', ' : ''}
              <Link to={`/wardens/zones/${z.id}`}>{z.code}</Link> ({z.members})
            </span>
          ))}
        </p>
      ) : null}
      {c.unzoned.length > 0 ? (
        <TableWrap label="People in no zone">
          <table>
            <caption>
              People in no zone{c.withoutZone > c.unzoned.length ? ` (first ${c.unzoned.length})` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Organization</th>
                <th scope="col">Duty station</th>
              </tr>
            </thead>
            <tbody>
              {c.unzoned.map((u) => (
                <tr key={u.personId}>
                  <td>
                    {u.name}
                    {u.kind === 'dependant' ? <span className="muted small"> (dependant)</span> : null}
                  </td>
                  <td>{u.organizationCode}</td>
                  <td>{u.dutyStation ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}
