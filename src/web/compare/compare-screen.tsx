import '../threats/levels.css';
import '../threats/screens.css';
import { lazy, Suspense, useMemo } from 'react';
import { apiUrl } from '../api/client';
import { useCountries } from '../api/queries';
import { type CompareFilter, compareQuery, useCompare } from '../api/threat-queries';
import { CATEGORIES, type Category } from '../api/threat-types';
import { setSearchParam, useLocation } from '../router/router';
import { CATEGORY_LABELS, LEVEL_NAMES, LEVELS } from '../threats/levels';
import { ErrorBoundary } from '../ui/error-boundary';
import { SelectField } from '../ui/field';
import { PageHeader } from '../ui/page';
import { ListState, Loading } from '../ui/states';
import { CompareTable } from './compare-table';

// MapLibre (~300 KB gzip) is fetched only when someone opens the map view.
const CompareMap = lazy(() => import('./compare-map'));

const isCategory = (v: string): v is Category => (CATEGORIES as readonly string[]).includes(v);

/** Current levels of every area side by side, as a sortable table or a coloured map. */
export default function CompareScreen() {
  const { search } = useLocation();
  const view = search.get('view') === 'map' ? 'map' : 'table';
  const rawCategory = search.get('category') ?? '';
  const filter: CompareFilter = {
    region: search.get('region') ?? '',
    category: isCategory(rawCategory) ? rawCategory : '',
    minLevel: search.get('minLevel') ?? '',
  };
  const query = useCompare(filter);
  const countries = useCountries();
  const regions = useMemo(
    () => [...new Set((countries.data ?? []).map((c) => c.region).filter(Boolean))].sort(),
    [countries.data],
  );
  const by = filter.category ? CATEGORY_LABELS[filter.category] : 'the highest level';

  return (
    <>
      <PageHeader
        title="Compare security levels"
        description="The current published levels of every area. Hazards are assessed separately and are not shown here."
        actions={
          <a
            className="button secondary"
            href={apiUrl('/threats/compare.csv', compareQuery(filter))}
            download
          >
            Export CSV (HXL)
          </a>
        }
      />
      <div className="toolbar">
        <SelectField
          label="Region"
          value={filter.region ?? ''}
          onChange={(v) => setSearchParam('region', v)}
          options={regions.map((r) => ({ value: r, label: r }))}
          placeholder="All regions"
        />
        <SelectField
          label="Category"
          value={filter.category ?? ''}
          onChange={(v) => setSearchParam('category', v)}
          options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
          placeholder="Highest of all categories"
          title="Sorts, filters and colours by this category"
        />
        <SelectField
          label="Minimum level"
          value={filter.minLevel ?? ''}
          onChange={(v) => setSearchParam('minLevel', v)}
          options={LEVELS.slice(1).map((l) => ({
            value: String(l),
            label: `${l} ${LEVEL_NAMES[l]} or higher`,
          }))}
          placeholder="Any level"
        />
        <fieldset className="view-switch">
          <legend className="sr-only">View</legend>
          <button
            type="button"
            className={`button ${view === 'table' ? '' : 'secondary'}`}
            aria-pressed={view === 'table'}
            onClick={() => setSearchParam('view', undefined)}
          >
            Table
          </button>
          <button
            type="button"
            className={`button ${view === 'map' ? '' : 'secondary'}`}
            aria-pressed={view === 'map'}
            onClick={() => setSearchParam('view', 'map')}
          >
            Map
          </button>
        </fieldset>
      </div>
      <ListState query={query} empty="No area matches these filters.">
        {(rows) =>
          view === 'map' ? (
            <ErrorBoundary>
              <Suspense fallback={<Loading label="Loading the map…" />}>
                <CompareMap rows={rows} category={filter.category || null} title={`Coloured by ${by}`} />
              </Suspense>
            </ErrorBoundary>
          ) : (
            <CompareTable rows={rows} />
          )
        }
      </ListState>
    </>
  );
}
