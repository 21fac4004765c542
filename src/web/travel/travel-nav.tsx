import './travel.css';
import '../incidents/incidents.css';
import type { Permission } from '../api/types';
import { useCan } from '../auth/session';
import { Link, useLocation } from '../router/router';

const TABS: { to: string; label: string; anyOf: Permission[] }[] = [
  { to: '/travel', label: 'My travel', anyOf: [] },
  { to: '/travel/new', label: 'Request', anyOf: ['travel.request'] },
  { to: '/travel/queue', label: 'Approvals', anyOf: ['travel.clear'] },
  { to: '/travel/rules', label: 'Clearance rules', anyOf: ['clearance.configure'] },
  { to: '/who', label: 'Who is where', anyOf: ['location.read'] },
];

/** The travel screens the user may open, as one row of links under the page header. */
export function TravelNav() {
  const can = useCan();
  const { path } = useLocation();
  return (
    <nav className="sub-nav" aria-label="Travel screens">
      {TABS.filter((t) => t.anyOf.length === 0 || can(...t.anyOf)).map((t) => (
        <Link key={t.to} to={t.to} aria-current={path === t.to ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
