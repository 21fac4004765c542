import type { Ranked, WorkflowStatus } from '../api/threat-types';
import { CATEGORY_LABELS, levelStyle, STATUS_LABELS } from './levels';

/**
 * Four chips in the server's order (highest first). The highest — every tied category — is
 * outlined and bold, and says so to screen readers; each chip prints its number and level name
 * so that nothing depends on colour.
 */
export function LevelStrip({ ranked, label }: { ranked: Ranked; label?: string }) {
  const top = ranked.highest;
  return (
    <ul className="level-strip" aria-label={label ?? 'Security levels, highest first'}>
      {ranked.levels.map((l) => {
        const isHighest = l.level === top.level && top.categories.includes(l.category);
        return (
          <li
            key={l.category}
            className={`level-chip${isHighest ? ' is-highest' : ''}`}
            style={levelStyle(l.level)}
            data-category={l.category}
            data-level={l.level}
            data-highest={isHighest ? 'true' : undefined}
            title={`${CATEGORY_LABELS[l.category]}: ${l.level} ${l.name}${isHighest ? ' (highest)' : ''}`}
          >
            <span className="chip-category">{CATEGORY_LABELS[l.category]}</span>{' '}
            <span className="chip-level">
              {l.level} {l.name}
            </span>
            {isHighest ? <span className="sr-only"> (highest)</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** One level as a small coloured badge with its number and name, e.g. in tables. */
export function LevelBadge({ level, name, strong }: { level: number; name: string; strong?: boolean }) {
  return (
    <span className={`level-badge${strong ? ' is-highest' : ''}`} style={levelStyle(level)}>
      {level} {name}
    </span>
  );
}

export function StatusBadge({ status }: { status: WorkflowStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}

/** "review overdue by N days", in red: stale advisories must be visible to everyone who reads them. */
export function OverdueBadge({ days }: { days: number }) {
  if (days <= 0) return null;
  return (
    <span className="badge bad overdue" data-testid="overdue">
      review overdue by {days} {days === 1 ? 'day' : 'days'}
    </span>
  );
}
