import './incidents.css';
import { apiUrl } from '../api/client';
import { filterFrom, useIncidentPages } from '../api/incident-queries';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type IncidentSummary,
  type IncidentTotals,
} from '../api/incident-types';
import { useCan } from '../auth/session';
import { Link, useLocation } from '../router/router';
import { formatDay } from '../threats/levels';
import { PageHeader, TableWrap } from '../ui/page';
import { Empty, ErrorState, Loading, LoadMore } from '../ui/states';
import { NatureBadge, RelevanceBadge, totalsText } from './badges';
import { IncidentFilters } from './incident-filters';
import { IncidentsNav } from './incidents-nav';

const EXPORT_LABELS: Record<ExportFormat, string> = { csv: 'CSV', xlsx: 'Excel (XLSX)', geojson: 'GeoJSON' };

function sum(rows: readonly IncidentSummary[]): IncidentTotals {
  const t: IncidentTotals = { affected: 0, killed: 0, injured: 0, kidnapped: 0, arrested: 0 };
  for (const r of rows) {
    t.affected += r.totals.affected;
    t.killed += r.totals.killed;
    t.injured += r.totals.injured;
    t.kidnapped += r.totals.kidnapped;
    t.arrested += r.totals.arrested;
  }
  return t;
}

/** Incidents the user may read, newest first, filtered, one page at a time. */
export default function IncidentsScreen() {
  const can = useCan();
  const { search } = useLocation();
  const filter = filterFrom(search);
  const query = useIncidentPages(filter);
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const totals = sum(rows);
  // The export takes the list's filters except the text search.
  const { q: _text, ...exportQuery } = filter;

  return (
    <>
      <PageHeader
        title="Incidents"
        description="Security and safety incidents, near misses and situational-awareness entries."
        actions={
          can('incident.report') ? (
            <Link className="button" to="/incidents/new">
              Record an incident
            </Link>
          ) : null
        }
      />
      <IncidentsNav />
      <IncidentFilters filter={filter} text />
      {query.isPending ? (
        <Loading label="Loading incidents…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>No incidents match these filters.</Empty>
      ) : (
        <TableWrap label="Incidents">
          <table className="incidents-table" data-testid="incidents-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Incident</th>
                <th scope="col">Where</th>
                <th scope="col">Category</th>
                <th scope="col">People affected</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i.id} data-incident={i.id}>
                  <td className="nowrap">{formatDay(i.occurredOn)}</td>
                  <td>
                    <Link to={`/incidents/${i.id}`}>
                      <strong>{i.title}</strong>
                    </Link>
                    <div className="muted small">
                      {i.reference} <RelevanceBadge relevance={i.relevance} />
                    </div>
                  </td>
                  <td>
                    {i.countryCode}
                    {i.areaCode ? ` · ${i.areaCode}` : ''}
                  </td>
                  <td>
                    <div>{i.categoryName}</div>
                    <NatureBadge nature={i.nature} />
                  </td>
                  <td>{totalsText(i.totals)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="table-foot" data-testid="incidents-totals">
            {rows.length} incidents shown{query.hasNextPage ? ' (more to load)' : ''} · {totalsText(totals)}
          </p>
        </TableWrap>
      )}
      <div className="list-foot">
        <LoadMore query={query} />
        {can('incident.read') ? (
          <p className="exports">
            Export with these filters:{' '}
            {EXPORT_FORMATS.map((format, n) => (
              <span key={format}>
                {n > 0 ? ' · ' : ''}
                <a href={apiUrl('/incidents/export', { format, ...exportQuery })} download>
                  {EXPORT_LABELS[format]}
                </a>
              </span>
            ))}
          </p>
        ) : null}
      </div>
    </>
  );
}
