import { ProblemError } from '../api/client';

/** True for the 409 the server answers when another editor saved the record first. */
export const isVersionConflict = (error: unknown) =>
  error instanceof ProblemError && error.code === 'version-conflict';

/**
 * Shown instead of the generic problem when a save lost the race: the user's text stays in the
 * form (nothing is overwritten on either side) until they choose to load the other version.
 */
export function ConflictNotice({ what, onReload }: { what: string; onReload: () => void }) {
  return (
    <div className="form-problem span-all" role="alert" data-testid="version-conflict">
      <p>
        <strong>This {what} was changed by someone else</strong> since you opened it, so your changes were not
        saved. Your text is still in the form below: copy what you need, then reload to see their version.
      </p>
      <p>
        <button type="button" className="button secondary small" onClick={onReload}>
          Reload their version (discards your edits)
        </button>
      </p>
    </div>
  );
}
