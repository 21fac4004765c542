import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { keys } from '../api/queries';
import type { CreatedApiToken, CreateTokenBody } from '../api/types';
import { SelectField, TextField } from '../ui/field';
import { FormProblem, splitProblem } from '../ui/form-errors';

const EXPIRY = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: '', label: 'Never' },
];

/** Names a new token and picks its lifetime; short lifetimes are the safer default. */
export function NewTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const create = useMutation({
    mutationFn: () =>
      api.post<CreatedApiToken>('/auth/tokens', {
        name: name.trim(),
        expiresInDays: days ? Number(days) : undefined,
      } satisfies CreateTokenBody),
    onSuccess: async (token) => {
      setName('');
      onCreated(token);
      await client.invalidateQueries({ queryKey: keys.tokens });
    },
  });
  const { byField, other } = splitProblem(create.error, ['name', 'expiresInDays']);

  return (
    <form
      className="panel"
      aria-label="Create a token"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <FormProblem error={create.error} other={other} />
      <div className="form-grid">
        <TextField
          label="Token name"
          value={name}
          onChange={setName}
          error={byField.name}
          placeholder="e.g. HR sync"
          required
        />
        <SelectField
          label="Expires after"
          value={days}
          onChange={setDays}
          options={EXPIRY}
          error={byField.expiresInDays}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending || !name.trim()}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
