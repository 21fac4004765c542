import '../threats/screens.css';
import './srm.css';
import { useMemo, useState } from 'react';
import { useCountries } from '../api/queries';
import { useSrmDashboard } from '../api/srm-queries';
import type { DashboardRow } from '../api/srm-types';
import { useCan } from '../auth/session';
import { Link, setSearchParam, useLocation } from '../router/router';
import { formatDay, plural, today } from '../threats/levels';
import { SelectField } from '../ui/field';
import { PageHeader, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';
import { ResidualBar, RiskBadge, SrmStatusBadge } from './badges';
import { NewSrmForm } from './new-srm-form';

const place = (r: DashboardRow) => (r.areaName ? `${r.areaName} (${r.areaCode})` : r.countryName);

/**
 * Every SRM the user may read, compared: highest residual risk first (the server's order), the
 * residual risks by level, measures in place, overdue measures and the review date.
 */
export default function SrmDashboardScreen() {
  const can = useCan();
  const { search } = useLocation();
  const region = search.get('region') ?? '';
  const country = search.get('country') ?? '';
  const query = useSrmDashboard({ region, country });
  const countries = useCountries();
  const [creating, setCreating] = useState(false);
  const regions = useMemo(
    () => [...new Set((countries.data ?? []).map((c) => c.region).filter(Boolean))].sort(),
    [countries.data],
  );
  const countryOptions = (countries.data ?? [])
    .filter((c) => c.areaCount > 0 && (!region || c.region === region))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }));
  const now = today();

  return (
    <>
      <PageHeader
        title="Security risk management"
        description="Residual risk compared across areas. Residual risk counts implemented measures only."
        actions={
          <>
            <Link className="button secondary" to="/srm/measures">
              Search measures
            </Link>
            {can('srm.write') && !creating ? (
              <button type="button" className="button" onClick={() => setCreating(true)}>
                New SRM
              </button>
            ) : null}
          </>
        }
      />
      {creating ? <NewSrmForm onCancel={() => setCreating(false)} /> : null}
      <div className="toolbar">
        <SelectField
          label="Region"
          value={region}
          onChange={(v) => {
            setSearchParam('country', undefined);
            setSearchParam('region', v);
          }}
          options={regions.map((r) => ({ value: r, label: r }))}
          placeholder="All regions"
        />
        <SelectField
          label="Country"
          value={country}
          onChange={(v) => setSearchParam('country', v)}
          options={countryOptions}
          placeholder="All countries"
        />
      </div>
      <ListState query={query} empty="No SRM matches these filters.">
        {(rows) => (
          <TableWrap label="SRMs by residual risk">
            <table className="srm-dashboard" data-testid="srm-dashboard">
              <thead>
                <tr>
                  <th scope="col">Area / SRM</th>
                  <th scope="col">Status</th>
                  <th scope="col">Highest residual</th>
                  <th scope="col">Risks by residual level</th>
                  <th scope="col" className="num">
                    Measures in place
                  </th>
                  <th scope="col" className="num">
                    Overdue measures
                  </th>
                  <th scope="col">Review</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const due = r.reviewDue <= now;
                  return (
                    <tr key={r.srmId} data-srm={r.srmId} data-area={r.areaCode ?? ''}>
                      <td>
                        <Link to={`/srm/${r.srmId}`}>
                          <strong>{place(r)}</strong>
                        </Link>
                        <div className="muted small">
                          {r.areaName ? `${r.countryName} · ` : ''}
                          {r.title}
                        </div>
                      </td>
                      <td>
                        <SrmStatusBadge status={r.status} />
                      </td>
                      <td>{r.highestResidual ? <RiskBadge level={r.highestResidual} strong /> : '—'}</td>
                      <td>
                        <ResidualBar counts={r.byResidual} />
                      </td>
                      <td className="num">
                        {r.measuresInPlace} / {r.measures}
                      </td>
                      <td className="num">
                        {r.overdueMeasures > 0 ? (
                          <span className="badge bad overdue">{r.overdueMeasures} overdue</span>
                        ) : (
                          '0'
                        )}
                      </td>
                      <td>
                        <div className="nowrap">{formatDay(r.reviewDue)}</div>
                        {due ? <span className="badge bad overdue">review due</span> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className="table-foot">
              {plural(rows.length, 'SRM')}; the level-rise reasons for a review are listed on each SRM.
            </p>
          </TableWrap>
        )}
      </ListState>
    </>
  );
}
