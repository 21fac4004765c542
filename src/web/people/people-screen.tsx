import { usePeoplePages } from '../api/people-queries';
import type { PeopleListQuery } from '../api/people-types';
import { useCountries, useOrganizations } from '../api/queries';
import { Link, setSearchParam, useLocation } from '../router/router';
import { SelectField } from '../ui/field';
import { PageHeader, SearchBox, TableWrap } from '../ui/page';
import { Empty, ErrorState, Loading, LoadMore } from '../ui/states';
import { PeopleNav } from './people-nav';

const NAMES = ['organization', 'country', 'station', 'kind', 'q'] as const;

/** Personal security profiles the user may read, filtered, one keyset page at a time. */
export default function PeopleScreen() {
  const { search } = useLocation();
  const filter: Record<string, string> = {};
  for (const n of NAMES) {
    const v = search.get(n);
    if (v) filter[n] = v;
  }
  const query = usePeoplePages(filter as PeopleListQuery);
  const organizations = useOrganizations();
  const countries = useCountries();
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title="People" description="Personal security profiles: personnel and their dependants." />
      <PeopleNav />
      <div className="toolbar">
        <SelectField
          label="Organization"
          value={filter.organization ?? ''}
          onChange={(v) => setSearchParam('organization', v)}
          options={(organizations.data ?? []).map((o) => ({ value: o.code, label: o.code }))}
          placeholder="All"
        />
        <SelectField
          label="Country"
          value={filter.country ?? ''}
          onChange={(v) => setSearchParam('country', v)}
          options={(countries.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          placeholder="All"
        />
        <SelectField
          label="Kind"
          value={filter.kind ?? ''}
          onChange={(v) => setSearchParam('kind', v)}
          options={[
            { value: 'personnel', label: 'Personnel' },
            { value: 'dependant', label: 'Dependants' },
          ]}
          placeholder="All"
        />
        <SearchBox value={filter.q ?? ''} onChange={(v) => setSearchParam('q', v)} label="Name or staff id" />
      </div>
      {query.isPending ? (
        <Loading label="Loading people…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>No one matches these filters.</Empty>
      ) : (
        <TableWrap label="People">
          <table data-testid="people-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Organization</th>
                <th scope="col">Kind</th>
                <th scope="col">Duty station</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/people/${p.id}`}>
                      {p.familyName}, {p.givenName}
                    </Link>
                    <div className="muted small">{p.externalId}</div>
                  </td>
                  <td>{p.organizationCode}</td>
                  <td>
                    {p.kind}
                    <div className="muted small">{p.recruitment}</div>
                  </td>
                  <td>{p.dutyStation ? `${p.dutyStation.name} (${p.dutyStation.countryCode})` : '—'}</td>
                  <td>{p.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="table-foot">
            {rows.length} shown{query.hasNextPage ? ' (more to load)' : ''}
          </p>
        </TableWrap>
      )}
      <LoadMore query={query} />
    </>
  );
}
