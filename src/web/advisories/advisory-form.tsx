import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { useAreas, useCountries } from '../api/queries';
import { refreshAdvisories } from '../api/threat-queries';
import {
  type Advisory,
  type CategoryLevels,
  type Clearance,
  type Contact,
  type CreateAdvisory,
  TRAINING,
  type Training,
  type UpdateAdvisory,
} from '../api/threat-types';
import { ConflictNotice, isVersionConflict } from '../threats/conflict';
import { LevelStrip } from '../threats/level-strip';
import { highestText, rank, today } from '../threats/levels';
import { LevelsEditor } from '../threats/levels-editor';
import { SelectField, TextAreaField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, useForm } from '../ui/form-panel';
import { TRAINING_LABELS } from './advisory-facts';
import { NEUTRAL_LEVELS, useAssessedLevels } from './advisory-levels';
import { ContactsEditor, cleanContacts } from './contacts-editor';

const FIELDS = [
  'countryCode',
  'areaCode',
  'headline',
  'guidance',
  'requiredClearance',
  'requiredTraining',
  'contacts',
  'effectiveDate',
  'reviewBy',
  'levels',
] as const;

// Short labels: the select is narrow; the detail page spells them out (CLEARANCE_LABELS).
const CLEARANCES = [
  { value: 'none', label: 'Not required' },
  { value: 'automatic', label: 'Automatic' },
  { value: 'manual', label: 'Manual (case by case)' },
];

export type AdvisoryFormMode =
  | { kind: 'create'; country?: string; area?: string; from?: Advisory }
  | { kind: 'edit'; advisory: Advisory };

/**
 * Drafts a new advisory version, or edits a draft. A new version takes its levels from the
 * current published assessments unless the writer sets them; the preview shows which.
 */
export function AdvisoryForm({
  mode,
  onDone,
  onReload,
}: {
  mode: AdvisoryFormMode;
  onDone: (saved: Advisory | null) => void;
  onReload?: () => void;
}) {
  const client = useQueryClient();
  const base = mode.kind === 'edit' ? mode.advisory : mode.from;
  const { values, field } = useForm({
    countryCode: mode.kind === 'create' ? (mode.country ?? mode.from?.countryCode ?? '') : '',
    areaCode: mode.kind === 'create' ? (mode.area ?? mode.from?.areaCode ?? '') : '',
    headline: base?.headline ?? '',
    guidance: base?.guidance ?? '',
    requiredClearance: base?.requiredClearance ?? 'manual',
    effectiveDate: mode.kind === 'edit' ? mode.advisory.effectiveDate : today(),
    reviewBy: mode.kind === 'edit' ? mode.advisory.reviewBy : today(90),
  });
  const [training, setTraining] = useState<Training[]>(() =>
    base ? base.requiredTraining.filter(isTraining) : ['BSAFE'],
  );
  const [contacts, setContacts] = useState<Contact[]>(base?.contacts ?? []);
  const [setOwn, setSetOwn] = useState(mode.kind === 'edit');
  const [levels, setLevels] = useState<CategoryLevels | null>(
    mode.kind === 'edit' ? levelsOf(mode.advisory) : null,
  );
  const countries = useCountries(mode.kind === 'create');
  const areas = useAreas(
    values.countryCode || undefined,
    mode.kind === 'create' && Boolean(values.countryCode),
  );
  const assessed = useAssessedLevels(mode.kind === 'create' ? values.countryCode : '', values.areaCode);
  const shownLevels = levels ?? assessed.data ?? (base ? levelsOf(base) : NEUTRAL_LEVELS);

  const save = useMutation({
    mutationFn: () => {
      const body: Omit<CreateAdvisory, 'countryCode' | 'areaCode'> = {
        headline: values.headline.trim(),
        guidance: values.guidance.trim(),
        requiredClearance: values.requiredClearance as Clearance,
        requiredTraining: training,
        contacts: cleanContacts(contacts),
        effectiveDate: values.effectiveDate,
        reviewBy: values.reviewBy,
        ...(setOwn ? { levels: shownLevels } : {}),
      };
      if (mode.kind === 'edit')
        return api.patch<Advisory>(`/advisories/${mode.advisory.id}`, {
          ...body,
          version: mode.advisory.version,
        } satisfies UpdateAdvisory);
      return api.post<Advisory>('/advisories', {
        ...body,
        countryCode: values.countryCode,
        ...(values.areaCode ? { areaCode: values.areaCode } : {}),
      } satisfies CreateAdvisory);
    },
    onSuccess: async (saved) => {
      await refreshAdvisories(client);
      onDone(saved);
    },
  });
  const { byField, other } = splitProblem(save.error, FIELDS);
  const conflict = isVersionConflict(save.error);

  return (
    <FormPanel
      title={mode.kind === 'edit' ? `Edit draft version ${mode.advisory.number}` : 'New advisory version'}
      submitLabel={mode.kind === 'edit' ? 'Save draft' : 'Create draft'}
      pending={save.isPending}
      error={conflict ? null : save.error}
      other={other}
      onSubmit={() => save.mutate()}
      onCancel={() => onDone(null)}
    >
      {conflict && onReload ? <ConflictNotice what="advisory" onReload={onReload} /> : null}
      {mode.kind === 'create' ? (
        <>
          <SelectField
            label="Country"
            {...field('countryCode')}
            error={byField.countryCode}
            required
            options={(countries.data ?? [])
              .filter((c) => c.areaCount > 0 || c.code === values.countryCode)
              .map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
            placeholder={countries.isPending ? 'Loading…' : 'Choose a country'}
          />
          <SelectField
            label="Area"
            {...field('areaCode')}
            error={byField.areaCode}
            options={(areas.data ?? []).map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
            placeholder="Whole country"
            hint="Leave as “Whole country” for a country-wide advisory."
          />
        </>
      ) : null}
      <div className="span-all">
        <TextField
          label="Headline"
          {...field('headline')}
          error={byField.headline}
          required
          maxLength={300}
        />
      </div>
      <div className="span-all prose-field">
        <TextAreaField label="Guidance" {...field('guidance')} error={byField.guidance} rows={6} />
      </div>
      <SelectField
        label="Required clearance"
        {...field('requiredClearance')}
        error={byField.requiredClearance}
        options={CLEARANCES}
      />
      <TextField
        label="Effective date"
        type="date"
        {...field('effectiveDate')}
        error={byField.effectiveDate}
        required
      />
      <TextField label="Review by" type="date" {...field('reviewBy')} error={byField.reviewBy} required />
      <fieldset className="checks span-all">
        <legend>Required training</legend>
        {TRAINING.map((t) => (
          <label key={t}>
            <input
              type="checkbox"
              checked={training.includes(t)}
              onChange={(e) =>
                setTraining(e.target.checked ? [...training, t] : training.filter((x) => x !== t))
              }
            />
            {TRAINING_LABELS[t] ?? t}
          </label>
        ))}
        {byField.requiredTraining ? <p className="field-error">{byField.requiredTraining}</p> : null}
      </fieldset>
      <ContactsEditor value={contacts} onChange={setContacts} error={byField.contacts} />
      {mode.kind === 'create' ? (
        <fieldset className="checks span-all">
          <legend>Levels</legend>
          <label>
            <input type="radio" name="levels-source" checked={!setOwn} onChange={() => setSetOwn(false)} />
            From the current published assessments
          </label>
          <label>
            <input type="radio" name="levels-source" checked={setOwn} onChange={() => setSetOwn(true)} />
            Set the levels
          </label>
        </fieldset>
      ) : null}
      {setOwn ? (
        <LevelsEditor value={shownLevels} onChange={setLevels} error={byField.levels} />
      ) : (
        <div className="span-all" aria-live="polite">
          {assessed.data ? (
            <>
              <p className="hint">Highest: {highestText(rank(assessed.data).highest)}</p>
              <LevelStrip ranked={rank(assessed.data)} label="Levels from the assessments, highest first" />
            </>
          ) : (
            <p className="hint">
              {values.countryCode
                ? assessed.isPending
                  ? 'Reading the current assessments…'
                  : 'No published assessment here yet: set the levels.'
                : 'Choose a country to see its assessed levels.'}
            </p>
          )}
          {byField.levels ? <p className="field-error">{byField.levels}</p> : null}
        </div>
      )}
    </FormPanel>
  );
}

/** Advisories list training as free text; the form offers (and the server accepts) the known courses. */
const isTraining = (t: string): t is Training => (TRAINING as readonly string[]).includes(t);

function levelsOf(a: Advisory): CategoryLevels {
  return Object.fromEntries(a.levels.map((l) => [l.category, l.level])) as CategoryLevels;
}
