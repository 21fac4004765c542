import { useState } from 'react';
import { useCountries, useOrganizations, usePremises } from '../api/queries';
import type { Premises } from '../api/types';
import { useCan } from '../auth/session';
import { setSearchParam, useLocation } from '../router/router';
import { SelectField } from '../ui/field';
import { matches, PageHeader, SearchBox, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';
import { PremisesForm } from './premises-form';

/** Premises (offices, residences, warehouses…) by country and organization. */
export default function PremisesScreen() {
  const can = useCan();
  const { search: params } = useLocation();
  const country = params.get('country') ?? '';
  const organization = params.get('organization') ?? '';
  const query = usePremises(country, organization);
  const countries = useCountries();
  const organizations = useOrganizations();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<{ premises: Premises | null } | null>(null);

  return (
    <>
      <PageHeader
        title="Premises"
        description="Facilities of each organization at duty stations."
        actions={
          can('premises.write') ? (
            <button type="button" className="button" onClick={() => setEditing({ premises: null })}>
              New premises
            </button>
          ) : null
        }
      />
      {editing ? (
        <PremisesForm
          key={editing.premises?.id ?? 'new'}
          premises={editing.premises}
          organizations={organizations.data ?? []}
          countries={countries.data ?? []}
          defaultCountry={country}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <div className="toolbar">
        <SearchBox value={search} onChange={setSearch} placeholder="Code, name or address" />
        <SelectField
          label="Country"
          value={country}
          onChange={(v) => setSearchParam('country', v)}
          options={(countries.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          placeholder="All countries"
        />
        <SelectField
          label="Organization"
          value={organization}
          onChange={(v) => setSearchParam('organization', v)}
          options={(organizations.data ?? []).map((o) => ({ value: o.code, label: o.code }))}
          placeholder="All organizations"
        />
      </div>
      <ListState query={query} empty="No premises match. Register one or import a CSV.">
        {(rows) => {
          const shown = rows.filter((p) => matches(search, p.code, p.name, p.address, p.stationCode));
          return (
            <TableWrap label="Premises">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Name</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Organization</th>
                    <th scope="col">Duty station</th>
                    <th scope="col">Country</th>
                    <th scope="col">Address</th>
                    {can('premises.write') ? (
                      <th scope="col" className="actions">
                        <span className="sr-only">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <strong>{p.code}</strong>
                      </td>
                      <td>{p.name}</td>
                      <td>{p.kind}</td>
                      <td>{p.organizationCode}</td>
                      <td>{p.stationCode}</td>
                      <td>{p.countryCode}</td>
                      <td>{p.address || '—'}</td>
                      {can('premises.write') ? (
                        <td className="actions">
                          <button
                            type="button"
                            className="button secondary small"
                            onClick={() => setEditing({ premises: p })}
                            aria-label={`Edit premises ${p.code}`}
                          >
                            Edit
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="table-foot">
                {shown.length} of {rows.length} premises
              </p>
            </TableWrap>
          );
        }}
      </ListState>
    </>
  );
}
