import './incidents.css';
import { apiUrl } from '../api/client';
import { filterFrom, useIncidentStats } from '../api/incident-queries';
import { STAT_DIMENSIONS, type StatDimension, type StatsRow } from '../api/incident-types';
import { setSearchParam, useLocation } from '../router/router';
import { SelectField } from '../ui/field';
import { PageHeader, TableWrap } from '../ui/page';
import { Empty, ErrorState, Loading } from '../ui/states';
import { IncidentFilters, sharedFilter } from './incident-filters';
import { IncidentsNav } from './incidents-nav';
import { formatRate } from './labels';
import { PersonnelAffected } from './personnel-affected';
import { MEASURES, type Measure, StatsChart } from './stats-chart';

const DIMENSION_LABELS: Record<StatDimension, string> = {
  year: 'Year',
  month: 'Month',
  country: 'Country',
  category: 'Category',
  organization: 'Organization',
  area: 'Security area',
};

const isDimension = (v: string | null): v is StatDimension =>
  v !== null && (STAT_DIMENSIONS as readonly string[]).includes(v);

/** Months are grouped within their year, so that March 2025 and March 2026 stay apart. */
function dimensionsFor(group: StatDimension, then: StatDimension | null): StatDimension[] {
  const dims: StatDimension[] = [];
  for (const d of [group, then]) {
    if (!d) continue;
    if (d === 'month' && !dims.includes('year')) dims.push('year');
    if (!dims.includes(d)) dims.push(d);
  }
  return dims;
}

/** The text of one dimension of a row, e.g. "2026-03" or "Kenya (KEN)". */
function cell(row: StatsRow, d: StatDimension): string {
  switch (d) {
    case 'year':
      return String(row.year ?? '—');
    case 'month':
      return row.year ? `${row.year}-${String(row.month ?? 0).padStart(2, '0')}` : String(row.month ?? '—');
    case 'country':
      return row.country ?? '—';
    case 'category':
      return row.categoryName ?? row.category ?? '—';
    case 'organization':
      return row.organizationName ?? row.organization ?? 'No organization';
    case 'area':
      return row.areaName ?? row.area ?? 'Not in an area';
  }
}

const COUNTS = ['incidents', 'affected', 'killed', 'injured', 'kidnapped', 'arrested'] as const;

/** Rates and types of incidents by year, country, area, organization or category, and the SG table. */
export default function IncidentStatsScreen() {
  const { search } = useLocation();
  const filter = sharedFilter(filterFrom(search));
  const group: StatDimension = isDimension(search.get('by')) ? (search.get('by') as StatDimension) : 'year';
  const thenParam = search.get('then');
  const then = isDimension(thenParam) && thenParam !== group ? thenParam : null;
  const measure = (MEASURES.find((m) => m.value === search.get('measure'))?.value ?? 'incidents') as Measure;
  const dims = dimensionsFor(group, then);
  // "month" stands for year and month: only show the month column, which carries the year.
  const shownDims = dims.filter((d) => !(d === 'year' && dims.includes('month')));
  const stats = useIncidentStats(dims, filter);
  const options = STAT_DIMENSIONS.map((d) => ({ value: d, label: DIMENSION_LABELS[d] }));
  const label = (row: StatsRow) => shownDims.map((d) => cell(row, d)).join(' · ');
  const rows = stats.data ?? [];
  const totals = COUNTS.map((c) => rows.reduce((n, r) => n + r[c], 0));

  return (
    <>
      <PageHeader
        title="Incident statistics"
        description="Incidents and people affected; rates per 100,000 personnel where headcounts are known. An incident affecting two organizations counts once for each."
      />
      <IncidentsNav />
      <IncidentFilters filter={filter} />
      <div className="toolbar">
        <SelectField
          label="Group by"
          value={group}
          onChange={(v) => setSearchParam('by', v === 'year' ? undefined : v)}
          options={options}
        />
        <SelectField
          label="Then by"
          value={then ?? ''}
          onChange={(v) => setSearchParam('then', v || undefined)}
          options={options.filter((o) => o.value !== group)}
          placeholder="—"
        />
        <SelectField
          label="Chart"
          value={measure}
          onChange={(v) => setSearchParam('measure', v === 'incidents' ? undefined : v)}
          options={MEASURES}
        />
        <a
          className="button secondary"
          href={apiUrl('/incidents/stats.csv', { by: dims.join(','), ...filter })}
          download
        >
          Download CSV
        </a>
      </div>
      {stats.isPending ? (
        <Loading label="Counting…" />
      ) : stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => stats.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>No incidents match these filters.</Empty>
      ) : (
        <div className="stats-layout" data-testid="incident-stats" data-by={dims.join(',')}>
          <TableWrap label="Statistics">
            <table className="stats-table" data-testid="stats-table">
              <thead>
                <tr>
                  {shownDims.map((d) => (
                    <th key={d} scope="col">
                      {DIMENSION_LABELS[d]}
                    </th>
                  ))}
                  {MEASURES.map((m) => (
                    <th key={m.value} scope="col" className="num">
                      {m.value === 'ratePer100k' ? 'Rate per 100k' : m.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={label(r)} data-group={label(r)}>
                    {shownDims.map((d) => (
                      <td key={d}>{cell(r, d)}</td>
                    ))}
                    {COUNTS.map((c) => (
                      <td key={c} className="num" data-measure={c}>
                        {r[c].toLocaleString()}
                      </td>
                    ))}
                    <td className="num" data-measure="ratePer100k">
                      {formatRate(r.ratePer100k)}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="total-row" data-testid="stats-total">
                  <th scope="row" colSpan={shownDims.length}>
                    {dims.includes('organization') ? 'Sum of the rows' : 'Total'}
                  </th>
                  {totals.map((n, k) => (
                    <td key={COUNTS[k]} className="num" data-measure={COUNTS[k]}>
                      {n.toLocaleString()}
                    </td>
                  ))}
                  <td />
                </tr>
              </tfoot>
            </table>
          </TableWrap>
          <StatsChart rows={rows} measure={measure} label={label} />
        </div>
      )}
      <PersonnelAffected country={filter.country} />
    </>
  );
}
