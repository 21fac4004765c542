import { useCan } from '../auth/session';
import { Link, useLocation } from '../router/router';

/** The warden screens: all zones (for readers) and the user's own zone. */
export function WardensNav() {
  const can = useCan();
  const { path } = useLocation();
  const tabs = [
    ...(can('warden.read') ? [{ to: '/wardens', label: 'Zones' }] : []),
    { to: '/wardens/me', label: 'My warden zone' },
  ];
  return (
    <nav className="sub-nav" aria-label="Warden screens">
      {tabs.map((t) => (
        <Link key={t.to} to={t.to} aria-current={path === t.to ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
