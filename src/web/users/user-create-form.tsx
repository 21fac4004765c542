import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { CreateUser, Organization, User } from '../api/types';
import { SelectField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, optionalText, useForm } from '../ui/form-panel';

const FIELDS = ['username', 'displayName', 'email', 'organizationCode', 'password'] as const;

/** Creates a local account; roles are granted afterwards, in the user's detail panel. */
export function UserCreateForm({
  organizations,
  onDone,
}: {
  organizations: Organization[];
  onDone: (created: User | null) => void;
}) {
  const client = useQueryClient();
  const { values, field } = useForm({
    username: '',
    displayName: '',
    email: '',
    organizationCode: '',
    password: '',
  });
  const save = useMutation({
    mutationFn: () =>
      api.post<User>('/users', {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        email: optionalText(values.email),
        organizationCode: optionalText(values.organizationCode),
        password: values.password || undefined,
      } satisfies CreateUser),
    onSuccess: async (user) => {
      await client.invalidateQueries({ queryKey: ['users'] });
      onDone(user);
    },
  });
  const { byField, other } = splitProblem(save.error, FIELDS, {
    organizationId: 'organizationCode',
    organization: 'organizationCode',
  });

  return (
    <FormPanel
      title="New user"
      submitLabel="Create user"
      pending={save.isPending}
      error={save.error}
      other={other}
      onSubmit={() => save.mutate()}
      onCancel={() => onDone(null)}
    >
      <TextField
        label="Username"
        {...field('username')}
        error={byField.username}
        required
        autoCapitalize="none"
        spellCheck={false}
      />
      <TextField label="Full name" {...field('displayName')} error={byField.displayName} required />
      <TextField
        label="E-mail"
        type="email"
        {...field('email')}
        error={byField.email}
        hint="Optional: many personnel have no organizational address."
      />
      <SelectField
        label="Organization"
        {...field('organizationCode')}
        options={organizations.map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }))}
        placeholder="— None —"
        error={byField.organizationCode}
      />
      <TextField
        label="Initial password"
        type="password"
        autoComplete="new-password"
        {...field('password')}
        error={byField.password}
        hint="Optional; without one the account cannot sign in until a password is set."
      />
    </FormPanel>
  );
}
