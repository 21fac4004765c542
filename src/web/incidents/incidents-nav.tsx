import type { Permission } from '../api/types';
import { useCan } from '../auth/session';
import { Link, useLocation } from '../router/router';

const TABS: { to: string; label: string; anyOf: Permission[] }[] = [
  { to: '/incidents', label: 'Incidents', anyOf: ['incident.read', 'incident.report'] },
  { to: '/incidents/new', label: 'Record', anyOf: ['incident.report'] },
  { to: '/incidents/stats', label: 'Statistics', anyOf: ['incident.read'] },
  { to: '/incidents/map', label: 'Map', anyOf: ['incident.read'] },
  { to: '/incidents/registry', label: 'Serious crimes', anyOf: ['incident.registry'] },
  { to: '/incidents/lists', label: 'Distribution lists', anyOf: ['incident.write'] },
];

/** The incident screens the user may open, as one row of links under the page header. */
export function IncidentsNav() {
  const can = useCan();
  const { path } = useLocation();
  return (
    <nav className="sub-nav" aria-label="Incident screens">
      {TABS.filter((t) => can(...t.anyOf)).map((t) => (
        <Link key={t.to} to={t.to} aria-current={path === t.to ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
