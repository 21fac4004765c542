import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../api/client';
import { TableWrap } from '../ui/page';
import {
  type ListDetail,
  type ListRow,
  NEXT_STATUSES,
  ROLL_CALL_LABELS,
  type RowStatus,
  refreshCrisis,
  STATUS_LABELS,
} from './crisis-api';

/** A row's status: a select of the allowed next steps for the crisis team, text for readers. */
function StatusCell({ list, row }: { list: ListDetail; row: ListRow }) {
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (status: RowStatus) =>
      api.patch<ListRow>(`/crisis/lists/${list.id}/people/${row.personId}`, { status, version: row.version }),
    onSuccess: () => refreshCrisis(client),
  });
  if (!row.eligible) return <span className="muted">Not on the list</span>;
  const next = NEXT_STATUSES[row.status];
  if (!list.canManage || next.length === 0) return <span>{STATUS_LABELS[row.status]}</span>;
  return (
    <>
      <select
        aria-label={`Status of ${row.name}`}
        value={row.status}
        disabled={save.isPending}
        onChange={(e) => save.mutate(e.target.value as RowStatus)}
      >
        {[row.status, ...next].map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      {save.error ? (
        <div className="field-error" role="alert">
          {messageOf(save.error)}
        </div>
      ) : null}
    </>
  );
}

/** Designates a member of local personnel as targeted because of their employment, with a reason. */
function DesignateForm({ list, row }: { list: ListDetail; row: ListRow }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const designate = useMutation({
    mutationFn: () => api.post(`/crisis/lists/${list.id}/designations`, { personId: row.personId, reason }),
    onSuccess: () => refreshCrisis(client),
  });
  if (!open)
    return (
      <button type="button" className="button secondary small" onClick={() => setOpen(true)}>
        Designate as targeted
      </button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    designate.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={`Designate ${row.name}`}>
      <label className="label" htmlFor={`reason-${row.personId}`}>
        Why targeted because of their employment
      </label>
      <input
        id={`reason-${row.personId}`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
      />
      <button type="submit" className="button small" disabled={designate.isPending}>
        Designate
      </button>
      {designate.error ? (
        <div className="field-error" role="alert">
          {messageOf(designate.error)}
        </div>
      ) : null}
    </form>
  );
}

/** The people on the list (cards on phones): who, contact, where, rule, roll call and status. */
export function ListRows({ list }: { list: ListDetail }) {
  return (
    <TableWrap label="People">
      <table className="crisis-people" data-testid="crisis-people">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Organization</th>
            <th scope="col">Sponsor</th>
            <th scope="col">Phone</th>
            <th scope="col">Location</th>
            <th scope="col">Rule</th>
            <th scope="col">Roll call</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((r) => (
            <tr key={r.personId} className={`crisis-row${r.present ? '' : ' gone'}`}>
              <td>
                <strong>{r.name}</strong>
                <div className="crisis-reason">
                  {r.kind} · {r.recruitment}
                  {r.present ? '' : ' · no longer present'}
                </div>
              </td>
              <td data-label="Organization">{r.organization}</td>
              <td data-label="Sponsor">{r.sponsor ?? '–'}</td>
              <td data-label="Phone">{r.phone ? <a href={`tel:${r.phone}`}>{r.phone}</a> : '–'}</td>
              <td data-label="Location">
                {r.location || '–'}
                {r.source === 'travel' ? ' (travel)' : ''}
              </td>
              <td data-label="Rule" className="crisis-reason">
                {r.reason}
                {!r.eligible &&
                list.canManage &&
                list.kind === 'evacuation' &&
                r.kind === 'personnel' &&
                r.recruitment === 'local' ? (
                  <DesignateForm list={list} row={r} />
                ) : null}
              </td>
              <td data-label="Roll call">
                <span className={`badge roll-${r.rollCall.state}`}>{ROLL_CALL_LABELS[r.rollCall.state]}</span>
              </td>
              <td data-label="Status">
                <StatusCell list={list} row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
