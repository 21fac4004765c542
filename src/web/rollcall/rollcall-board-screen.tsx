import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { messageOf } from '../api/client';
import { refreshRollCalls, useBoard, useCloseRollCall, useLogDecision } from '../api/rollcall-queries';
import type { Board, BoardCounts } from '../api/rollcall-types';
import { useCan } from '../auth/session';
import { Link, useLocation } from '../router/router';
import { TextAreaField } from '../ui/field';
import { formatDateTime, PageHeader } from '../ui/page';
import { ErrorState, Loading, LoadMore } from '../ui/states';
import { PeopleList } from './board-people';
import { clockTime, percentText, placeOf, worstFirst } from './board-rules';
import { CountsBar } from './parts';

function Breakdown({
  title,
  rows,
}: {
  title: string;
  rows: readonly (BoardCounts & { key: string; name: string })[];
}) {
  const headingId = useId();
  if (rows.length === 0) return null;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ul className="rc-breakdown">
        {worstFirst(rows).map((r) => (
          <li key={r.key}>
            <span>{r.name}</span>
            <CountsBar label={`${r.name} accounted for`} counts={r} />
            <span>
              {percentText(r.accountedPercent)} · {r.pending} of {r.total} not accounted for
              {r.needHelp > 0 ? ` · ${r.needHelp} need help` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function DecisionLog({ board, canRun }: { board: Board; canRun: boolean }) {
  const client = useQueryClient();
  const log = useLogDecision(board.rollCall.id);
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    log.mutate(text.trim(), {
      onSuccess: () => {
        setText('');
        void refreshRollCalls(client);
      },
    });
  };
  return (
    <section className="panel" aria-labelledby="rc-log">
      <h2 id="rc-log">Decision log</h2>
      <ol className="rc-log" aria-label="Decision log entries">
        {board.log.map((l) => (
          <li key={`${l.at}-${l.kind}-${l.text}`}>
            <time dateTime={l.at}>{formatDateTime(l.at)}</time>
            <strong>{l.actor}</strong>: {l.text}
          </li>
        ))}
      </ol>
      {canRun && board.rollCall.status === 'open' ? (
        <form onSubmit={submit} className="rc-form" aria-label="Log a decision">
          <TextAreaField
            label="Decision"
            value={text}
            onChange={setText}
            rows={2}
            error={log.isError ? messageOf(log.error) : undefined}
          />
          <button type="submit" className="button" disabled={log.isPending || !text.trim()}>
            {log.isPending ? 'Adding…' : 'Add to log'}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function CloseRollCall({ id }: { id: string }) {
  const client = useQueryClient();
  const close = useCloseRollCall(id);
  const [asking, setAsking] = useState(false);
  return (
    <section className="panel" aria-labelledby="rc-close">
      <h2 id="rc-close">Close</h2>
      <p className="muted">Closing stops answers and escalation; the board stays as it is.</p>
      <div className="rc-actions">
        {asking ? (
          <>
            <button
              type="button"
              className="button danger"
              disabled={close.isPending}
              onClick={() => close.mutate(undefined, { onSuccess: () => refreshRollCalls(client) })}
            >
              Yes, close the roll call
            </button>
            <button type="button" className="button secondary" onClick={() => setAsking(false)}>
              Keep it open
            </button>
          </>
        ) : (
          <button type="button" className="button danger" onClick={() => setAsking(true)}>
            Close roll call
          </button>
        )}
      </div>
      {close.isError ? (
        <p className="field-error" role="alert">
          {messageOf(close.error)}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The live board of one roll call, asked again every five seconds: how many are accounted for,
 * by organization and warden zone (worst first), who needs help, who has not answered (with whom
 * to call), the decision log and closing. Usable on a phone: one column, no map.
 */
export default function RollCallBoardScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const query = useBoard(id);
  const can = useCan();
  const { search } = useLocation();
  const pages = query.data?.pages;
  const board = pages?.[0];
  if (query.isPending) return <Loading label="Loading the roll call…" />;
  if (!board) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;

  const rc = board.rollCall;
  const open = rc.status === 'open';
  const canRun = can('rollcall.start');
  const canRecord = open && (canRun || board.view === 'warden');
  const seen = new Set<string>();
  const nonResponders = (pages ?? [])
    .flatMap((p) => p.nonResponders)
    .filter((p) => p.answer === 'pending' && !seen.has(p.personId) && seen.add(p.personId));
  const t = board.totals;
  const asked = search.get('asked');

  return (
    <>
      <PageHeader
        title={`${rc.reference} ${rc.title}`}
        description={
          <>
            {placeOf(rc)} · started {formatDateTime(rc.startedAt)} by {rc.startedBy}
            {open ? '' : ` · closed ${formatDateTime(rc.closedAt)}`}
          </>
        }
        actions={<Link to="/rollcalls">All roll calls</Link>}
      />
      {asked ? (
        <p className="notice success" role="status">
          Asked {asked} people through {search.get('contacts')} messages.
          {Number(search.get('unreachable')) > 0
            ? ` ${search.get('unreachable')} could not be reached (no e-mail or phone) and were passed to their wardens.`
            : ''}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="rc-accounted">
        <h2 id="rc-accounted">Accounted for</h2>
        {!open ? <p className="badge">Closed</p> : null}
        <div className="rc-headline">
          <span className="rc-percent" data-testid="rollcall-percent">
            {percentText(t.accountedPercent)}
          </span>
          <ul className="rc-counts" aria-label="Counts">
            <li className="rc-count-safe">
              <strong data-testid="count-safe">{t.safe}</strong> safe
            </li>
            <li className="rc-count-need">
              <strong data-testid="count-need-help">{t.needHelp}</strong> need help
            </li>
            <li>
              <strong data-testid="count-pending">{t.pending}</strong> not accounted for
            </li>
            <li className="muted">of {t.total}</li>
          </ul>
        </div>
        <CountsBar label="Accounted for" counts={t} large />
        <p className="muted rc-updated">
          <span data-testid="rollcall-updated">updated {clockTime(query.dataUpdatedAt)}</span>
          {board.view !== 'all'
            ? ` · you see ${board.view === 'warden' ? 'your warden zones’' : 'your organization’s'} people`
            : ''}
          {open && rc.nextEscalationAt ? ` · next escalation ${formatDateTime(rc.nextEscalationAt)}` : ''}
        </p>
        {query.isRefetchError ? (
          <p className="field-error" role="alert">
            Could not refresh: {messageOf(query.error)}
          </p>
        ) : null}
        {rc.guidance ? <p>Guidance: {rc.guidance}</p> : null}
      </section>

      <section className="panel rc-need-help" aria-labelledby="rc-need-help">
        <h2 id="rc-need-help">Need help ({board.needHelp.length})</h2>
        {board.needHelp.length === 0 ? (
          <p className="muted">Nobody has asked for help.</p>
        ) : (
          <PeopleList rollCallId={id} people={board.needHelp} canRecord={canRecord} label="Need help" />
        )}
      </section>

      <section className="panel" aria-labelledby="rc-pending">
        <h2 id="rc-pending">Not accounted for ({t.pending})</h2>
        {nonResponders.length === 0 ? (
          <p className="muted">Everyone has answered.</p>
        ) : (
          <PeopleList
            rollCallId={id}
            people={nonResponders}
            canRecord={canRecord}
            label="Not accounted for"
          />
        )}
        <LoadMore query={query} />
      </section>

      <Breakdown
        title="By organization"
        rows={board.byOrganization.map((o) => ({ ...o, key: o.organization, name: o.name }))}
      />
      <Breakdown title="By warden zone" rows={board.byZone.map((z) => ({ ...z, key: z.zone ?? '-' }))} />
      <DecisionLog board={board} canRun={canRun} />
      {open && canRun ? <CloseRollCall id={id} /> : null}
    </>
  );
}
