import { useState } from 'react';
import { useOrganizations } from '../api/queries';
import { ORGANIZATION_TYPES, type Organization } from '../api/types';
import { useCan } from '../auth/session';
import { SelectField } from '../ui/field';
import { matches, PageHeader, SearchBox, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';
import { OrganizationForm } from './organization-form';

type Editing = { organization: Organization | null } | null;

/** The organizations of the security management system, with create/edit for org.write. */
export default function OrganizationsScreen() {
  const can = useCan();
  const query = useOrganizations();
  const [search, setSearch] = useState('');
  const [type, setType] = useState('');
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <>
      <PageHeader
        title="Organizations"
        description="Secretariat departments, agencies, funds and programmes."
        actions={
          can('org.create') ? (
            <button type="button" className="button" onClick={() => setEditing({ organization: null })}>
              New organization
            </button>
          ) : null
        }
      />
      {editing ? (
        <OrganizationForm
          key={editing.organization?.id ?? 'new'}
          organization={editing.organization}
          organizations={query.data ?? []}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <div className="toolbar">
        <SearchBox value={search} onChange={setSearch} placeholder="Code or name" />
        <SelectField
          label="Type"
          value={type}
          onChange={setType}
          options={ORGANIZATION_TYPES.map((t) => ({ value: t, label: t }))}
          placeholder="All types"
        />
      </div>
      <ListState query={query} empty="No organizations yet. Create one or import a CSV.">
        {(rows) => {
          const shown = rows.filter((o) => (!type || o.type === type) && matches(search, o.code, o.name));
          return (
            <TableWrap label="Organizations">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Name</th>
                    <th scope="col">Type</th>
                    <th scope="col">Counted in</th>
                    {can('org.write') ? (
                      <th scope="col" className="actions">
                        <span className="sr-only">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((o) => (
                    <tr key={o.id}>
                      <td>
                        <strong>{o.code}</strong>
                      </td>
                      <td>{o.name}</td>
                      <td>{o.type}</td>
                      <td>{o.countedInCode ?? '—'}</td>
                      {can('org.write') ? (
                        <td className="actions">
                          <button
                            type="button"
                            className="button secondary small"
                            onClick={() => setEditing({ organization: o })}
                            aria-label={`Edit ${o.code}`}
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
                {shown.length} of {rows.length} organizations
              </p>
            </TableWrap>
          );
        }}
      </ListState>
    </>
  );
}
