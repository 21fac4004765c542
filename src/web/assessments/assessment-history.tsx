import { useAreaAssessments } from '../api/threat-queries';
import type { Assessment } from '../api/threat-types';
import { Link } from '../router/router';
import { LevelBadge, LevelStrip, StatusBadge } from '../threats/level-strip';
import { CATEGORY_LABELS, formatDay } from '../threats/levels';
import { TableWrap } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';

/**
 * Every assessment version of an area, newest first. A new draft starts from the latest version,
 * and only when no draft or approved version is still open (the server enforces this too).
 */
export function AssessmentHistory({
  areaCode,
  onNew,
}: {
  areaCode: string;
  onNew?: (from: Assessment | undefined) => void;
}) {
  const query = useAreaAssessments(areaCode);
  if (query.isPending) return <Loading label="Loading assessments…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const rows = query.data;
  const open = rows.find((r) => r.status === 'draft' || r.status === 'approved');
  const current = rows.find((r) => r.status === 'published');

  return (
    <section aria-labelledby="history-heading">
      <div className="page-header">
        <h2 id="history-heading">Versions of {rows[0]?.areaName ?? areaCode}</h2>
        {onNew ? (
          open ? (
            <p className="hint">
              Version {open.number} is still {open.status}:{' '}
              <Link to={`/assessments/${open.id}`}>finish it</Link> before starting another.
            </p>
          ) : (
            <button type="button" className="button" onClick={() => onNew(rows[0])}>
              New draft version
            </button>
          )
        ) : null}
      </div>
      {current ? (
        <div className="panel">
          <p className="muted small">Current published levels (version {current.number})</p>
          <LevelStrip ranked={current} />
        </div>
      ) : null}
      {rows.length === 0 ? (
        <p className="state state-empty">This area has no assessment yet.</p>
      ) : (
        <TableWrap label="Assessment versions">
          <table data-testid="assessment-history">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Version
                </th>
                <th scope="col">Status</th>
                <th scope="col">Effective</th>
                <th scope="col">Highest</th>
                <th scope="col">Summary</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-status={r.status} data-assessment={r.id}>
                  <td className="num">
                    <Link to={`/assessments/${r.id}`} aria-label={`Version ${r.number}, ${r.status}`}>
                      {r.number}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>{formatDay(r.effectiveDate)}</td>
                  <td>
                    <LevelBadge level={r.highest.level} name={r.highest.name} strong />{' '}
                    <span className="small">
                      {r.highest.categories.map((c) => CATEGORY_LABELS[c]).join(', ')}
                    </span>
                  </td>
                  <td className="small">{r.summary || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
