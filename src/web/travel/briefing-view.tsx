import type { Briefing, BriefingContact } from '../api/travel-types';
import { levelStyle, levelText } from '../threats/levels';
import { formatDateTime } from '../ui/page';

function Contacts({ contacts }: { contacts: readonly BriefingContact[] }) {
  if (contacts.length === 0) return null;
  return (
    <>
      <h4>Contacts</h4>
      <ul>
        {contacts.map((c) => (
          <li key={`${c.role}:${c.name}:${c.phone}:${c.email}`}>
            <strong>{c.name}</strong> ({c.role})
            {c.phone ? (
              <>
                {' · '}
                <a href={`tel:${c.phone}`}>{c.phone}</a>
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
    </>
  );
}

/** The automatic briefing: per place the advisory, the levels (highest first), requirements and contacts. */
export function BriefingView({ briefing }: { briefing: Briefing }) {
  return (
    <section className="panel" aria-label="Briefing" data-testid="travel-briefing">
      <h2>Briefing</h2>
      {briefing.areas.map((a) => (
        <article key={`${a.areaCode}:${a.arrivesAt}`} data-area={a.areaCode}>
          <h3>
            {a.areaName}, {a.countryName}
          </h3>
          <p className="muted">
            {formatDateTime(a.arrivesAt)} – {formatDateTime(a.departsAt)}
          </p>
          {a.advisory ? (
            <>
              <p>
                <strong data-testid="briefing-headline">{a.advisory.headline}</strong>{' '}
                <span className="muted small">(advisory of {a.advisory.effectiveDate})</span>
              </p>
              {a.advisory.guidance ? <p style={{ whiteSpace: 'pre-wrap' }}>{a.advisory.guidance}</p> : null}
            </>
          ) : (
            <p className="muted">No published advisory for this place.</p>
          )}
          {a.levels.length > 0 ? (
            <ul>
              {a.levels.map((l) => (
                <li key={`${l.category}:${l.level}`}>
                  <span className="badge" style={levelStyle(l.level)}>
                    {levelText(l.level)}
                  </span>{' '}
                  {l.label}
                </li>
              ))}
            </ul>
          ) : null}
          {a.requirements.length > 0 ? (
            <>
              <h4>Requirements</h4>
              <ul data-testid="briefing-requirements">
                {a.requirements.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          ) : null}
          <Contacts contacts={a.contacts} />
        </article>
      ))}
    </section>
  );
}
