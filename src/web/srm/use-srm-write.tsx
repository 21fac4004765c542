import { useMutation, useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../api/client';
import { refreshSrm } from '../api/srm-queries';
import { isVersionConflict } from '../threats/conflict';

/**
 * A write to an SRM, a risk, a measure or an activity. Whatever it was, the detail, dashboard and
 * measure search are refreshed afterwards: one measure's status changes all three.
 */
export function useSrmWrite<TVars, TResult>(
  write: (vars: TVars) => Promise<TResult>,
  onDone?: (result: TResult) => void,
) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: write,
    onSuccess: async (result) => {
      await refreshSrm(client);
      onDone?.(result);
    },
  });
  /** Loads what the other person saved and clears the failed attempt. */
  const reload = async () => {
    await refreshSrm(client);
    mutation.reset();
  };
  return { mutation, conflict: isVersionConflict(mutation.error), reload };
}

/**
 * The problem of a one-click action (approve, reject…). A 409 version conflict gets its own
 * words and a reload button: the record moved on under the user, retrying the same click is wrong.
 */
export function ActionProblem({
  error,
  what,
  onReload,
}: {
  error: unknown;
  what: string;
  onReload: () => void;
}) {
  if (!error) return null;
  if (isVersionConflict(error)) {
    return (
      <div className="form-problem action-problem" role="alert" data-testid="version-conflict">
        <p>
          This {what} was changed by someone else since you loaded it.{' '}
          <button type="button" className="button secondary small" onClick={onReload}>
            Reload
          </button>
        </p>
      </div>
    );
  }
  return (
    <p className="form-problem action-problem" role="alert">
      {messageOf(error)}
    </p>
  );
}
