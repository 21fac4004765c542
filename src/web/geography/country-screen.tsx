import { useState } from 'react';
import { useAreas, useCountries, useStations } from '../api/queries';
import type { Area, Station } from '../api/types';
import { useCan } from '../auth/session';
import { Link } from '../router/router';
import { PageHeader } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';
import { AreaForm } from './area-form';
import { AreasTable } from './areas-table';
import { StationForm } from './station-form';
import { StationsTable } from './stations-table';

type Editing = { kind: 'area'; area: Area | null } | { kind: 'station'; station: Station | null } | null;

/** One country: its security risk management areas and its duty stations. */
export default function CountryScreen({ params }: { params: Record<string, string> }) {
  const code = (params.code ?? '').toUpperCase();
  const can = useCan();
  const countries = useCountries();
  const areas = useAreas(code);
  const stations = useStations(code);
  const [editing, setEditing] = useState<Editing>(null);
  const [areaFilter, setAreaFilter] = useState('');

  if (countries.isPending) return <Loading />;
  if (countries.isError) return <ErrorState error={countries.error} onRetry={() => countries.refetch()} />;
  const country = countries.data.find((c) => c.code === code);
  if (!country) {
    return (
      <div className="panel">
        <h1>Unknown country</h1>
        <p>
          There is no country with the code “{code}”. <Link to="/countries">Back to countries</Link>.
        </p>
      </div>
    );
  }
  const writable = can('geo.write');

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/countries">Countries</Link> › {country.name}
      </nav>
      <PageHeader
        title={country.name}
        description={`${country.code} · ${country.region}${country.subregion ? ` · ${country.subregion}` : ''}`}
        actions={
          <>
            <Link className="button secondary" to={`/?country=${country.code}`}>
              Show on map
            </Link>
            {writable ? (
              <>
                <button
                  type="button"
                  className="button"
                  onClick={() => setEditing({ kind: 'area', area: null })}
                >
                  New area
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => setEditing({ kind: 'station', station: null })}
                  disabled={!areas.data?.length}
                  title={areas.data?.length ? undefined : 'Create an area first'}
                >
                  New duty station
                </button>
              </>
            ) : null}
          </>
        }
      />
      {editing?.kind === 'area' ? (
        <AreaForm
          key={editing.area?.id ?? 'new-area'}
          countryCode={country.code}
          area={editing.area}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {editing?.kind === 'station' ? (
        <StationForm
          key={editing.station?.id ?? 'new-station'}
          station={editing.station}
          areas={areas.data ?? []}
          defaultArea={areaFilter}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <h2>Security risk management areas</h2>
      <AreasTable
        query={areas}
        writable={writable}
        onEdit={(area) => setEditing({ kind: 'area', area })}
        onShowStations={(area) => setAreaFilter(area.code)}
      />
      <h2 id="stations">Duty stations</h2>
      <StationsTable
        query={stations}
        areas={areas.data ?? []}
        areaFilter={areaFilter}
        onAreaFilter={setAreaFilter}
        writable={writable}
        onEdit={(station) => setEditing({ kind: 'station', station })}
      />
    </>
  );
}
