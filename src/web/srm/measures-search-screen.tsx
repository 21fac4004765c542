import '../threats/screens.css';
import './srm.css';
import { useEffect, useState } from 'react';
import { type MeasureFilter, useMeasureSearch } from '../api/srm-queries';
import {
  type FoundMeasure,
  MEASURE_KINDS,
  MEASURE_STATUSES,
  type MeasureKind,
  type MeasureStatus,
  RISK_CATEGORIES,
} from '../api/srm-types';
import { Link, setSearchParam, useLocation } from '../router/router';
import { formatDay } from '../threats/levels';
import { SelectField } from '../ui/field';
import { PageHeader, SearchBox, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';
import { MeasureStatusBadge } from './badges';
import { CATEGORY_LABELS, categoryLabel, formatUsd, MEASURE_STATUS_LABELS } from './risk-levels';

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | '' =>
  (values as readonly string[]).includes(v ?? '') ? (v as T) : '';

/** Cost and effectiveness of measures across every SRM the user may read, to compare what works. */
export default function MeasuresSearchScreen() {
  const { search } = useLocation();
  const filter: MeasureFilter = {
    q: search.get('q') ?? '',
    kind: oneOf<MeasureKind>(MEASURE_KINDS, search.get('kind')),
    status: oneOf<MeasureStatus>(MEASURE_STATUSES, search.get('status')),
    category: oneOf(RISK_CATEGORIES, search.get('category')),
  };
  const [text, setText] = useState(filter.q ?? '');
  // The URL (and so the request) follows the box after a pause in typing, not on every key.
  useEffect(() => {
    const timer = window.setTimeout(() => setSearchParam('q', text.trim() || undefined), 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  const query = useMeasureSearch(filter);

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/srm">Security risk management</Link> › Measures
      </nav>
      <PageHeader
        title="Measures worldwide"
        description="Security risk management measures in every SRM you may read, with their cost and recorded effectiveness."
      />
      <div className="toolbar">
        <SearchBox value={text} onChange={setText} label="Search" placeholder="Measure or risk" />
        <SelectField
          label="Kind"
          value={filter.kind ?? ''}
          onChange={(v) => setSearchParam('kind', v)}
          options={MEASURE_KINDS.map((k) => ({
            value: k,
            label: k === 'prevention' ? 'Prevention' : 'Mitigation',
          }))}
          placeholder="Any kind"
        />
        <SelectField
          label="Status"
          value={filter.status ?? ''}
          onChange={(v) => setSearchParam('status', v)}
          options={MEASURE_STATUSES.map((s) => ({ value: s, label: MEASURE_STATUS_LABELS[s] }))}
          placeholder="Any status"
        />
        <SelectField
          label="Risk category"
          value={filter.category ?? ''}
          onChange={(v) => setSearchParam('category', v)}
          options={RISK_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
          placeholder="Any category"
        />
      </div>
      <ListState query={query} empty="No measure matches.">
        {(rows) => <MeasuresTable rows={rows} />}
      </ListState>
    </>
  );
}

function MeasuresTable({ rows }: { rows: FoundMeasure[] }) {
  const costs = rows.map((m) => m.costUsd).filter((c): c is number => c !== null);
  const scores = rows.map((m) => m.effectiveness).filter((e): e is number => e !== null);
  const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
  return (
    <TableWrap label="Measures">
      <table data-testid="measure-search">
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Risk</th>
            <th scope="col">SRM</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Cost
            </th>
            <th scope="col" className="num">
              Effectiveness
            </th>
            <th scope="col">Agreed / implemented</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id} data-measure={m.id}>
              <td>
                <strong>{m.title}</strong>
                <div className="muted small">
                  {m.libraryCode ? `${m.libraryCode} · ` : ''}
                  {m.kind === 'prevention' ? 'Prevention' : 'Mitigation'} −{m.steps} ·{' '}
                  {m.mandatory ? 'mandatory' : 'recommended'}
                </div>
              </td>
              <td>
                {m.riskTitle}
                <div className="muted small">{categoryLabel(m.category)}</div>
              </td>
              <td>
                <Link to={`/srm/${m.srmId}`}>{m.areaCode ?? m.countryCode}</Link>
                <div className="muted small">{m.srmTitle}</div>
              </td>
              <td>
                <MeasureStatusBadge status={m.status} />
                {m.overdue ? <span className="badge bad overdue">overdue</span> : null}
              </td>
              <td className="num nowrap">{formatUsd(m.costUsd)}</td>
              <td className="num">{m.effectiveness === null ? '—' : `${m.effectiveness}/5`}</td>
              <td className="nowrap small">
                {formatDay(m.agreedDate)}
                {m.implementedOn ? <div>done {formatDay(m.implementedOn)}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="table-foot">
        {rows.length} measures · total cost {formatUsd(costs.reduce((a, b) => a + b, 0))} · mean effectiveness{' '}
        {mean === null ? 'not scored yet' : `${mean.toFixed(1)}/5 (${scores.length} scored)`}
        {rows.length >= 200 ? ' · the first 200 only: narrow the search' : ''}
      </p>
    </TableWrap>
  );
}
