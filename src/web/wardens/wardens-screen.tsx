import './wardens.css';
import { useState } from 'react';
import { useCountries } from '../api/queries';
import { useCan, useMe } from '../auth/session';
import { navigate, setSearchParam, useLocation } from '../router/router';
import { SelectField } from '../ui/field';
import { PageHeader } from '../ui/page';
import { Empty, ErrorState, Loading } from '../ui/states';
import { CoveragePanel } from './coverage-panel';
import { useZones } from './wardens-api';
import { WardensNav } from './wardens-nav';
import { ZoneCard } from './zone-card';
import { ZoneForm } from './zone-form';

/** Warden zones in the user's scope, by country, with the country's coverage and a form for a new zone. */
export default function WardensScreen() {
  const { search } = useLocation();
  const me = useMe();
  const can = useCan();
  const defaultCountry = me.grants.find((g) => g.scopeType === 'country')?.scopeId ?? '';
  const country = search.get('country') ?? defaultCountry;
  const zones = useZones(country);
  const countries = useCountries();
  const [creating, setCreating] = useState(false);
  const items = zones.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Wardens"
        description="Warden zones: geographic (appointed by the Designated Official) or of an organization (by its head of office)."
        actions={
          can('warden.manage') && !creating ? (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              New zone
            </button>
          ) : null
        }
      />
      <WardensNav />
      <div className="toolbar">
        <SelectField
          label="Country"
          value={country}
          onChange={(v) => setSearchParam('country', v || undefined)}
          options={(countries.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          placeholder="All countries"
        />
      </div>
      {creating ? (
        <ZoneForm
          country={country}
          onCancel={() => setCreating(false)}
          onCreated={(z) => {
            setCreating(false);
            navigate(`/wardens/zones/${z.id}`);
          }}
        />
      ) : null}
      {zones.isPending ? (
        <Loading label="Loading zones…" />
      ) : zones.isError ? (
        <ErrorState error={zones.error} onRetry={() => zones.refetch()} />
      ) : items.length === 0 ? (
        <Empty>No warden zones {country ? `in ${country} ` : ''}that you may see.</Empty>
      ) : (
        <ul className="wz-cards" aria-label="Warden zones">
          {items.map((z) => (
            <ZoneCard key={z.id} zone={z} />
          ))}
        </ul>
      )}
      {country ? (
        <CoveragePanel country={country} />
      ) : (
        <p className="muted">Choose a country to see its coverage.</p>
      )}
    </>
  );
}
