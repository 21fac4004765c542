import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { refreshTravel } from '../api/travel-queries';
import type { Decision, TravelRequest } from '../api/travel-types';
import { isVersionConflict } from '../threats/conflict';
import { TextAreaField } from '../ui/field';
import { FormProblem, splitProblem } from '../ui/form-errors';

/** Clear or refuse a pending request on the DO's behalf; the reason is required and recorded. */
export function DecisionForm({ request }: { request: TravelRequest }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const decide = useMutation({
    mutationFn: (body: Decision) => api.post<TravelRequest>(`/travel/requests/${request.id}/decision`, body),
    onSuccess: () => refreshTravel(client),
  });
  const { byField, other } = splitProblem(decide.error, ['reason', 'decision']);
  const send = (decision: Decision['decision']) => (event?: FormEvent) => {
    event?.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    decide.mutate({ decision, reason: reason.trim(), version: request.version });
  };
  return (
    <form
      className="decision-form"
      onSubmit={send('clear')}
      noValidate
      aria-label={`Decide ${request.reference}`}
    >
      <FormProblem error={decide.error} other={other} />
      {isVersionConflict(decide.error) ? (
        <p className="notice">Someone decided or changed this request first: the list has been refreshed.</p>
      ) : null}
      <TextAreaField
        label="Reason"
        value={reason}
        onChange={setReason}
        rows={2}
        error={missing ? 'State the reason for the decision.' : (byField.reason ?? byField.decision)}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={decide.isPending}>
          Clear
        </button>
        <button
          type="button"
          className="button danger"
          disabled={decide.isPending}
          onClick={() => send('refuse')()}
        >
          Refuse
        </button>
      </div>
    </form>
  );
}
