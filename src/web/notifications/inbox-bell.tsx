import { Link } from '../router/router';
import { useUnreadCount } from './inbox-queries';

/** A bell linking to the inbox with the unread count (polled every minute); "99+" above 99. */
export function InboxBell() {
  const unread = useUnreadCount().data?.unread ?? 0;
  const shown = unread > 99 ? '99+' : String(unread);
  return (
    <Link to="/inbox" className="inbox-bell" aria-label={`Inbox, ${shown} unread`}>
      <span aria-hidden="true">🔔</span>
      {unread > 0 ? (
        <span className="badge inbox-count" aria-hidden="true">
          {shown}
        </span>
      ) : null}
    </Link>
  );
}
