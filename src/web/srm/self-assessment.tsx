import { useId, useState } from 'react';
import { api } from '../api/client';
import { type Measure, SELF_ANSWERS, type SelfAnswer, type SelfAssessmentBody } from '../api/srm-types';
import { ActionProblem, useSrmWrite } from './use-srm-write';

const LABELS: Record<SelfAnswer, string> = {
  in_place: 'In place',
  partly: 'Partly',
  not_in_place: 'Not in place',
};

/**
 * The online self-assessment: anyone who reads the SRM can say whether a measure is really in
 * place, with a note. Answers are kept as a dated history; they inform the review and do not
 * change the measure's status (only evidence of implementation does).
 */
export function SelfAssessment({ measure: m }: { measure: Measure }) {
  const [note, setNote] = useState('');
  const [done, setDone] = useState<SelfAnswer | null>(null);
  const noteId = useId();
  const { mutation, reload } = useSrmWrite(
    (answer: SelfAnswer) =>
      api.post<Measure>(`/srm/measures/${m.id}/self-assessments`, {
        answer,
        note: note.trim(),
      } satisfies SelfAssessmentBody),
    () => setNote(''),
  );

  return (
    <details className="self-assess">
      <summary>Self-assess</summary>
      <div className="self-assess-body">
        <div className="field">
          <label className="label" htmlFor={noteId}>
            Note (optional)
          </label>
          <input id={noteId} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </div>
        <fieldset className="checks">
          <legend className="sr-only">Is “{m.title}” in place?</legend>
          {SELF_ANSWERS.map((a) => (
            <button
              key={a}
              type="button"
              className="button secondary small"
              disabled={mutation.isPending}
              onClick={() => {
                setDone(a);
                mutation.mutate(a);
              }}
            >
              {LABELS[a]}
            </button>
          ))}
        </fieldset>
        {mutation.isSuccess && done ? (
          <span className="badge ok" role="status">
            Recorded: {LABELS[done].toLowerCase()}
          </span>
        ) : null}
        <ActionProblem error={mutation.error} what="measure" onReload={reload} />
      </div>
    </details>
  );
}
