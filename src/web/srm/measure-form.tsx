import { useId, useState } from 'react';
import { api } from '../api/client';
import { useOrganizations } from '../api/queries';
import { useMeasureLibrary } from '../api/srm-queries';
import {
  MEASURE_KINDS,
  type Measure,
  type MeasureInput,
  type MeasureKind,
  type Risk,
  type SrmDetail,
} from '../api/srm-types';
import { SelectField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, optionalNumber, optionalText, useForm } from '../ui/form-panel';
import { RiskBadge } from './badges';
import { positionAfter, riskAt } from './risk-levels';
import { useSrmWrite } from './use-srm-write';

const FIELDS = [
  'title',
  'libraryCode',
  'kind',
  'steps',
  'ownerOrganizationCode',
  'costUsd',
  'agreedDate',
] as const;

const STEPS = [
  { value: '0', label: '0 — no change on the scale' },
  { value: '1', label: '1 step' },
  { value: '2', label: '2 steps' },
];
const KINDS = MEASURE_KINDS.map((k) => ({
  value: k,
  label: k === 'prevention' ? 'Prevention (lowers likelihood)' : 'Mitigation (lowers impact)',
}));

/**
 * Proposes a measure for a risk, from the standard library (its code keeps measures comparable
 * worldwide) or written for the place. The preview shows where the residual risk would go once
 * it is approved and implemented; proposing it changes nothing yet.
 */
export function MeasureForm({ risk, srm, onDone }: { risk: Risk; srm: SrmDetail; onDone: () => void }) {
  const [source, setSource] = useState<'library' | 'custom'>('library');
  const group = useId();
  const { values, field } = useForm({
    libraryCode: '',
    title: '',
    kind: 'prevention',
    steps: '1',
    mandatory: '',
    ownerOrganizationCode: '',
    costUsd: '',
    agreedDate: '',
  });
  const library = useMeasureLibrary();
  const organizations = useOrganizations();
  const chosen = library.data?.find((l) => l.code === values.libraryCode);
  const kind: MeasureKind =
    source === 'library' ? (chosen?.kind ?? 'prevention') : (values.kind as MeasureKind);
  const { mutation: save } = useSrmWrite(() => {
    const body: MeasureInput = {
      ...(source === 'library'
        ? { libraryCode: optionalText(values.libraryCode) }
        : { title: optionalText(values.title), kind }),
      mandatory: values.mandatory === 'yes',
      steps: Number(values.steps),
      ownerOrganizationCode: optionalText(values.ownerOrganizationCode),
      costUsd: optionalNumber(values.costUsd),
      agreedDate: optionalText(values.agreedDate),
    };
    return api.post<Measure>(`/srm/risks/${risk.id}/measures`, body);
  }, onDone);
  const { byField, other } = splitProblem(save.error, FIELDS);
  const ready = source === 'custom' || chosen !== undefined;
  const after = riskAt(
    srm.matrix,
    positionAfter({ likelihood: risk.likelihood, impact: risk.impact }, [
      ...risk.measures,
      { kind, steps: Number(values.steps), status: 'implemented' },
    ]),
  );

  return (
    <FormPanel
      title={`Add a measure to “${risk.title}”`}
      submitLabel="Propose measure"
      pending={save.isPending}
      error={save.error}
      other={other}
      onSubmit={() => save.mutate(undefined)}
      onCancel={onDone}
      headingLevel="h4"
    >
      <fieldset className="checks span-all">
        <legend>Measure</legend>
        <label>
          <input
            type="radio"
            name={group}
            checked={source === 'library'}
            onChange={() => setSource('library')}
          />
          From the standard library
        </label>
        <label>
          <input
            type="radio"
            name={group}
            checked={source === 'custom'}
            onChange={() => setSource('custom')}
          />
          Written for this place
        </label>
      </fieldset>
      {source === 'library' ? (
        <div className="span-all">
          <SelectField
            label="Library measure"
            {...field('libraryCode')}
            error={byField.libraryCode ?? byField.title}
            options={(library.data ?? []).map((l) => ({
              value: l.code,
              label: `${l.code} — ${l.title} (${l.kind})`,
            }))}
            placeholder={library.isPending ? 'Loading the library…' : 'Choose a measure'}
            hint={chosen?.description}
            required
          />
        </div>
      ) : (
        <>
          <div className="span-all">
            <TextField label="Title" {...field('title')} error={byField.title} required maxLength={300} />
          </div>
          <SelectField label="Kind" {...field('kind')} error={byField.kind} options={KINDS} />
        </>
      )}
      <SelectField
        label="Steps it lowers the scale by"
        {...field('steps')}
        error={byField.steps}
        options={STEPS}
      />
      <SelectField
        label="Mandatory or recommended"
        {...field('mandatory')}
        options={[
          { value: '', label: 'Recommended' },
          { value: 'yes', label: 'Mandatory' },
        ]}
      />
      <SelectField
        label="Owner"
        {...field('ownerOrganizationCode')}
        error={byField.ownerOrganizationCode}
        options={(organizations.data ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }))}
        placeholder="Not assigned"
      />
      <TextField
        label="Cost (US$)"
        type="number"
        min={0}
        step="any"
        inputMode="decimal"
        {...field('costUsd')}
        error={byField.costUsd}
      />
      <TextField label="Agreed date" type="date" {...field('agreedDate')} error={byField.agreedDate} />
      <div className="span-all preview-line" aria-live="polite">
        <span className="label">Residual once approved and implemented:</span>
        {ready && after ? <RiskBadge level={after} /> : <span className="hint">choose a measure</span>}
        <span className="hint">now {risk.residual.label}; proposing it changes nothing yet</span>
      </div>
    </FormPanel>
  );
}
