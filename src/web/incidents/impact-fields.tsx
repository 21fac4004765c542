import { IMPACT_KINDS, type ImpactKind } from '../api/incident-types';
import { usePremises } from '../api/queries';
import { useCan } from '../auth/session';
import { SelectField, TextAreaField, TextField } from '../ui/field';
import {
  type ErrorsByPath,
  type ImpactRow,
  type IncidentFormState,
  newImpact,
  type Patch,
} from './form-model';
import { IMPACT_KIND_LABELS, optionsOf } from './labels';

type Option = { value: string; label: string };

/** The premises of a country (and organization) when the reporter may list them; typed otherwise. */
function PremisesField({
  row,
  country,
  error,
  onChange,
}: {
  row: ImpactRow;
  country: string;
  error?: string;
  onChange: (code: string) => void;
}) {
  const can = useCan();
  const listed = can('premises.read');
  const premises = usePremises(listed && country ? country : undefined, row.organizationCode || undefined);
  if (!listed || premises.isError)
    return <TextField label="Premises code" value={row.premisesCode} onChange={onChange} error={error} />;
  return (
    <SelectField
      label="Premises"
      value={row.premisesCode}
      onChange={onChange}
      options={(premises.data ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
      placeholder={premises.isPending ? 'Loading…' : 'Choose the premises'}
      error={error}
    />
  );
}

/** Impacts on premises, property and programmes, one row each. */
export function ImpactFields({
  f,
  set,
  errors,
  organizations,
}: {
  f: IncidentFormState;
  set: Patch;
  errors: ErrorsByPath;
  organizations: readonly Option[];
}) {
  const update = (i: number, change: Partial<ImpactRow>) =>
    set({ impacts: f.impacts.map((m, j) => (j === i ? { ...m, ...change } : m)) });

  return (
    <section className="impact-section span-all" aria-labelledby="impacts-heading">
      <h3 id="impacts-heading">Premises, property and programmes</h3>
      {errors.impacts ? <p className="field-error">{errors.impacts}</p> : null}
      {f.impacts.map((m, i) => {
        const at = (k: string) => errors[`impacts.${i}.${k}`];
        return (
          <fieldset key={m.key} className="impact-row" data-testid="impact-row">
            <legend>
              {IMPACT_KIND_LABELS[m.kind].split(' (')[0]} {i + 1}
            </legend>
            <div className="form-grid">
              <SelectField
                label="Kind"
                value={m.kind}
                onChange={(kind) => update(i, { kind: kind as ImpactKind })}
                options={optionsOf(IMPACT_KINDS, IMPACT_KIND_LABELS)}
                error={at('kind')}
              />
              <SelectField
                label="Organization"
                value={m.organizationCode}
                onChange={(organizationCode) => update(i, { organizationCode, premisesCode: '' })}
                options={organizations}
                placeholder="Not known"
                error={at('organizationCode')}
              />
              {m.kind === 'premises' ? (
                <PremisesField
                  row={m}
                  country={f.countryCode}
                  error={at('premisesCode')}
                  onChange={(premisesCode) => update(i, { premisesCode })}
                />
              ) : null}
              <TextField
                label="Estimated loss (USD)"
                type="number"
                inputMode="decimal"
                min={0}
                step="any"
                value={m.estimatedLoss}
                onChange={(estimatedLoss) => update(i, { estimatedLoss })}
                error={at('estimatedLoss')}
              />
              <div className="span-all prose-field">
                <TextAreaField
                  label="Description"
                  value={m.description}
                  onChange={(description) => update(i, { description })}
                  rows={2}
                  error={at('description')}
                />
              </div>
            </div>
            <button
              type="button"
              className="button danger small"
              onClick={() => set({ impacts: f.impacts.filter((_, j) => j !== i) })}
            >
              Remove this impact
            </button>
          </fieldset>
        );
      })}
      <div className="row-actions">
        {IMPACT_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="button secondary"
            onClick={() => set({ impacts: [...f.impacts, newImpact(kind, f.organizationCodes[0] ?? '')] })}
          >
            Add {IMPACT_KIND_LABELS[kind].split(' (')[0]?.toLowerCase()}
          </button>
        ))}
      </div>
    </section>
  );
}
