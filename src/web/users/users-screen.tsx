import { useState } from 'react';
import { useOrganizations, useRoles, useUsers } from '../api/queries';
import type { User } from '../api/types';
import { useCan } from '../auth/session';
import { setSearchParam, useLocation } from '../router/router';
import { SelectField } from '../ui/field';
import { roleLabel } from '../ui/labels';
import { formatDateTime, matches, PageHeader, SearchBox, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';
import { UserCreateForm } from './user-create-form';
import { UserDetail } from './user-detail';

/** The users the signed-in person may see (by their scope), with access management. */
export default function UsersScreen() {
  const can = useCan();
  const { search: params } = useLocation();
  const organization = params.get('organization') ?? '';
  const query = useUsers(organization);
  const organizations = useOrganizations();
  const roles = useRoles();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = query.data?.find((u) => u.id === selectedId) ?? null;
  const writable = can('users.write');

  const rolesOf = (u: User) =>
    [...new Set(u.grants.map((g) => roleLabel(g.role, roles.data)))].join(', ') || '—';

  return (
    <>
      <PageHeader
        title="Users & access"
        description="People who can sign in, and the roles they hold over an organization, country, area or globally."
        actions={
          writable ? (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              New user
            </button>
          ) : null
        }
      />
      {creating ? (
        <UserCreateForm
          organizations={organizations.data ?? []}
          onDone={(created) => {
            setCreating(false);
            if (created) setSelectedId(created.id);
          }}
        />
      ) : null}
      {selected ? (
        <UserDetail
          key={selected.id}
          user={selected}
          writable={writable}
          onClose={() => setSelectedId(null)}
        />
      ) : null}
      <div className="toolbar">
        <SearchBox value={search} onChange={setSearch} placeholder="Username, name or e-mail" />
        <SelectField
          label="Organization"
          value={organization}
          onChange={(v) => setSearchParam('organization', v)}
          options={(organizations.data ?? []).map((o) => ({ value: o.code, label: o.code }))}
          placeholder="All I can see"
        />
      </div>
      <ListState query={query} empty="No users in your scope.">
        {(rows) => {
          const shown = rows.filter((u) => matches(search, u.username, u.displayName, u.email));
          return (
            <TableWrap label="Users">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Username</th>
                    <th scope="col">Name</th>
                    <th scope="col">Organization</th>
                    <th scope="col">Status</th>
                    <th scope="col">Roles</th>
                    <th scope="col">Last sign-in</th>
                    <th scope="col" className="actions">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((u) => (
                    <tr key={u.id} className={u.id === selectedId ? 'expanded' : undefined}>
                      <td>
                        <strong>{u.username}</strong>
                      </td>
                      <td>
                        {u.displayName}
                        {u.email ? <div className="hint">{u.email}</div> : null}
                      </td>
                      <td>{u.organizationCode ?? '—'}</td>
                      <td>
                        <span className={`badge ${u.status === 'active' ? 'ok' : 'bad'}`}>{u.status}</span>
                      </td>
                      <td>{rolesOf(u)}</td>
                      <td>{formatDateTime(u.lastLoginAt)}</td>
                      <td className="actions">
                        <button
                          type="button"
                          className="button secondary small"
                          onClick={() => setSelectedId(u.id)}
                          aria-label={`${writable ? 'Manage' : 'View'} ${u.username}`}
                        >
                          {writable ? 'Manage' : 'View'}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="table-foot">
                {shown.length} of {rows.length} users
              </p>
            </TableWrap>
          );
        }}
      </ListState>
    </>
  );
}
