import '../travel/travel.css';
import '../incidents/incidents.css';
import type { Permission } from '../api/types';
import { useCan } from '../auth/session';
import { Link, useLocation } from '../router/router';

const TABS: { to: string; label: string; anyOf: Permission[] }[] = [
  { to: '/profile', label: 'My profile', anyOf: [] },
  { to: '/people', label: 'People', anyOf: ['people.read'] },
  { to: '/people/import', label: 'HR import', anyOf: ['people.write'] },
  { to: '/people/training', label: 'Training report', anyOf: ['people.read'] },
];

/** The people screens the user may open. */
export function PeopleNav() {
  const can = useCan();
  const { path } = useLocation();
  return (
    <nav className="sub-nav" aria-label="People screens">
      {TABS.filter((t) => t.anyOf.length === 0 || can(...t.anyOf)).map((t) => (
        <Link key={t.to} to={t.to} aria-current={path === t.to ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
