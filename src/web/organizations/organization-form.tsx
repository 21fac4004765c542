import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { keys } from '../api/queries';
import {
  type CreateOrganization,
  ORGANIZATION_TYPES,
  type Organization,
  type UpdateOrganization,
} from '../api/types';
import { SelectField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, optionalText, useForm } from '../ui/form-panel';

const FIELDS = ['code', 'name', 'type', 'countedInCode'] as const;
const TYPE_OPTIONS = ORGANIZATION_TYPES.map((t) => ({
  value: t,
  label: t.charAt(0).toUpperCase() + t.slice(1),
}));

function changed(value: string, before: string | null): string | null | undefined {
  if (value === (before ?? '')) return undefined;
  return value || null;
}

/** Creates an organization, or edits one (the code is its stable key and cannot change). */
export function OrganizationForm({
  organization,
  organizations,
  onDone,
}: {
  organization: Organization | null;
  organizations: Organization[];
  onDone: () => void;
}) {
  const client = useQueryClient();
  const { values, field } = useForm({
    code: organization?.code ?? '',
    name: organization?.name ?? '',
    type: organization?.type ?? 'agency',
    countedInCode: organization?.countedInCode ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      organization
        ? api.patch<Organization>(`/organizations/${organization.id}`, {
            name: values.name.trim(),
            type: values.type,
            // Sent only when changed; an emptied choice clears the link.
            countedInCode: changed(values.countedInCode, organization.countedInCode),
            version: organization.version,
          } satisfies UpdateOrganization)
        : api.post<Organization>('/organizations', {
            code: values.code.trim(),
            name: values.name.trim(),
            type: values.type,
            countedInCode: optionalText(values.countedInCode),
          } satisfies CreateOrganization),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.organizations });
      onDone();
    },
  });
  const { byField, other } = splitProblem(save.error, FIELDS, {
    countedIn: 'countedInCode',
    countedInId: 'countedInCode',
  });
  const parents = organizations
    .filter((o) => o.id !== organization?.id)
    .map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }));

  return (
    <FormPanel
      title={organization ? `Edit ${organization.code}` : 'New organization'}
      submitLabel={organization ? 'Save changes' : 'Create organization'}
      pending={save.isPending}
      error={save.error}
      other={other}
      onSubmit={() => save.mutate()}
      onCancel={onDone}
    >
      <TextField
        label="Code"
        {...field('code')}
        error={byField.code}
        required
        disabled={Boolean(organization)}
        hint={organization ? 'The code identifies the organization and cannot change.' : 'e.g. UNDP'}
      />
      <TextField label="Name" {...field('name')} error={byField.name} required />
      <SelectField label="Type" {...field('type')} options={TYPE_OPTIONS} error={byField.type} required />
      <SelectField
        label="Counted in"
        {...field('countedInCode')}
        options={parents}
        placeholder="— Not counted in another —"
        error={byField.countedInCode}
        hint="For personnel counts and cost-sharing (e.g. a department counted in the Secretariat)."
      />
    </FormPanel>
  );
}
