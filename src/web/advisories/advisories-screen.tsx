import '../threats/levels.css';
import '../threats/screens.css';
import { useMemo, useState } from 'react';
import { apiUrl } from '../api/client';
import { useCountries } from '../api/queries';
import { useAdvisories } from '../api/threat-queries';
import type { Advisory } from '../api/threat-types';
import { useCan } from '../auth/session';
import { Link, setSearchParam, useLocation } from '../router/router';
import { LevelStrip, OverdueBadge, StatusBadge } from '../threats/level-strip';
import { formatDay } from '../threats/levels';
import { SelectField } from '../ui/field';
import { matches, PageHeader, SearchBox, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';

const subject = (a: Advisory) => (a.areaName ? `${a.countryName} — ${a.areaName}` : a.countryName);

/** Country first, then its areas; the country-wide advisory before the area ones. */
const byPlace = (a: Advisory, b: Advisory) =>
  a.countryName.localeCompare(b.countryName) ||
  (a.areaName ?? '').localeCompare(b.areaName ?? '') ||
  b.number - a.number;

/** Current travel advisories for all personnel, with their levels and whether they are stale. */
export default function AdvisoriesScreen() {
  const can = useCan();
  const { search: params } = useLocation();
  const region = params.get('region') ?? '';
  const overdue = params.get('overdue') === 'true';
  const mine = params.get('mine') === 'true';
  const query = useAdvisories({ region, overdue, mine });
  const countries = useCountries();
  const [search, setSearch] = useState('');
  const writer = can('advisory.write', 'advisory.approve');
  const regions = useMemo(
    () => [...new Set((countries.data ?? []).map((c) => c.region).filter(Boolean))].sort(),
    [countries.data],
  );

  return (
    <>
      <PageHeader
        title="Travel advisories"
        description="Security levels, guidance, clearances and contacts for each country and area. The highest level comes first."
        actions={
          <>
            <a className="button secondary" href={apiUrl('/advisories/feed.atom')}>
              Atom feed
            </a>
            {can('advisory.write') ? (
              <Link className="button" to="/advisories/new">
                New advisory
              </Link>
            ) : null}
          </>
        }
      />
      <div className="toolbar">
        <SearchBox
          value={search}
          onChange={setSearch}
          label="Search"
          placeholder="Country, area or headline"
        />
        <SelectField
          label="Region"
          value={region}
          onChange={(v) => setSearchParam('region', v)}
          options={regions.map((r) => ({ value: r, label: r }))}
          placeholder="All regions"
        />
        <label className="check-filter">
          <input
            type="checkbox"
            checked={overdue}
            onChange={(e) => setSearchParam('overdue', e.target.checked ? 'true' : undefined)}
          />{' '}
          Review overdue only
        </label>
        {writer ? (
          <label className="check-filter">
            <input
              type="checkbox"
              checked={mine}
              onChange={(e) => setSearchParam('mine', e.target.checked ? 'true' : undefined)}
            />{' '}
            Mine (including drafts)
          </label>
        ) : null}
      </div>
      <ListState
        query={query}
        empty={overdue ? 'No advisory is overdue for review.' : 'No advisories match these filters.'}
      >
        {(rows) => {
          const shown = rows
            .filter((a) => matches(search, a.countryName, a.countryCode, a.areaName, a.areaCode, a.headline))
            .sort(byPlace);
          return (
            <TableWrap label="Travel advisories">
              <table className="advisories-table">
                <thead>
                  <tr>
                    <th scope="col">Country / area</th>
                    <th scope="col">Levels (highest first)</th>
                    <th scope="col">Review by</th>
                    {mine ? <th scope="col">Status</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((a) => (
                    <tr key={a.id} data-advisory={a.id}>
                      <td>
                        <Link to={`/advisories/${a.id}`}>
                          <strong>{subject(a)}</strong>
                        </Link>
                        <div className="muted small">{a.headline}</div>
                      </td>
                      <td>
                        <LevelStrip ranked={a} />
                      </td>
                      <td>
                        <div>{formatDay(a.reviewBy)}</div>
                        <OverdueBadge days={a.daysOverdue} />
                      </td>
                      {mine ? (
                        <td>
                          <StatusBadge status={a.status} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="table-foot">
                {shown.length} of {rows.length} advisories
              </p>
            </TableWrap>
          );
        }}
      </ListState>
    </>
  );
}
