import { lazy, Suspense, useMemo, useState } from 'react';
import { useAreas, useCountries, useOrganizations, useStations } from '../api/queries';
import { useWho } from '../api/travel-queries';
import type { WhoQuery, WhoTotals } from '../api/travel-types';
import { setSearchParam, useLocation } from '../router/router';
import { SelectField, TextField } from '../ui/field';
import { FormProblem } from '../ui/form-errors';
import { formatDateTime, PageHeader, TableWrap } from '../ui/page';
import { Empty, Loading, LoadMore } from '../ui/states';
import { TravelNav } from './travel-nav';

const WhoMap = lazy(() => import('./who-map'));

type Mode = 'area' | 'country' | 'near';
const NAMES = ['area', 'country', 'near', 'at', 'organization', 'recruitment', 'kind', 'include'] as const;

function queryFrom(search: URLSearchParams): WhoQuery {
  const q: WhoQuery = {};
  for (const n of NAMES) {
    const v = search.get(n);
    if (v) q[n] = v;
  }
  return q;
}

/** The totals as a row of figures, then by organization. */
function Totals({ totals }: { totals: WhoTotals }) {
  const figures: [string, number][] = [
    ['People', totals.people],
    ['Personnel', totals.personnel],
    ['Dependants', totals.dependants],
    ['International', totals.international],
    ['Local', totals.local],
    ['Travellers', totals.travellers],
  ];
  return (
    <>
      <dl className="totals-grid" data-testid="who-totals">
        {figures.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{n.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {totals.byOrganization.length > 0 ? (
        <TableWrap label="By organization">
          <table>
            <thead>
              <tr>
                <th scope="col">Organization</th>
                <th scope="col" className="num">
                  People
                </th>
                <th scope="col" className="num">
                  Personnel
                </th>
                <th scope="col" className="num">
                  Dependants
                </th>
              </tr>
            </thead>
            <tbody>
              {totals.byOrganization.map((o) => (
                <tr key={o.organization}>
                  <td>{o.organization}</td>
                  <td className="num">{o.people}</td>
                  <td className="num">{o.personnel}</td>
                  <td className="num">{o.dependants}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}

/** A datetime-local value as an ISO instant with offset (the API wants one). */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/**
 * Who is where: everyone in an area, a country or within a radius of a point at a time, from duty
 * stations and travel, with totals by organization and an optional map of stations.
 */
export default function WhoScreen() {
  const { search } = useLocation();
  const q = queryFrom(search);
  const initialMode: Mode = q.near ? 'near' : q.area ? 'area' : 'country';
  const [mode, setMode] = useState<Mode>(initialMode);
  const [country, setCountry] = useState(q.country ?? '');
  const [area, setArea] = useState(q.area ?? '');
  const [point, setPoint] = useState(() => {
    const [lat = '', lon = '', km = '50'] = (q.near ?? '').split(',');
    return { lat, lon, km };
  });
  const [at, setAt] = useState('');
  const [showMap, setShowMap] = useState(false);
  const countries = useCountries();
  const areas = useAreas(country, mode === 'area' && Boolean(country));
  const organizations = useOrganizations();
  const placed = Boolean(q.area || q.country || q.near);
  const who = useWho(q, placed);
  const stations = useStations(q.country, q.area, showMap);
  const pages = who.data?.pages ?? [];
  const first = pages[0];
  const items = pages.flatMap((p) => p.items);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const i of items)
      if (i.where.stationCode) m.set(i.where.stationCode, (m.get(i.where.stationCode) ?? 0) + 1);
    return m;
  }, [items]);

  const apply = () => {
    setSearchParam('area', mode === 'area' ? area : undefined);
    setSearchParam('country', mode === 'country' ? country : undefined);
    setSearchParam('near', mode === 'near' ? `${point.lat},${point.lon},${point.km}` : undefined);
    setSearchParam('at', instant(at));
  };

  return (
    <>
      <PageHeader
        title="Who is where"
        description="Everyone present in a place at a time, from duty stations and cleared or pending travel."
      />
      <TravelNav />
      <form
        className="panel"
        aria-label="Where and when"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <div className="form-grid">
          <SelectField
            label="Search by"
            value={mode}
            onChange={(v) => setMode(v as Mode)}
            options={[
              { value: 'country', label: 'Country' },
              { value: 'area', label: 'Area' },
              { value: 'near', label: 'Point and radius' },
            ]}
          />
          {mode !== 'near' ? (
            <SelectField
              label="Country"
              value={country}
              onChange={(v) => {
                setCountry(v);
                setArea('');
              }}
              options={(countries.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
              placeholder="Choose a country"
            />
          ) : null}
          {mode === 'area' ? (
            <SelectField
              label="Area"
              value={area}
              onChange={setArea}
              options={(areas.data ?? []).map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
              placeholder="Choose an area"
            />
          ) : null}
          {mode === 'near' ? (
            <>
              <TextField
                label="Latitude"
                inputMode="decimal"
                value={point.lat}
                onChange={(lat) => setPoint({ ...point, lat })}
              />
              <TextField
                label="Longitude"
                inputMode="decimal"
                value={point.lon}
                onChange={(lon) => setPoint({ ...point, lon })}
              />
              <TextField
                label="Radius (km)"
                inputMode="decimal"
                value={point.km}
                onChange={(km) => setPoint({ ...point, km })}
              />
            </>
          ) : null}
          <TextField label="At" type="datetime-local" value={at} onChange={setAt} hint="Blank: now." />
          <SelectField
            label="Organization"
            value={q.organization ?? ''}
            onChange={(v) => setSearchParam('organization', v || undefined)}
            options={(organizations.data ?? []).map((o) => ({ value: o.code, label: o.code }))}
            placeholder="All"
          />
          <SelectField
            label="Recruitment"
            value={q.recruitment ?? ''}
            onChange={(v) => setSearchParam('recruitment', v || undefined)}
            options={[
              { value: 'international', label: 'International' },
              { value: 'local', label: 'Locally recruited' },
            ]}
            placeholder="All"
          />
          <SelectField
            label="People"
            value={q.kind ?? (q.include === 'dependants' ? 'all' : '')}
            onChange={(v) => {
              setSearchParam('kind', v === 'personnel' || v === 'dependant' ? v : undefined);
              setSearchParam('include', v === 'all' || v === 'dependant' ? 'dependants' : undefined);
            }}
            options={[
              { value: 'all', label: 'Personnel and dependants' },
              { value: 'personnel', label: 'Personnel only' },
              { value: 'dependant', label: 'Dependants only' },
            ]}
            placeholder="Personnel (default)"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Show who is there
          </button>
        </div>
      </form>
      {!placed ? (
        <Empty>Choose a country, an area or a point and radius.</Empty>
      ) : who.isPending ? (
        <Loading label="Counting…" />
      ) : who.isError && !first ? (
        <FormProblem error={who.error} other={[]} />
      ) : first ? (
        <>
          <p className="muted">At {formatDateTime(first.at)}</p>
          <Totals totals={first.totals} />
          <p>
            <button type="button" className="button secondary" onClick={() => setShowMap((s) => !s)}>
              {showMap ? 'Hide the map' : 'Show a map of duty stations'}
            </button>
          </p>
          {showMap ? (
            <Suspense fallback={<Loading label="Loading the map…" />}>
              <WhoMap stations={stations.data ?? []} counts={counts} />
            </Suspense>
          ) : null}
          {items.length === 0 ? (
            <Empty>Nobody is there at that time.</Empty>
          ) : (
            <TableWrap label="People">
              <table data-testid="who-list">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Organization</th>
                    <th scope="col">Where</th>
                    <th scope="col">Travel</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={i.personId}>
                      <td>
                        {i.name}
                        <div className="muted small">
                          {i.kind} · {i.recruitment}
                        </div>
                      </td>
                      <td>{i.organization}</td>
                      <td>
                        {i.where.stationCode ?? i.where.areaCode ?? '—'}{' '}
                        <span className="muted small">({i.where.source.replace('_', ' ')})</span>
                      </td>
                      <td>
                        {i.travel
                          ? `${i.travel.requestReference}, leaves ${formatDateTime(i.travel.departsAt)}`
                          : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <LoadMore query={who} />
        </>
      ) : null}
    </>
  );
}
