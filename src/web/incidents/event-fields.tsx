import type { IncidentCategory, Relevance } from '../api/incident-types';
import { RELEVANCES } from '../api/incident-types';
import { SelectField, TextAreaField, TextField } from '../ui/field';
import {
  type ErrorsByPath,
  type IncidentFormState,
  localToday,
  offsetOptions,
  type Patch,
} from './form-model';
import { categoryGroups, RELEVANCE_LABELS, SEXUAL_ASSAULT } from './labels';

const RELEVANCE_HINTS: Record<Relevance, string> = {
  organization: 'Our personnel, premises, property or programmes were affected.',
  situational: 'It happened near us; no one and nothing of ours was affected.',
  near_miss: 'It could have affected us, but did not.',
};

const PERPETRATORS = [
  'Unknown',
  'Criminal',
  'Armed group',
  'Security forces',
  'Police',
  'Crowd',
  'Individual',
];
const WEAPONS = [
  'None',
  'Firearm',
  'Knife or blade',
  'Explosive device',
  'Blunt object',
  'Vehicle',
  'Unknown',
];

function categoryHint(category: IncidentCategory | undefined): string {
  if (!category) return 'Grouped by nature. Sexual assault is one category; burglary is for premises only.';
  if (category.code === SEXUAL_ASSAULT)
    return 'One category for every sexual assault. Its details go in the restricted field below, not in the narrative.';
  if (category.premisesOnly)
    return 'Burglary concerns premises only: add the premises under Impacts. A vehicle break-in is not burglary.';
  if (category.nature === 'situational')
    return 'A situational-awareness category: mark the entry situational or a near miss.';
  return category.nature === 'safety' ? 'A safety incident (not an act of violence).' : 'An act of violence.';
}

/** The event: when, what, who and how. The place has its own fields (PlaceFields). */
export function EventFields({
  f,
  set,
  errors,
  categories,
  categoriesPending,
  sensitiveWithheld = false,
}: {
  f: IncidentFormState;
  set: Patch;
  errors: ErrorsByPath;
  categories: readonly IncidentCategory[];
  categoriesPending: boolean;
  /** The reader may not see the restricted details, so may not overwrite them either. */
  sensitiveWithheld?: boolean;
}) {
  const category = categories.find((c) => c.code === f.categoryCode);
  const chooseCategory = (code: string) => {
    const chosen = categories.find((c) => c.code === code);
    // The soft switch follows a situational category unless the reporter already chose otherwise.
    const relevance =
      chosen?.nature === 'situational' && f.relevance === 'organization' ? 'situational' : f.relevance;
    set({ categoryCode: code, relevance });
  };
  const showSensitive = f.categoryCode === SEXUAL_ASSAULT || f.sensitiveDetails !== '';

  return (
    <>
      <fieldset className="when span-all">
        <legend>When</legend>
        <div className="form-grid">
          <TextField
            label="Date"
            type="date"
            value={f.date}
            onChange={(date) => set({ date })}
            max={localToday()}
            required
            error={errors.occurredOn ?? errors.occurredAt}
          />
          <TextField
            label="Time (local)"
            type="time"
            value={f.time}
            onChange={(time) => set({ time })}
            hint="Leave blank if not known."
          />
          <SelectField
            label="UTC offset"
            value={f.offset}
            onChange={(offset) => set({ offset })}
            options={offsetOptions(f.offset)}
            hint="Where it happened; this device's offset by default."
          />
        </div>
      </fieldset>
      <div className="span-all">
        <SelectField
          label="Category"
          value={f.categoryCode}
          onChange={chooseCategory}
          options={[]}
          groups={categoryGroups(categories)}
          placeholder={categoriesPending ? 'Loading…' : 'Choose a category'}
          required
          error={errors.categoryCode}
          hint={categoryHint(category)}
        />
      </div>
      <fieldset className="checks relevance-switch span-all" aria-describedby="relevance-error">
        <legend>Who did it affect?</legend>
        {RELEVANCES.map((r) => (
          <label key={r} className="choice">
            <input
              type="radio"
              name="relevance"
              value={r}
              checked={f.relevance === r}
              onChange={() => set({ relevance: r })}
            />
            <span>
              <strong>{RELEVANCE_LABELS[r]}</strong>
              <span className="hint">{RELEVANCE_HINTS[r]}</span>
            </span>
          </label>
        ))}
        {errors.relevance ? (
          <span className="field-error" id="relevance-error">
            {errors.relevance}
          </span>
        ) : null}
      </fieldset>
      <div className="span-all">
        <TextField
          label="Title"
          value={f.title}
          onChange={(title) => set({ title })}
          required
          maxLength={300}
          error={errors.title}
          hint="A short line, e.g. “Vehicle stopped at a checkpoint on the airport road”. No names."
        />
      </div>
      <TextField
        label="Perpetrator"
        value={f.perpetratorType}
        onChange={(perpetratorType) => set({ perpetratorType })}
        list="incident-perpetrators"
        error={errors.perpetratorType}
      />
      <datalist id="incident-perpetrators">
        {PERPETRATORS.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <TextField
        label="Weapon"
        value={f.weapon}
        onChange={(weapon) => set({ weapon })}
        list="incident-weapons"
        error={errors.weapon}
      />
      <datalist id="incident-weapons">
        {WEAPONS.map((w) => (
          <option key={w} value={w} />
        ))}
      </datalist>
      <div className="span-all prose-field">
        <TextAreaField
          label="Context"
          value={f.context}
          onChange={(context) => set({ context })}
          rows={2}
          error={errors.context}
          hint="What was going on: a distribution, a demonstration, travel between sites…"
        />
      </div>
      <div className="span-all prose-field">
        <TextAreaField
          label="What happened"
          value={f.narrative}
          onChange={(narrative) => set({ narrative })}
          rows={5}
          error={errors.narrative}
        />
      </div>
      {showSensitive && sensitiveWithheld ? (
        <p className="notice span-all">
          Sexual assault details: withheld (need to know). They are kept as they are.
        </p>
      ) : showSensitive ? (
        <div className="span-all prose-field restricted-field">
          <TextAreaField
            label="Sexual assault details (restricted)"
            value={f.sensitiveDetails}
            onChange={(sensitiveDetails) => set({ sensitiveDetails })}
            rows={4}
            error={errors.sensitiveDetails}
            hint="Restricted: only people with access to sensitive details (need to know) can read this field. It is not kept in this device's draft."
          />
        </div>
      ) : null}
    </>
  );
}
