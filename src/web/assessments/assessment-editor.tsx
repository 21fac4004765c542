import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { refreshThreats, threatKeys } from '../api/threat-queries';
import {
  type Assessment,
  CATEGORIES,
  type Category,
  type CategoryLevels,
  type CreateAssessment,
  type Level,
  type UpdateAssessment,
} from '../api/threat-types';
import { ConflictNotice, isVersionConflict } from '../threats/conflict';
import { LevelStrip } from '../threats/level-strip';
import { highestText, rank, today } from '../threats/levels';
import { TextAreaField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel } from '../ui/form-panel';
import { CategoryFields, type DraftCategory } from './category-fields';

export type EditorMode =
  | { kind: 'create'; areaCode: string; from?: Assessment }
  | { kind: 'edit'; assessment: Assessment };

type Draft = Record<Category, DraftCategory>;

const blank: DraftCategory = { level: 0, intent: '', capability: '', inhibitingContext: '', narrative: '' };

function initialDraft(source: Assessment | undefined): Draft {
  return Object.fromEntries(CATEGORIES.map((c) => [c, { ...(source?.categories[c] ?? blank) }])) as Draft;
}

/** Every category with its level chosen: what the server accepts. */
type Chosen = Record<Category, DraftCategory & { level: Level }>;

const allChosen = (d: Draft): d is Chosen => CATEGORIES.every((c) => d[c].level !== 0);

/**
 * Starts or edits a draft assessment. The four categories stay in a fixed order while editing;
 * the preview above them is ordered highest first. A save that lost the race to another editor
 * (409) keeps the user's text and offers to load the other version.
 */
export function AssessmentEditor({
  mode,
  onSaved,
  onCancel,
  onReload,
}: {
  mode: EditorMode;
  onSaved: (saved: Assessment) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const client = useQueryClient();
  const source = mode.kind === 'edit' ? mode.assessment : mode.from;
  const [effectiveDate, setEffectiveDate] = useState(
    mode.kind === 'edit' ? mode.assessment.effectiveDate : today(),
  );
  const [summary, setSummary] = useState(source?.summary ?? '');
  const [draft, setDraft] = useState<Draft>(() => initialDraft(source));
  const [missing, setMissing] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (categories: Chosen) => {
      const body = { effectiveDate, summary: summary.trim(), categories };
      return mode.kind === 'edit'
        ? api.patch<Assessment>(`/threats/assessments/${mode.assessment.id}`, {
            ...body,
            version: mode.assessment.version,
          } satisfies UpdateAssessment)
        : api.post<Assessment>('/threats/assessments', {
            ...body,
            areaCode: mode.areaCode,
          } satisfies CreateAssessment);
    },
    onSuccess: async (saved) => {
      client.setQueryData(threatKeys.assessment(saved.id), saved);
      await refreshThreats(client);
      setSavedAt(new Date().toLocaleTimeString(undefined, { timeStyle: 'short' }));
      onSaved(saved);
    },
  });
  const { byField, other } = splitProblem(save.error, ['effectiveDate', 'summary', 'categories']);
  const conflict = isVersionConflict(save.error);
  const submit = () => {
    setSavedAt(null);
    setMissing(!allChosen(draft));
    if (allChosen(draft)) save.mutate(draft);
  };
  const preview = allChosen(draft) ? rank(levelsOf(draft)) : null;
  const area =
    mode.kind === 'edit' ? `${mode.assessment.areaName} (${mode.assessment.areaCode})` : mode.areaCode;

  return (
    <FormPanel
      title={
        mode.kind === 'edit'
          ? `Edit draft version ${mode.assessment.number} of ${area}`
          : `New draft for ${area}`
      }
      submitLabel={mode.kind === 'edit' ? 'Save draft' : 'Create draft'}
      pending={save.isPending}
      error={conflict ? null : save.error}
      other={other}
      onSubmit={submit}
      onCancel={onCancel}
    >
      {conflict && onReload ? <ConflictNotice what="assessment" onReload={onReload} /> : null}
      {savedAt && mode.kind === 'edit' ? (
        <p className="success span-all" role="status" data-testid="saved">
          Draft saved at {savedAt}.
        </p>
      ) : null}
      <TextField
        label="Effective date"
        type="date"
        value={effectiveDate}
        onChange={setEffectiveDate}
        error={byField.effectiveDate}
        required
      />
      <div className="span-all prose-field">
        <TextAreaField
          label="Summary"
          value={summary}
          onChange={setSummary}
          error={byField.summary}
          rows={3}
        />
      </div>
      <div className="span-all" aria-live="polite">
        {preview ? (
          <>
            <p className="hint">Highest: {highestText(preview.highest)}</p>
            <LevelStrip ranked={preview} label="Preview, highest first" />
          </>
        ) : (
          <p className={missing ? 'field-error' : 'hint'}>Choose a level for each of the four categories.</p>
        )}
        {byField.categories ? <p className="field-error">{byField.categories}</p> : null}
      </div>
      {CATEGORIES.map((c) => (
        <CategoryFields
          key={c}
          category={c}
          value={draft[c]}
          onChange={(next) => setDraft((d) => ({ ...d, [c]: next }))}
          error={missing && draft[c].level === 0 ? 'Choose a level' : undefined}
        />
      ))}
    </FormPanel>
  );
}

function levelsOf(d: Chosen): CategoryLevels {
  return Object.fromEntries(CATEGORIES.map((c) => [c, d[c].level])) as CategoryLevels;
}
