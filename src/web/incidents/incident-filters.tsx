import { type FormEvent, useState } from 'react';
import { FILTER_NAMES, type IncidentFilter, useIncidentCategories } from '../api/incident-queries';
import { RELEVANCES } from '../api/incident-types';
import { useCountries } from '../api/queries';
import { navigate, setSearchParam, useLocation } from '../router/router';
import { SelectField, TextField } from '../ui/field';
import { categoryGroups, optionsOf, RELEVANCE_LABELS } from './labels';

/** The filters statistics, the map and exports accept (the list also takes area and text). */
export const SHARED_FILTERS = ['country', 'organization', 'category', 'relevance', 'from', 'to'] as const;

/** Only the shared filters, for the endpoints that refuse the others. */
export function sharedFilter(f: IncidentFilter): IncidentFilter {
  const out: Record<string, string> = {};
  for (const name of SHARED_FILTERS) if (f[name]) out[name] = f[name] as string;
  return out as IncidentFilter;
}

/**
 * Filters kept in the URL (so a filtered view can be bookmarked and shared): selects apply at
 * once, the text search when submitted, so a slow link is not asked for a page per keystroke.
 */
export function IncidentFilters({ filter, text = false }: { filter: IncidentFilter; text?: boolean }) {
  const countries = useCountries();
  const categories = useIncidentCategories();
  const { path } = useLocation();
  const [q, setQ] = useState(filter.q ?? '');
  const searchText = (event: FormEvent) => {
    event.preventDefault();
    setSearchParam('q', q.trim() || undefined);
  };
  const any = FILTER_NAMES.some((n) => filter[n]);

  return (
    <div className="toolbar incident-filters">
      <SelectField
        label="Country"
        value={filter.country ?? ''}
        onChange={(v) => setSearchParam('country', v || undefined)}
        options={(countries.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
        placeholder="All countries"
      />
      <SelectField
        label="Category"
        value={filter.category ?? ''}
        onChange={(v) => setSearchParam('category', v || undefined)}
        options={[]}
        groups={categoryGroups(categories.data ?? [])}
        placeholder="All categories"
      />
      <SelectField
        label="Relevance"
        value={filter.relevance ?? ''}
        onChange={(v) => setSearchParam('relevance', v || undefined)}
        options={optionsOf(RELEVANCES, RELEVANCE_LABELS)}
        placeholder="All entries"
      />
      <TextField
        label="From"
        type="date"
        value={filter.from ?? ''}
        onChange={(v) => setSearchParam('from', v || undefined)}
      />
      <TextField
        label="To"
        type="date"
        value={filter.to ?? ''}
        onChange={(v) => setSearchParam('to', v || undefined)}
      />
      {text ? (
        <form className="search-form" onSubmit={searchText} aria-label="Search incidents">
          <TextField
            label="Text"
            type="search"
            value={q}
            onChange={setQ}
            placeholder="Title, place, reference"
          />
          <button type="submit" className="button secondary">
            Search
          </button>
        </form>
      ) : null}
      {any ? (
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setQ('');
            navigate(path, { replace: true });
          }}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
