import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { keys } from '../api/queries';
import type { ApiToken, CreatedApiToken } from '../api/types';
import { FormProblem } from '../ui/form-errors';
import { formatDateTime, PageHeader, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';
import { NewTokenForm } from './new-token-form';

/** Personal API tokens for integrations: create (the secret is shown once), list, revoke. */
export default function TokensScreen() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: keys.tokens,
    queryFn: ({ signal }) => api.get<ApiToken[]>('/auth/tokens', undefined, signal),
  });
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [copied, setCopied] = useState(false);
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/auth/tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.tokens }),
  });

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and other systems call the API as you, with your roles. Send one as “Authorization: Bearer …”."
      />
      <NewTokenForm
        onCreated={(token) => {
          setCreated(token);
          setCopied(false);
        }}
      />
      {created ? (
        <section className="panel" aria-label="New token" role="status">
          <h2>Token “{created.name}” created</h2>
          <p className="notice">Copy it now: it is shown only once and cannot be recovered.</p>
          <div className="secret">
            <code data-testid="new-token">{created.token}</code>
            <button
              type="button"
              className="button secondary small"
              onClick={() => {
                void navigator.clipboard?.writeText(created.token).then(() => setCopied(true));
              }}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" className="button secondary small" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </section>
      ) : null}
      <FormProblem error={revoke.error} other={[]} />
      <ListState query={query} empty="You have no API tokens.">
        {(rows) => (
          <TableWrap label="Your tokens">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="actions">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((t) => {
                  const expired = t.expiresAt !== null && new Date(t.expiresAt) < new Date();
                  const status = t.revokedAt ? 'revoked' : expired ? 'expired' : 'active';
                  return (
                    <tr key={t.id}>
                      <td>{t.name}</td>
                      <td>
                        <code>{t.prefix}…</code>
                      </td>
                      <td>{formatDateTime(t.createdAt)}</td>
                      <td>{t.expiresAt ? formatDateTime(t.expiresAt) : 'Never'}</td>
                      <td>{formatDateTime(t.lastUsedAt)}</td>
                      <td>
                        <span className={`badge ${status === 'active' ? 'ok' : 'bad'}`}>{status}</span>
                      </td>
                      <td className="actions">
                        {status === 'active' ? (
                          <button
                            type="button"
                            className="button danger small"
                            disabled={revoke.isPending}
                            onClick={() => {
                              if (
                                window.confirm(
                                  `Revoke the token “${t.name}”? Systems using it will stop working.`,
                                )
                              )
                                revoke.mutate(t.id);
                            }}
                          >
                            Revoke
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
      </ListState>
    </>
  );
}
