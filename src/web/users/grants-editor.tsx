import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useAreas, useOrganizations, useRoles } from '../api/queries';
import type { User, UserGrant } from '../api/types';
import { FormProblem } from '../ui/form-errors';
import { roleLabel, scopeLabel } from '../ui/labels';
import { TableWrap } from '../ui/page';
import { GrantForm } from './grant-form';

/** A user's roles and their scopes; revoke one, or grant another. */
export function GrantsEditor({ user, writable }: { user: User; writable: boolean }) {
  const client = useQueryClient();
  const roles = useRoles();
  const organizations = useOrganizations();
  // Area names are only needed (and fetched) when a grant is scoped to an area.
  const areas = useAreas(
    undefined,
    user.grants.some((g) => g.scopeType === 'area'),
  );
  const areaName = (id: string) => {
    const area = areas.data?.find((a) => a.id === id);
    return area ? `${area.countryCode} ${area.code}` : undefined;
  };
  const revoke = useMutation({
    mutationFn: (grant: UserGrant) => api.delete(`/users/${user.id}/grants/${grant.id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });

  return (
    <section aria-labelledby="grants-title">
      <h3 id="grants-title">Access</h3>
      <FormProblem error={revoke.error} other={[]} />
      {user.grants.length === 0 ? (
        <p className="state state-empty">No roles: this user can sign in but sees nothing.</p>
      ) : (
        <TableWrap label="Roles held">
          <table>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Scope</th>
                {writable ? (
                  <th scope="col" className="actions">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {user.grants.map((g) => (
                <tr key={g.id}>
                  <td>{roleLabel(g.role, roles.data)}</td>
                  <td>{scopeLabel(g, organizations.data, areaName)}</td>
                  {writable ? (
                    <td className="actions">
                      <button
                        type="button"
                        className="button danger small"
                        disabled={revoke.isPending}
                        onClick={() => {
                          const what = `${roleLabel(g.role, roles.data)} (${scopeLabel(g, organizations.data, areaName)})`;
                          if (window.confirm(`Revoke ${what} from ${user.username}?`)) revoke.mutate(g);
                        }}
                      >
                        Revoke
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {writable ? <GrantForm userId={user.id} roles={roles.data ?? []} /> : null}
    </section>
  );
}
