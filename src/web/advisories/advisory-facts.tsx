import { apiUrl } from '../api/client';
import type { Advisory, Clearance, LevelChange } from '../api/threat-types';
import { OverdueBadge, StatusBadge } from '../threats/level-strip';
import { CATEGORY_LABELS, formatDay, levelName } from '../threats/levels';

export const CLEARANCE_LABELS: Record<Clearance, string> = {
  none: 'No security clearance needed',
  automatic: 'Security clearance required (granted automatically)',
  manual: 'Security clearance required (approved case by case)',
};

export const TRAINING_LABELS: Record<string, string> = {
  BSAFE: 'BSAFE (basic security awareness)',
  SSAFE: 'SSAFE (safe and secure approaches in field environments)',
  SMT: 'Security management team training',
  SRM_DM: 'Security risk management for decision-makers',
};

/** Status, dates, clearance, training and owner of one advisory version. */
export function AdvisoryFacts({ advisory: a }: { advisory: Advisory }) {
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={a.status} /> version {a.number}
      </dd>
      <dt>Effective</dt>
      <dd>{formatDay(a.effectiveDate)}</dd>
      <dt>Review by</dt>
      <dd>
        {formatDay(a.reviewBy)} <OverdueBadge days={a.daysOverdue} />
      </dd>
      <dt>Clearance</dt>
      <dd>{CLEARANCE_LABELS[a.requiredClearance]}</dd>
      <dt>Training</dt>
      <dd>
        {a.requiredTraining.length === 0 ? (
          'None required'
        ) : (
          <ul className="link-list">
            {a.requiredTraining.map((t) => (
              <li key={t}>{TRAINING_LABELS[t] ?? t}</li>
            ))}
          </ul>
        )}
      </dd>
      <dt>Published</dt>
      <dd>{a.publishedAt ? formatDay(a.publishedAt) : 'Not yet'}</dd>
      {a.ownerName ? (
        <>
          <dt>Owner</dt>
          <dd>{a.ownerName}</dd>
        </>
      ) : null}
    </dl>
  );
}

export function Contacts({ contacts }: { contacts: Advisory['contacts'] }) {
  if (contacts.length === 0) return <p className="muted">No contacts listed.</p>;
  return (
    <ul className="link-list contacts">
      {contacts.map((c) => (
        <li key={`${c.role}:${c.name}`}>
          <strong>{c.role}</strong>: {c.name}
          {c.phone ? (
            <>
              {' · '}
              <a href={`tel:${c.phone.replace(/[^+\d]/g, '')}`}>{c.phone}</a>
            </>
          ) : null}
          {c.email ? (
            <>
              {' · '}
              <a href={`mailto:${c.email}`}>{c.email}</a>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

const changeText = (c: LevelChange) => {
  const to = `${c.to} ${levelName(c.to)}`;
  if (c.from === null) return `${CATEGORY_LABELS[c.category]}: ${to} (new)`;
  const way = c.to > c.from ? 'raised' : 'lowered';
  return `${CATEGORY_LABELS[c.category]}: ${c.from} ${levelName(c.from)} → ${to} (${way})`;
};

/** What changed against the previous published version; rises first, as they matter most. */
export function LevelChanges({ advisory: a }: { advisory: Advisory }) {
  if (a.number === 1 || a.changes.every((c) => c.from === null)) {
    return <p className="muted">First version: there is no earlier version to compare with.</p>;
  }
  if (a.changes.length === 0) return <p>No level changed since the previous version.</p>;
  const sorted = [...a.changes].sort((x, y) => y.to - (y.from ?? 0) - (x.to - (x.from ?? 0)));
  return (
    <ul className="link-list" data-testid="level-changes">
      {sorted.map((c) => (
        <li key={c.category}>{changeText(c)}</li>
      ))}
    </ul>
  );
}

/** The machine-readable forms: CAP 1.2 for this version (published ones only) and the Atom feed. */
export function AdvisoryDownloads({ advisory: a }: { advisory: Advisory }) {
  const issued = a.status === 'published' || a.status === 'superseded';
  return (
    <ul className="link-list">
      {issued ? (
        <li>
          <a href={apiUrl(`/advisories/${a.id}/cap.xml`)} download data-testid="cap-link">
            CAP 1.2 (XML)
          </a>
        </li>
      ) : (
        <li className="muted">CAP 1.2: issued when this version is published</li>
      )}
      <li>
        <a href={apiUrl('/advisories/feed.atom')}>Atom feed of published advisories</a>
      </li>
    </ul>
  );
}
