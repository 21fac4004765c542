import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { api, ProblemError } from '../api/client';
import { incidentKeys, refreshIncidents, useIncidentCategories } from '../api/incident-queries';
import type { Incident, IncidentUpdate } from '../api/incident-types';
import { useOrganizations } from '../api/queries';
import { useMe } from '../auth/session';
import { ConflictNotice, isVersionConflict } from '../threats/conflict';
import { TextAreaField } from '../ui/field';
import { FormProblem } from '../ui/form-errors';
import { formatDateTime } from '../ui/page';
import { EventFields } from './event-fields';
import {
  changedFields,
  draftStore,
  type ErrorsByPath,
  emptyForm,
  errorsByPath,
  fromIncident,
  type IncidentFormState,
  missingRequired,
  type Patch,
  shownPaths,
  toBody,
} from './form-model';
import { ImpactFields } from './impact-fields';
import { OrganizationsField } from './organizations-field';
import { PersonnelFields } from './personnel-fields';
import { PlaceFields } from './place-fields';

export type IncidentFormMode = { kind: 'create' } | { kind: 'correct'; incident: Incident };

/**
 * The one standard form, to record an incident or correct one. Built for a phone on a slow link:
 * native inputs in one column, no map needed, nothing lost when a submission fails (the state
 * stays, and a draft is kept in this browser until the server has the report).
 */
export function IncidentForm({
  mode,
  onSaved,
  onCancel,
  onReload,
}: {
  mode: IncidentFormMode;
  onSaved: (saved: Incident) => void;
  onCancel?: () => void;
  /** After a lost race (409): load the other version and start again from it. */
  onReload?: () => void;
}) {
  const me = useMe();
  const client = useQueryClient();
  const categories = useIncidentCategories();
  const organizations = useOrganizations();
  const incident = mode.kind === 'correct' ? mode.incident : null;
  // Fixed at mount: when a lost race refreshes the incident, the edits stay under the version read.
  const [draftKey] = useState(() =>
    draftStore.key(me.id, incident ? `${incident.id}@${incident.version}` : 'new'),
  );
  // The snapshot a correction is compared with, and the version it was read at: a 409 keeps
  // failing until the user reloads, so nobody's change is overwritten unseen.
  const [initial] = useState(() => (incident ? fromIncident(incident) : emptyForm()));
  const [version] = useState(() => incident?.version ?? 0);
  const [restored, setRestored] = useState(() => draftStore.load(draftKey));
  const [f, setF] = useState<IncidentFormState>(() => restored?.state ?? initial);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<ErrorsByPath>({});
  const [unchanged, setUnchanged] = useState(false);
  const set: Patch = (change) => setF((current) => ({ ...current, ...change }));
  const formRef = useRef<HTMLFormElement>(null);

  const orgOptions = useMemo(
    () => (organizations.data ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` })),
    [organizations.data],
  );
  const ownOrganization = organizations.data?.find((o) => o.id === me.organizationId)?.code ?? '';

  // A new report names the reporter's organization as affected, until they change it.
  const prefilled = useRef(Boolean(incident || restored));
  useEffect(() => {
    if (prefilled.current || !ownOrganization) return;
    prefilled.current = true;
    setF((current) =>
      current.organizationCodes.length ? current : { ...current, organizationCodes: [ownOrganization] },
    );
  }, [ownOrganization]);

  // Every change goes to the draft, shortly after typing stops.
  const firstState = useRef(f);
  useEffect(() => {
    if (f === firstState.current) return;
    const timer = window.setTimeout(() => draftStore.save(draftKey, f), 300);
    return () => window.clearTimeout(timer);
  }, [f, draftKey]);

  const save = useMutation({
    mutationFn: () => {
      const body = toBody(f);
      if (!incident) return api.post<Incident>('/incidents', body);
      const update: IncidentUpdate = {
        ...changedFields(toBody(initial), body),
        version,
        reason: reason.trim(),
      };
      return api.patch<Incident>(`/incidents/${incident.id}`, update);
    },
    onSuccess: (saved) => {
      draftStore.clear(draftKey);
      client.setQueryData(incidentKeys.one(saved.id), saved);
      void refreshIncidents(client);
      onSaved(saved);
    },
    onError: (error) => {
      // Show the other version below the form at once; the form keeps what the user typed.
      if (isVersionConflict(error) && incident)
        void client.invalidateQueries({ queryKey: incidentKeys.one(incident.id) });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const required = missingRequired(f);
    setMissing(required);
    setUnchanged(false);
    if (Object.keys(required).length > 0) {
      save.reset();
      focusFirstError();
      return;
    }
    if (incident && Object.keys(changedFields(toBody(initial), toBody(f))).length === 0) {
      setUnchanged(true);
      return;
    }
    save.mutate(undefined, { onError: focusFirstError });
  };
  const focusFirstError = () =>
    window.setTimeout(() => {
      const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-problem');
      target?.focus();
      target?.scrollIntoView({ block: 'center' });
    }, 0);

  const conflict = isVersionConflict(save.error);
  const errors = Object.keys(missing).length ? missing : errorsByPath(save.error);
  const shown = shownPaths(f);
  const other =
    save.error instanceof ProblemError
      ? save.error.errors.filter((e) => !shown.has(e.field.replace(/^body\./, '')))
      : [];
  const offline = save.error instanceof ProblemError && save.error.status === 0;
  // A corrector without need-to-know sees neither names nor restricted details (null): the server
  // keeps them as they are, so the form neither shows nor sends them.
  const sensitiveWithheld = incident ? incident.sensitiveDetails === null : false;

  return (
    <form
      ref={formRef}
      className="incident-form"
      onSubmit={submit}
      noValidate
      aria-label={incident ? `Correct ${incident.reference}` : 'Record an incident'}
      data-testid="incident-form"
    >
      {restored ? (
        <div className="notice draft-notice" role="status">
          <p>
            Restored the entry you had not sent yet
            {restored.savedAt ? ` (saved ${formatDateTime(restored.savedAt)})` : ''}. Names and restricted
            details are never kept on the device: type them again if needed.
          </p>
          <button
            type="button"
            className="button secondary small"
            onClick={() => {
              draftStore.clear(draftKey);
              setRestored(null);
              setF(initial);
            }}
          >
            Discard it and start again
          </button>
        </div>
      ) : null}
      {conflict && onReload ? (
        <ConflictNotice
          what="incident"
          onReload={() => {
            draftStore.clear(draftKey);
            onReload();
          }}
        />
      ) : null}
      {!conflict ? <FormProblem error={save.error} other={other} /> : null}
      {offline ? (
        <p className="notice" role="status">
          Nothing was lost: your entry stays here and in this browser’s draft. Send it again when the
          connection is back.
        </p>
      ) : null}
      {Object.keys(missing).length ? (
        <div className="form-problem" role="alert">
          <p>Please fill in the highlighted fields.</p>
        </div>
      ) : null}

      <section className="panel form-section" aria-labelledby="event-heading">
        <h2 id="event-heading">Event</h2>
        <div className="form-grid">
          <EventFields
            f={f}
            set={set}
            errors={errors}
            categories={categories.data ?? []}
            categoriesPending={categories.isPending}
            sensitiveWithheld={sensitiveWithheld}
          />
          <PlaceFields f={f} set={set} errors={errors} />
        </div>
      </section>

      <section className="panel form-section" aria-labelledby="impacts-section-heading">
        <h2 id="impacts-section-heading">Impacts</h2>
        <div className="form-grid">
          <OrganizationsField
            value={f.organizationCodes}
            onChange={(organizationCodes) => set({ organizationCodes })}
            options={orgOptions}
            error={errors.organizationCodes}
          />
          <PersonnelFields
            f={f}
            set={set}
            errors={errors}
            organizations={orgOptions}
            defaultOrganization={ownOrganization}
            withheld={sensitiveWithheld}
          />
          <ImpactFields f={f} set={set} errors={errors} organizations={orgOptions} />
        </div>
      </section>

      {incident ? (
        <section className="panel form-section prose-field">
          <TextAreaField
            label="Reason for the correction"
            value={reason}
            onChange={setReason}
            rows={2}
            error={errors.reason}
            hint="Kept in the history with your name and the time."
          />
        </section>
      ) : null}

      {unchanged ? (
        <p className="notice" role="status">
          Nothing has changed yet: correct a field, then save.
        </p>
      ) : null}
      <div className="form-actions submit-bar">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Sending…' : incident ? 'Save the correction' : 'Record the incident'}
        </button>
        {onCancel ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              draftStore.clear(draftKey);
              onCancel();
            }}
            disabled={save.isPending}
          >
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
