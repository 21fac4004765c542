import './crisis.css';
import { useCan } from '../auth/session';
import { Link, useLocation } from '../router/router';

/** The crisis list screens the user may open. */
export function CrisisNav() {
  const can = useCan();
  const { path } = useLocation();
  const tabs = [
    { to: '/crisis/lists', label: 'Lists', show: true },
    { to: '/crisis/lists/new', label: 'New list', show: can('crisis.lists') },
    { to: '/who', label: 'Who is where', show: can('location.read') },
  ];
  return (
    <nav className="sub-nav" aria-label="Relocation and evacuation screens">
      {tabs
        .filter((t) => t.show)
        .map((t) => (
          <Link key={t.to} to={t.to} aria-current={path === t.to ? 'page' : undefined}>
            {t.label}
          </Link>
        ))}
    </nav>
  );
}
