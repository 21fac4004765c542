import { useAdvisoryHistory } from '../api/threat-queries';
import type { Advisory } from '../api/threat-types';
import { Link } from '../router/router';
import { LevelBadge, StatusBadge } from '../threats/level-strip';
import { CATEGORY_LABELS, formatDay } from '../threats/levels';
import { TableWrap } from '../ui/page';
import { ListState } from '../ui/states';

/** Every version of this advisory (those the reader may see), newest first. */
export function AdvisoryHistory({ advisory }: { advisory: Advisory }) {
  const history = useAdvisoryHistory(advisory.id);
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Version history</h2>
      <ListState query={history} empty="No other versions.">
        {(rows) => (
          <TableWrap label="Versions of this advisory">
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Version
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Effective</th>
                  <th scope="col">Highest</th>
                  <th scope="col">Headline</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((v) => (
                  <tr key={v.id} aria-current={v.id === advisory.id ? 'true' : undefined}>
                    <td className="num">
                      {v.id === advisory.id ? (
                        <strong>{v.number} (shown)</strong>
                      ) : (
                        <Link to={`/advisories/${v.id}`}>{v.number}</Link>
                      )}
                    </td>
                    <td>
                      <StatusBadge status={v.status} />
                    </td>
                    <td>{formatDay(v.effectiveDate)}</td>
                    <td>
                      <LevelBadge level={v.highest.level} name={v.highest.name} strong />{' '}
                      <span className="small">
                        {v.highest.categories.map((c) => CATEGORY_LABELS[c]).join(', ')}
                      </span>
                    </td>
                    <td>{v.headline}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </ListState>
    </section>
  );
}
