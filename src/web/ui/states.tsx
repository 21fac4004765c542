import type { ReactNode } from 'react';
import { messageOf, ProblemError } from '../api/client';

/** A polite, announced loading line; screens show it instead of a blank area. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** Shows a failed request's detail, with a retry button when the caller can retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const forbidden = error instanceof ProblemError && error.status === 403;
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>{forbidden ? 'Not allowed.' : 'Could not load.'}</strong> {messageOf(error)}
      </p>
      {onRetry && !forbidden ? (
        <button type="button" className="button secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
  refetch: () => unknown;
}

/** Renders loading, error and empty states for a list query, and the children otherwise. */
export function ListState<T>({
  query,
  empty,
  children,
}: {
  query: QueryLike<T[]>;
  empty: ReactNode;
  children: (rows: T[]) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const rows = query.data ?? [];
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return <>{children(rows)}</>;
}

/** What a keyset-paged list needs to offer its next page (TanStack Query's infinite query). */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => unknown;
}

/** "Load more" under a keyset-paged list, with the error of a failed page (nothing when done). */
export function LoadMore({ query }: { query: PagedQuery }) {
  return (
    <>
      {query.hasNextPage ? (
        <button
          type="button"
          className="button secondary"
          onClick={() => query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
        >
          {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      ) : null}
      {query.isFetchNextPageError ? <ErrorState error={query.error} /> : null}
    </>
  );
}
