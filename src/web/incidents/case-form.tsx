import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { incidentKeys } from '../api/incident-queries';
import {
  CASE_STATUSES,
  type CaseStatus,
  type IncidentPage,
  type OpenCase,
  type SeriousCrimeCase,
  type UpdateCase,
} from '../api/incident-types';
import { isVersionConflict } from '../threats/conflict';
import { SelectField, TextAreaField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, useForm } from '../ui/form-panel';
import { CASE_STATUS_LABELS, optionsOf } from './labels';

const FIELDS = [
  'incidentId',
  'status',
  'nextOfKinFocalPoint',
  'authority',
  'caseReference',
  'notes',
] as const;

/** Finds the incident a case is about by reference, title or place. */
function IncidentPicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['incidents', 'pick', q],
    queryFn: ({ signal }) => api.get<IncidentPage>('/incidents', { q, limit: 20 }, signal),
    enabled: q.trim().length >= 2,
  });
  const preset = useQuery({
    queryKey: incidentKeys.one(value),
    queryFn: ({ signal }) =>
      api.get<{ id: string; reference: string; title: string }>(`/incidents/${value}`, undefined, signal),
    enabled: Boolean(value) && !found.data,
  });
  const options = (found.data?.items ?? []).map((i) => ({
    value: i.id,
    label: `${i.reference} — ${i.title}`,
  }));
  if (preset.data && !options.some((o) => o.value === preset.data.id))
    options.unshift({ value: preset.data.id, label: `${preset.data.reference} — ${preset.data.title}` });
  return (
    <>
      <TextField
        label="Find the incident"
        type="search"
        value={q}
        onChange={setQ}
        placeholder="Reference, title or place"
      />
      <SelectField
        label="Incident"
        value={value}
        onChange={onChange}
        options={options}
        placeholder={found.isFetching ? 'Searching…' : 'Choose the incident'}
        required
        error={error}
      />
    </>
  );
}

/** Opens a case in the confidential registry, or follows one up (status, authority, notes). */
export function CaseForm({
  existing,
  incidentId = '',
  onDone,
}: {
  existing: SeriousCrimeCase | null;
  incidentId?: string;
  onDone: () => void;
}) {
  const client = useQueryClient();
  const { values, field, setValues } = useForm({
    incidentId: existing?.incidentId ?? incidentId,
    status: existing?.status ?? 'reported',
    nextOfKinFocalPoint: existing?.nextOfKinFocalPoint ?? '',
    authority: existing?.authority ?? '',
    caseReference: existing?.caseReference ?? '',
    notes: existing?.notes ?? '',
  });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        status: values.status as CaseStatus,
        nextOfKinFocalPoint: values.nextOfKinFocalPoint.trim(),
        authority: values.authority.trim(),
        caseReference: values.caseReference.trim(),
        notes: values.notes.trim(),
      };
      return existing
        ? api.patch<SeriousCrimeCase>(`/incidents/registry/${existing.id}`, {
            ...body,
            version: existing.version,
          } satisfies UpdateCase)
        : api.post<SeriousCrimeCase>('/incidents/registry', {
            ...body,
            incidentId: values.incidentId,
          } satisfies OpenCase);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: incidentKeys.cases });
      onDone();
    },
  });
  const { byField, other } = splitProblem(save.error, FIELDS);
  const conflict = isVersionConflict(save.error);

  return (
    <FormPanel
      title={existing ? `Case of ${existing.incidentReference}` : 'Open a case'}
      submitLabel={existing ? 'Save the case' : 'Open the case'}
      pending={save.isPending}
      error={
        conflict
          ? new Error('Someone else updated this case since you opened it. Cancel and open it again.')
          : save.error
      }
      other={other}
      onSubmit={() => save.mutate()}
      onCancel={onDone}
    >
      {existing ? null : (
        <IncidentPicker
          value={values.incidentId}
          onChange={(id) => setValues((v) => ({ ...v, incidentId: id }))}
          error={byField.incidentId}
        />
      )}
      <SelectField
        label="Status"
        {...field('status')}
        options={optionsOf(CASE_STATUSES, CASE_STATUS_LABELS)}
        error={byField.status}
      />
      <TextField
        label="Next-of-kin focal point"
        {...field('nextOfKinFocalPoint')}
        error={byField.nextOfKinFocalPoint}
        maxLength={300}
      />
      <TextField label="Authority" {...field('authority')} error={byField.authority} maxLength={300} />
      <TextField
        label="Authority's case reference"
        {...field('caseReference')}
        error={byField.caseReference}
        maxLength={120}
      />
      <div className="span-all prose-field">
        <TextAreaField label="Notes" {...field('notes')} error={byField.notes} rows={4} />
      </div>
    </FormPanel>
  );
}
