import { useState } from 'react';
import { formatDateTime, PageHeader } from '../ui/page';
import { ErrorState, Loading, LoadMore } from '../ui/states';
import { InboxBell } from './inbox-bell';
import { useInbox, useMarkRead, useUnreadCount } from './inbox-queries';
import type { InboxItem } from './inbox-types';
import './inbox.css';

/**
 * The signed-in user's messages (alerts, notices, decisions), newest first, as their e-mails read;
 * unread ones stand out and are marked read when opened or on request.
 */
export default function InboxScreen() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const unread = useUnreadCount().data?.unread;
  const query = useInbox(unreadOnly);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const shown = unread === undefined ? '' : unread > 99 ? ' (99+ unread)' : ` (${unread} unread)`;
  return (
    <>
      <PageHeader
        title={`Inbox${shown}`}
        description="Messages for you: alerts where you are, notices and decisions. Also sent by e-mail."
        actions={<InboxBell />}
      />
      <div className="toolbar">
        <label className="inbox-filter">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />{' '}
          Unread only
        </label>
      </div>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : items.length === 0 ? (
        <p className="state state-empty">{unreadOnly ? 'Nothing unread.' : 'No messages for you yet.'}</p>
      ) : (
        <ul className="inbox-list" aria-label="Messages">
          {items.map((m) => (
            <Message key={m.id} m={m} />
          ))}
        </ul>
      )}
      <LoadMore query={query} />
    </>
  );
}

function Message({ m }: { m: InboxItem }) {
  const [open, setOpen] = useState(false);
  const markRead = useMarkRead();
  const toggle = () => {
    setOpen((o) => !o);
    if (!m.read && !markRead.isPending) markRead.mutate(m.id);
  };
  return (
    <li className={`inbox-item${m.read ? '' : ' unread'}`}>
      <button type="button" className="inbox-head" aria-expanded={open} onClick={toggle}>
        <span className="inbox-subject">
          {m.read ? null : <span className="sr-only">Unread: </span>}
          {m.subject}
        </span>
        <time className="muted" dateTime={m.createdAt}>
          {formatDateTime(m.createdAt)}
        </time>
      </button>
      {open ? (
        <div className="inbox-body">
          <p>{m.summary}</p>
          {m.url ? (
            <p>
              <a href={m.url}>Open in OpenSMIN</a>
            </p>
          ) : null}
        </div>
      ) : null}
      {markRead.isError ? <ErrorState error={markRead.error} /> : null}
    </li>
  );
}
