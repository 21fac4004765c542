import { useMutation } from '@tanstack/react-query';
import { api, messageOf, ProblemError } from '../api/client';
import type { WorkflowAction, WorkflowActionBody, WorkflowStatus } from '../api/threat-types';

const LABELS: Record<WorkflowAction, string> = {
  approve: 'Approve',
  return: 'Return to draft',
  publish: 'Publish',
};

/**
 * Approve, return and publish for one version. Only the buttons the user's permissions and the
 * version's status allow are shown; the server still decides (its scope and four-eyes rules), and
 * a refusal is shown as it says it.
 */
export function WorkflowActions<T>({
  path,
  status,
  version,
  canApprove,
  canPublish,
  what,
  onDone,
}: {
  /** e.g. `/advisories/{id}`; the action is appended. */
  path: string;
  status: WorkflowStatus;
  version: number;
  canApprove: boolean;
  canPublish: boolean;
  what: string;
  onDone: (updated: T) => void;
}) {
  const act = useMutation({
    mutationFn: (action: WorkflowAction) =>
      api.post<T>(`${path}/${action}`, { version } satisfies WorkflowActionBody),
    onSuccess: onDone,
  });
  const actions: WorkflowAction[] = [];
  if (status === 'draft' && canApprove) actions.push('approve');
  if (status === 'approved' && canApprove) actions.push('return');
  if (status === 'approved' && canPublish) actions.push('publish');
  if (actions.length === 0) return null;
  const conflict = act.error instanceof ProblemError && act.error.code === 'version-conflict';

  return (
    <fieldset className="workflow">
      <legend className="sr-only">Workflow of this {what}</legend>
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={action === 'return' ? 'button secondary' : 'button'}
          disabled={act.isPending}
          onClick={() => act.mutate(action)}
        >
          {act.isPending && act.variables === action ? `${LABELS[action]}…` : LABELS[action]}
        </button>
      ))}
      {act.error ? (
        <p className="form-problem" role="alert">
          {conflict
            ? `This ${what} was changed by someone else since you opened it; reload the page to see their version.`
            : messageOf(act.error)}
        </p>
      ) : null}
    </fieldset>
  );
}
