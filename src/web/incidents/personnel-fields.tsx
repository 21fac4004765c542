import {
  OUTCOMES,
  PERSONNEL_CATEGORIES,
  type PersonnelCategory,
  SEXES,
  type Sex,
} from '../api/incident-types';
import { SelectField, TextField } from '../ui/field';
import {
  type ErrorsByPath,
  type IncidentFormState,
  isStoredRow,
  newPerson,
  type Patch,
  type PersonRow,
} from './form-model';
import { OUTCOME_LABELS, optionsOf, PERSONNEL_CATEGORY_LABELS, SEX_LABELS, YES_NO_OPTIONS } from './labels';

type Option = { value: string; label: string };

/**
 * Personnel affected: one row per person (who may be named, restricted) or per group of people
 * given as a count. Every row has an outcome; the totals and the annual table come from these.
 */
export function PersonnelFields({
  f,
  set,
  errors,
  organizations,
  defaultOrganization,
  withheld = false,
}: {
  f: IncidentFormState;
  set: Patch;
  errors: ErrorsByPath;
  organizations: readonly Option[];
  defaultOrganization: string;
  /**
   * A correction by someone without need-to-know: names and line managers are withheld; the
   * server keeps them with each recorded row (sent with its id), whatever is edited or removed.
   */
  withheld?: boolean;
}) {
  const hideNames = withheld;
  const update = (i: number, change: Partial<PersonRow>) =>
    set({ personnel: f.personnel.map((p, j) => (j === i ? { ...p, ...change } : p)) });
  const add = (mode: PersonRow['mode']) =>
    set({ personnel: [...f.personnel, newPerson(mode, f.organizationCodes[0] ?? defaultOrganization)] });

  return (
    <section className="impact-section span-all" aria-labelledby="personnel-heading">
      <h3 id="personnel-heading">Personnel affected</h3>
      {f.relevance === 'near_miss' ? (
        <p className="hint">A near miss affected no one: leave this empty.</p>
      ) : null}
      {errors.personnel ? <p className="field-error">{errors.personnel}</p> : null}
      {f.personnel.map((p, i) => {
        const at = (k: string) => errors[`personnel.${i}.${k}`];
        const legend = p.mode === 'person' ? `Person ${i + 1}` : `Group ${i + 1}`;
        return (
          <fieldset key={p.key} className="impact-row" data-testid="personnel-row">
            <legend>{legend}</legend>
            {errors[`personnel.${i}`] ? <p className="field-error">{errors[`personnel.${i}`]}</p> : null}
            <div className="form-grid">
              <SelectField
                label="Outcome"
                value={p.outcome}
                onChange={(outcome) => update(i, { outcome: outcome as PersonRow['outcome'] })}
                options={optionsOf(OUTCOMES, OUTCOME_LABELS)}
                placeholder="Choose"
                required
                error={at('outcome')}
              />
              {p.mode === 'count' ? (
                <TextField
                  label="Number of people"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  step={1}
                  value={p.count}
                  onChange={(count) => update(i, { count })}
                  required
                  error={at('count')}
                />
              ) : null}
              <SelectField
                label="Personnel category"
                value={p.category}
                onChange={(category) => update(i, { category: category as PersonnelCategory })}
                options={optionsOf(PERSONNEL_CATEGORIES, PERSONNEL_CATEGORY_LABELS)}
                error={at('category')}
              />
              <SelectField
                label="Sex"
                value={p.sex}
                onChange={(sex) => update(i, { sex: sex as Sex })}
                options={optionsOf(SEXES, SEX_LABELS)}
                error={at('sex')}
              />
              <SelectField
                label="Organization"
                value={p.organizationCode}
                onChange={(organizationCode) => update(i, { organizationCode })}
                options={organizations}
                placeholder="Not known"
                error={at('organizationCode')}
              />
              <SelectField
                label="On duty"
                value={p.onDuty}
                onChange={(onDuty) => update(i, { onDuty })}
                options={YES_NO_OPTIONS}
                placeholder="Not known"
                error={at('onDuty')}
              />
              <SelectField
                label="Directly targeted"
                value={p.directlyTargeted}
                onChange={(directlyTargeted) => update(i, { directlyTargeted })}
                options={YES_NO_OPTIONS}
                placeholder="Not known"
                error={at('directlyTargeted')}
              />
              {p.outcome === 'abducted' ? (
                <label className="check-filter">
                  <input
                    type="checkbox"
                    checked={p.inCaptivity}
                    onChange={(e) => update(i, { inCaptivity: e.target.checked })}
                  />{' '}
                  Still in captivity
                </label>
              ) : null}
              {hideNames ? null : p.mode === 'person' ? (
                <TextField
                  label="Name (restricted)"
                  value={p.personName}
                  onChange={(personName) => update(i, { personName })}
                  maxLength={200}
                  autoComplete="off"
                  error={at('personName')}
                  hint="Only people with access to sensitive details can read it."
                />
              ) : null}
              {hideNames ? (
                <p className="hint span-all">
                  Name and line manager:{' '}
                  {isStoredRow(p)
                    ? 'withheld (need to know), kept as they are'
                    : 'ask a colleague with access to sensitive details to add them'}
                  .
                </p>
              ) : (
                <TextField
                  label="Line manager e-mail"
                  type="email"
                  inputMode="email"
                  autoComplete="off"
                  value={p.lineManagerEmail}
                  onChange={(lineManagerEmail) => update(i, { lineManagerEmail })}
                  error={at('lineManagerEmail')}
                  hint="Told of the incident."
                />
              )}
            </div>
            <button
              type="button"
              className="button danger small"
              onClick={() => set({ personnel: f.personnel.filter((_, j) => j !== i) })}
            >
              Remove {legend.toLowerCase()}
            </button>
          </fieldset>
        );
      })}
      <div className="row-actions">
        <button type="button" className="button secondary" onClick={() => add('person')}>
          Add a person
        </button>
        <button type="button" className="button secondary" onClick={() => add('count')}>
          Add a group (by number)
        </button>
      </div>
    </section>
  );
}
