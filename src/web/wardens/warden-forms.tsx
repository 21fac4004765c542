import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import type { PersonPage } from '../api/people-types';
import { SelectField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, useForm } from '../ui/form-panel';
import { useAppointWarden, useAssignPerson } from './wardens-api';

/** Appoints a platform user (by username) as warden or deputy of the zone. */
export function AppointForm({ zoneId, onDone }: { zoneId: string; onDone: () => void }) {
  const { values, field } = useForm({ username: '', role: 'warden' });
  const appoint = useAppointWarden(zoneId, onDone);
  const { byField, other } = splitProblem(appoint.error, ['username', 'role', 'personId']);
  return (
    <FormPanel
      title="Appoint a warden"
      submitLabel="Appoint"
      pending={appoint.isPending}
      error={appoint.error}
      other={other}
      headingLevel="h3"
      onCancel={onDone}
      onSubmit={() =>
        appoint.mutate({ username: values.username.trim(), role: values.role as 'warden' | 'deputy' })
      }
    >
      <TextField
        label="Username"
        required
        autoComplete="off"
        {...field('username')}
        error={byField.username}
      />
      <SelectField
        label="Role"
        {...field('role')}
        options={[
          { value: 'warden', label: 'Warden' },
          { value: 'deputy', label: 'Deputy warden' },
        ]}
        error={byField.role}
      />
    </FormPanel>
  );
}

/** Finds a person by name in the zone's country and places them in the zone. */
export function AssignForm({
  zoneId,
  country,
  onDone,
}: {
  zoneId: string;
  country: string;
  onDone: () => void;
}) {
  const [q, setQ] = useState('');
  const [personId, setPersonId] = useState('');
  const hits = useQuery({
    queryKey: ['wardens', 'people-search', country, q],
    queryFn: ({ signal }) => api.get<PersonPage>('/people', { country, q, limit: 20 }, signal),
    enabled: q.trim().length >= 2,
  });
  const assign = useAssignPerson(zoneId, onDone);
  const { byField, other } = splitProblem(assign.error, ['personId']);
  return (
    <FormPanel
      title="Assign a person"
      submitLabel="Assign"
      pending={assign.isPending}
      error={assign.error}
      other={other}
      headingLevel="h3"
      onCancel={onDone}
      onSubmit={() => assign.mutate(personId)}
    >
      <TextField label="Find by name" value={q} onChange={setQ} hint="At least two letters" />
      <SelectField
        label="Person"
        required
        value={personId}
        onChange={setPersonId}
        options={(hits.data?.items ?? []).map((p) => ({
          value: p.id,
          label: `${p.familyName}, ${p.givenName} (${p.organizationCode}${p.kind === 'dependant' ? ', dependant' : ''})`,
        }))}
        placeholder={hits.isFetching ? 'Searching…' : 'Choose…'}
        error={byField.personId}
      />
    </FormPanel>
  );
}
