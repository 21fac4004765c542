import { useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../api/client';
import { refreshRollCalls, useMarkAnswer } from '../api/rollcall-queries';
import type { BoardPerson } from '../api/rollcall-types';
import { formatDateTime } from '../ui/page';

const VIA: Record<string, string> = {
  web: 'by link',
  sms: 'by SMS',
  warden: 'by their warden',
  security: 'by the security team',
};

/** Whom to call about a person: their contact (themselves, or a dependant's sponsor). */
function Contact({ person }: { person: BoardPerson }) {
  const c = person.contact;
  if (!c || (!c.phone && !c.email)) return <span className="muted">No phone or e-mail on file</span>;
  return (
    <span className="rc-actions">
      {c.name !== person.name ? <span className="muted">through {c.name}</span> : null}
      {c.phone ? (
        <a className="button secondary rc-call" href={`tel:${c.phone.replace(/[^+\d]/g, '')}`}>
          Call {c.phone}
        </a>
      ) : null}
      {c.email ? (
        <a className="rc-call" href={`mailto:${c.email}`}>
          {c.email}
        </a>
      ) : null}
    </span>
  );
}

/** One person on the board: who, what they answered, whom to call, and (if allowed) mark them. */
function PersonRow({
  rollCallId,
  person,
  canRecord,
}: {
  rollCallId: string;
  person: BoardPerson;
  canRecord: boolean;
}) {
  const client = useQueryClient();
  const mark = useMarkAnswer(rollCallId);
  const record = (answer: 'safe' | 'need_help') =>
    mark.mutate({ personId: person.personId, answer }, { onSuccess: () => refreshRollCalls(client) });
  const details = [
    person.organization,
    person.kind === 'dependant' ? 'dependant' : null,
    person.recruitment === 'local' ? 'national staff' : null,
    person.zone ? `zone ${person.zone}` : null,
    person.escalations > 0 ? `escalated ${person.escalations}×` : null,
  ].filter(Boolean);
  return (
    <li data-testid="rollcall-person" data-person={person.personId}>
      <div>
        <strong>{person.name}</strong> <span className="muted">{details.join(' · ')}</span>
        {person.answer !== 'pending' ? (
          <div className="muted">
            Answered {formatDateTime(person.answeredAt)} {VIA[person.answeredVia ?? ''] ?? ''}
            {person.answeredBy ? ` (${person.answeredBy})` : ''}
          </div>
        ) : null}
        {person.note ? <div data-testid="rollcall-note">“{person.note}”</div> : null}
        {person.location ? (
          <div>
            Location:{' '}
            <a href={`geo:${person.location.lat},${person.location.lon}`}>
              {person.location.lat.toFixed(5)}, {person.location.lon.toFixed(5)}
            </a>
          </div>
        ) : null}
      </div>
      <div className="rc-actions">
        <Contact person={person} />
        {canRecord ? (
          <>
            {person.answer !== 'safe' ? (
              <button
                type="button"
                className="button secondary"
                disabled={mark.isPending}
                onClick={() => record('safe')}
              >
                Mark safe
              </button>
            ) : null}
            {person.answer !== 'need_help' ? (
              <button
                type="button"
                className="button danger"
                disabled={mark.isPending}
                onClick={() => record('need_help')}
              >
                Needs help
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      {mark.isError ? (
        <p className="field-error" role="alert">
          {messageOf(mark.error)}
        </p>
      ) : null}
    </li>
  );
}

export function PeopleList({
  rollCallId,
  people,
  canRecord,
  label,
}: {
  rollCallId: string;
  people: readonly BoardPerson[];
  canRecord: boolean;
  label: string;
}) {
  return (
    <ul className="rc-people" aria-label={label}>
      {people.map((p) => (
        <PersonRow key={p.personId} rollCallId={rollCallId} person={p} canRecord={canRecord} />
      ))}
    </ul>
  );
}
