import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api } from '../api/client';
import type { AuditEntry } from '../api/types';
import { setSearchParam, useLocation } from '../router/router';
import { SelectField, TextField } from '../ui/field';
import { formatDateTime, PageHeader, TableWrap } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';
import { AuditDetail } from './audit-detail';

const PAGE_SIZES = ['50', '100', '200', '500'].map((n) => ({ value: n, label: `${n} per page` }));
const OUTCOME_CLASS: Record<AuditEntry['outcome'], string> = { success: 'ok', denied: 'bad', failed: 'bad' };

/** The audit trail, newest first, within the user's scope; each entry expands to before/after. */
export default function AuditScreen() {
  const { search } = useLocation();
  const entityType = search.get('entityType') ?? '';
  const limit = Number(search.get('limit') ?? '100');
  const [typeInput, setTypeInput] = useState(entityType);
  const [open, setOpen] = useState<number | null>(null);
  const query = useInfiniteQuery({
    queryKey: ['audit', entityType, limit],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditEntry[]>('/audit', { entityType, limit, beforeId: pageParam }, signal),
    // Pages are keyed by the oldest id seen: stable even while new entries arrive.
    getNextPageParam: (last) => (last.length < limit ? undefined : last[last.length - 1]?.id),
  });
  const rows = query.data?.pages.flat() ?? [];

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every write, who made it and when, with the record before and after."
      />
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setSearchParam('entityType', typeInput.trim() || undefined);
        }}
      >
        <TextField
          label="Entity type"
          value={typeInput}
          onChange={setTypeInput}
          placeholder="e.g. station, user"
        />
        <SelectField
          label="Page size"
          value={String(limit)}
          onChange={(v) => setSearchParam('limit', v === '100' ? undefined : v)}
          options={PAGE_SIZES}
        />
        <button type="submit" className="button secondary">
          Filter
        </button>
      </form>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : rows.length === 0 ? (
        <p className="state state-empty">No audit entries{entityType ? ` for “${entityType}”` : ''}.</p>
      ) : (
        <TableWrap label="Audit entries">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Entity</th>
                <th scope="col">Outcome</th>
                <th scope="col" className="actions">
                  <span className="sr-only">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((entry) => (
                <Fragment key={entry.id}>
                  <tr className={open === entry.id ? 'expanded' : undefined}>
                    <td>{formatDateTime(entry.at)}</td>
                    <td>{entry.actor}</td>
                    <td>{entry.action}</td>
                    <td>
                      {entry.entityType}
                      {entry.entityId ? <div className="hint">{entry.entityId}</div> : null}
                    </td>
                    <td>
                      <span className={`badge ${OUTCOME_CLASS[entry.outcome] ?? ''}`}>{entry.outcome}</span>
                    </td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button secondary small"
                        aria-expanded={open === entry.id}
                        aria-controls={`audit-${entry.id}`}
                        onClick={() => setOpen(open === entry.id ? null : entry.id)}
                      >
                        {open === entry.id ? 'Hide' : 'Details'}
                      </button>
                    </td>
                  </tr>
                  {open === entry.id ? (
                    <tr className="expanded" id={`audit-${entry.id}`}>
                      <td colSpan={6}>
                        <AuditDetail entry={entry} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
          <div className="table-foot">
            {rows.length} entries shown.{' '}
            {query.hasNextPage ? (
              <button
                type="button"
                className="button secondary small"
                onClick={() => query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
              >
                {query.isFetchingNextPage ? 'Loading…' : 'Load older entries'}
              </button>
            ) : (
              'No older entries.'
            )}
          </div>
        </TableWrap>
      )}
    </>
  );
}
