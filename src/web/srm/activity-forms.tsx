import { api, request } from '../api/client';
import { useOrganizations } from '../api/queries';
import type { Activity, ActivityInput, ExecutiveHeadApproval, SrmDetail } from '../api/srm-types';
import { ConflictNotice } from '../threats/conflict';
import { today } from '../threats/levels';
import { SelectField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, useForm } from '../ui/form-panel';
import { useSrmWrite } from './use-srm-write';

const PC = [
  { value: '1', label: 'PC1 — lifesaving at scale, or directed by the Secretary-General' },
  { value: '2', label: 'PC2' },
  { value: '3', label: 'PC3' },
  { value: '4', label: 'PC4' },
];

/** Adds a programme activity; the acceptability verdict comes back from the server. */
export function ActivityForm({ srm, onDone }: { srm: SrmDetail; onDone: () => void }) {
  const { values, field } = useForm({
    title: '',
    organizationCode: srm.organizationCode ?? '',
    pcLevel: '',
    periodStart: srm.periodStart,
    periodEnd: srm.periodEnd,
  });
  const organizations = useOrganizations();
  const { mutation } = useSrmWrite(
    () =>
      api.post<Activity>(`/srm/${srm.id}/activities`, {
        title: values.title.trim(),
        organizationCode: values.organizationCode,
        pcLevel: values.pcLevel ? Number(values.pcLevel) : null,
        periodStart: values.periodStart,
        periodEnd: values.periodEnd,
      } satisfies ActivityInput),
    onDone,
  );
  const { byField, other } = splitProblem(mutation.error, [
    'title',
    'organizationCode',
    'pcLevel',
    'periodStart',
    'periodEnd',
  ]);

  return (
    <FormPanel
      title="Add a programme activity"
      submitLabel="Add activity"
      pending={mutation.isPending}
      error={mutation.error}
      other={other}
      onSubmit={() => mutation.mutate(undefined)}
      onCancel={onDone}
      headingLevel="h3"
    >
      <div className="span-all">
        <TextField label="Activity" {...field('title')} error={byField.title} required maxLength={300} />
      </div>
      <SelectField
        label="Organization"
        {...field('organizationCode')}
        error={byField.organizationCode}
        options={(organizations.data ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }))}
        placeholder={organizations.isPending ? 'Loading…' : 'Choose an organization'}
        required
      />
      <SelectField
        label="Programme criticality"
        {...field('pcLevel')}
        error={byField.pcLevel}
        options={PC}
        placeholder="Not assessed yet"
        hint="Mandatory where the residual risk is High or Very high."
      />
      <TextField label="From" type="date" {...field('periodStart')} error={byField.periodStart} required />
      <TextField label="To" type="date" {...field('periodEnd')} error={byField.periodEnd} required />
    </FormPanel>
  );
}

/** Records the Executive Head's approval, given outside the system, of a PC1 activity at Very high risk. */
export function ExecutiveHeadForm({ activity: a, onDone }: { activity: Activity; onDone: () => void }) {
  const { values, field } = useForm({ approvedBy: '', approvedOn: today(), note: '' });
  const { mutation, conflict, reload } = useSrmWrite(
    () =>
      request<Activity>('PUT', `/srm/activities/${a.id}/executive-head-approval`, {
        body: {
          approvedBy: values.approvedBy.trim(),
          approvedOn: values.approvedOn,
          note: values.note.trim(),
          version: a.version,
        } satisfies ExecutiveHeadApproval,
      }),
    onDone,
  );
  const { byField, other } = splitProblem(mutation.error, ['approvedBy', 'approvedOn', 'note']);

  return (
    <FormPanel
      title={`Executive Head's approval of “${a.title}”`}
      submitLabel="Record approval"
      pending={mutation.isPending}
      error={conflict ? null : mutation.error}
      other={other}
      onSubmit={() => mutation.mutate(undefined)}
      onCancel={onDone}
      headingLevel="h3"
    >
      {conflict ? <ConflictNotice what="activity" onReload={reload} /> : null}
      <TextField
        label="Approved by"
        {...field('approvedBy')}
        error={byField.approvedBy}
        required
        maxLength={200}
      />
      <TextField
        label="Approved on"
        type="date"
        {...field('approvedOn')}
        error={byField.approvedOn}
        required
      />
      <div className="span-all">
        <TextField label="Note" {...field('note')} error={byField.note} maxLength={2000} />
      </div>
    </FormPanel>
  );
}
