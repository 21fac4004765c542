import { useCan } from '../../auth/session';
import { Link } from '../../router/router';
import { budgetsPath } from './api';

/** Tabs between the country budgets, an organization's bill and the overdue payments. */
export function LocalNav({ current }: { current: 'budgets' | 'bill' | 'overdue' }) {
  const can = useCan();
  const tabs = [
    {
      id: 'budgets',
      to: budgetsPath,
      label: 'Country budgets',
      show: can('costshare.manage', 'costshare.local.approve', 'costshare.read'),
    },
    { id: 'bill', to: `${budgetsPath}/bill`, label: 'Organization’s bill', show: can('costshare.read') },
    { id: 'overdue', to: `${budgetsPath}/overdue`, label: 'Overdue payments', show: true },
  ] as const;
  return (
    <nav className="lcs-nav" aria-label="Local security budgets">
      {tabs
        .filter((t) => t.show)
        .map((t) => (
          <Link
            key={t.id}
            to={t.to}
            className="button secondary"
            aria-current={t.id === current ? 'page' : undefined}
          >
            {t.label}
          </Link>
        ))}
    </nav>
  );
}
