import './incidents.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf } from '../api/client';
import { incidentKeys, useDistributionLists, useIncidentCategories } from '../api/incident-queries';
import type { DistributionList } from '../api/incident-types';
import { PageHeader, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';
import { DistributionListForm } from './distribution-list-form';
import { IncidentsNav } from './incidents-nav';

type Editing = { list: DistributionList | null } | null;

/** Who else is told of an incident: configurable lists of addresses by country and category. */
export default function DistributionListsScreen() {
  const client = useQueryClient();
  const lists = useDistributionLists();
  const categories = useIncidentCategories();
  const [editing, setEditing] = useState<Editing>(null);
  const remove = useMutation({
    mutationFn: (list: DistributionList) => api.delete(`/incidents/distribution-lists/${list.id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: incidentKeys.lists }),
  });
  const categoryName = (code: string) => categories.data?.find((c) => c.code === code)?.name ?? code;

  return (
    <>
      <PageHeader
        title="Distribution lists"
        description="Besides the Designated Official, the security office in the country, the organizations' security teams and line managers, these addresses are told of new incidents."
        actions={
          <button type="button" className="button" onClick={() => setEditing({ list: null })}>
            New list
          </button>
        }
      />
      <IncidentsNav />
      {editing ? (
        <DistributionListForm
          key={editing.list?.id ?? 'new'}
          list={editing.list}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {remove.isError ? (
        <p className="form-problem" role="alert">
          {messageOf(remove.error)}
        </p>
      ) : null}
      <ListState query={lists} empty="No distribution list yet.">
        {(rows) => (
          <TableWrap label="Distribution lists">
            <table data-testid="distribution-lists">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Country</th>
                  <th scope="col">Categories</th>
                  <th scope="col">Addresses</th>
                  <th scope="col" className="actions">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((l) => (
                  <tr key={l.id}>
                    <td>
                      <strong>{l.name}</strong>
                    </td>
                    <td>{l.countryCode ?? 'Every country'}</td>
                    <td>{l.categories.length ? l.categories.map(categoryName).join(', ') : 'All'}</td>
                    <td className="small">{l.addresses.join(', ')}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button secondary small"
                        onClick={() => setEditing({ list: l })}
                        aria-label={`Edit ${l.name}`}
                      >
                        Edit
                      </button>{' '}
                      <button
                        type="button"
                        className="button danger small"
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(`Delete the list “${l.name}”?`)) remove.mutate(l);
                        }}
                        aria-label={`Delete ${l.name}`}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </ListState>
    </>
  );
}
