import { useState } from 'react';
import { useOrganizations, useRoles } from '../api/queries';
import { useMe, useSignOut } from '../auth/session';
import { roleLabel, scopeLabel } from '../ui/labels';

/** The signed-in user's name and roles, and the sign-out button. */
export function UserBox() {
  const me = useMe();
  const signOut = useSignOut();
  const roles = useRoles();
  const organizations = useOrganizations();
  const [busy, setBusy] = useState(false);
  const summary = [...new Set(me.grants.map((g) => roleLabel(g.role, roles.data)))].join(', ');

  return (
    <div className="user-box">
      <details>
        <summary>
          <span className="user-name">{me.displayName}</span>
          <span className="user-roles">{summary || 'No roles'}</span>
        </summary>
        <div className="user-menu">
          <p>
            Signed in as <strong>{me.username}</strong>
          </p>
          {me.grants.length > 0 ? (
            <ul className="grant-list">
              {me.grants.map((g) => (
                <li key={`${g.role}:${g.scopeType}:${g.scopeId ?? ''}`}>
                  {roleLabel(g.role, roles.data)} — {scopeLabel(g, organizations.data)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">You hold no roles yet; ask your organization's focal point.</p>
          )}
        </div>
      </details>
      <button
        type="button"
        className="button secondary small"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void signOut();
        }}
      >
        Sign out
      </button>
    </div>
  );
}
