import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { UpdateUser, User, UserStatus } from '../api/types';
import { SelectField, TextField } from '../ui/field';
import { FormProblem, splitProblem } from '../ui/form-errors';
import { optionalText, useForm } from '../ui/form-panel';
import { GrantsEditor } from './grants-editor';

const FIELDS = ['displayName', 'email', 'status', 'password'] as const;
const STATUS = [
  { value: 'active', label: 'Active' },
  { value: 'disabled', label: 'Disabled (cannot sign in)' },
];

/** One user's account details and access (grants), editable with users.write. */
export function UserDetail({
  user,
  writable,
  onClose,
}: {
  user: User;
  writable: boolean;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [saved, setSaved] = useState(false);
  const { values, field, setValues } = useForm({
    displayName: user.displayName,
    email: user.email ?? '',
    status: user.status as string,
    password: '',
  });
  const save = useMutation({
    mutationFn: () =>
      api.patch<User>(`/users/${user.id}`, {
        displayName: values.displayName.trim(),
        email: optionalText(values.email) ?? null,
        status: values.status as UserStatus,
        password: values.password || undefined,
        version: user.version,
      } satisfies UpdateUser),
    onSuccess: async () => {
      setSaved(true);
      setValues((v) => ({ ...v, password: '' }));
      await client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const { byField, other } = splitProblem(save.error, FIELDS);

  return (
    <section className="panel" aria-labelledby="user-detail-title">
      <div className="page-header">
        <h2 id="user-detail-title" ref={heading} tabIndex={-1}>
          {user.displayName} <span className="muted">({user.username})</span>
        </h2>
        <button type="button" className="button secondary small" onClick={onClose}>
          Close
        </button>
      </div>
      {writable ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(false);
            save.mutate();
          }}
          noValidate
          aria-label="Account"
        >
          <FormProblem error={save.error} other={other} />
          {saved && !save.error ? (
            <p className="success" role="status">
              Saved.
            </p>
          ) : null}
          <div className="form-grid">
            <TextField label="Full name" {...field('displayName')} error={byField.displayName} required />
            <TextField label="E-mail" type="email" {...field('email')} error={byField.email} />
            <SelectField label="Status" {...field('status')} options={STATUS} error={byField.status} />
            <TextField
              label="New password"
              type="password"
              autoComplete="new-password"
              {...field('password')}
              error={byField.password}
              hint="Leave blank to keep the current password."
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save account'}
            </button>
          </div>
        </form>
      ) : (
        <p>
          {user.email ?? 'No e-mail'} · {user.organizationCode ?? 'No organization'} · {user.status}
        </p>
      )}
      <GrantsEditor user={user} writable={writable} />
    </section>
  );
}
