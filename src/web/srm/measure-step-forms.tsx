import { api } from '../api/client';
import type { Measure, MeasureActionBody } from '../api/srm-types';
import { ConflictNotice } from '../threats/conflict';
import { today } from '../threats/levels';
import { SelectField, TextAreaField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, optionalNumber, useForm } from '../ui/form-panel';
import { useSrmWrite } from './use-srm-write';

/**
 * Marks an approved measure implemented. Evidence and the date are required because this is the
 * step that lowers the residual risk: an approved measure on paper does not.
 */
export function ImplementForm({ measure: m, onDone }: { measure: Measure; onDone: () => void }) {
  const { values, field } = useForm({ evidence: '', implementedOn: today() });
  const { mutation, conflict, reload } = useSrmWrite(
    () =>
      api.post<Measure>(`/srm/measures/${m.id}/implement`, {
        version: m.version,
        evidence: values.evidence.trim(),
        implementedOn: values.implementedOn,
      } satisfies MeasureActionBody),
    onDone,
  );
  const { byField, other } = splitProblem(mutation.error, ['evidence', 'implementedOn']);
  return (
    <FormPanel
      title={`Implemented: ${m.title}`}
      submitLabel="Mark implemented"
      pending={mutation.isPending}
      error={conflict ? null : mutation.error}
      other={other}
      onSubmit={() => mutation.mutate(undefined)}
      onCancel={onDone}
      headingLevel="h4"
    >
      {conflict ? <ConflictNotice what="measure" onReload={reload} /> : null}
      <div className="span-all prose-field">
        <TextAreaField
          label="Evidence"
          {...field('evidence')}
          error={byField.evidence}
          hint="What shows the measure is in place: a contract, an inspection, a photo reference."
          rows={2}
        />
      </div>
      <TextField
        label="Implemented on"
        type="date"
        max={today()}
        {...field('implementedOn')}
        error={byField.implementedOn}
        required
      />
    </FormPanel>
  );
}

const SCORES = [
  { value: '1', label: '1 — not effective' },
  { value: '2', label: '2 — slightly effective' },
  { value: '3', label: '3 — moderately effective' },
  { value: '4', label: '4 — effective' },
  { value: '5', label: '5 — highly effective' },
];

/** Verifies an implemented measure, recording how effective it proved (compared worldwide). */
export function VerifyForm({ measure: m, onDone }: { measure: Measure; onDone: () => void }) {
  const { values, field } = useForm({ effectiveness: m.effectiveness ? String(m.effectiveness) : '' });
  const { mutation, conflict, reload } = useSrmWrite(
    () =>
      api.post<Measure>(`/srm/measures/${m.id}/verify`, {
        version: m.version,
        effectiveness: optionalNumber(values.effectiveness),
      } satisfies MeasureActionBody),
    onDone,
  );
  const { byField, other } = splitProblem(mutation.error, ['effectiveness']);
  return (
    <FormPanel
      title={`Verify: ${m.title}`}
      submitLabel="Verify"
      pending={mutation.isPending}
      error={conflict ? null : mutation.error}
      other={other}
      onSubmit={() => mutation.mutate(undefined)}
      onCancel={onDone}
      headingLevel="h4"
    >
      {conflict ? <ConflictNotice what="measure" onReload={reload} /> : null}
      <SelectField
        label="Effectiveness"
        {...field('effectiveness')}
        error={byField.effectiveness}
        options={SCORES}
        placeholder="Not scored"
      />
    </FormPanel>
  );
}
