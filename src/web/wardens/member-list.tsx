import { Empty } from '../ui/states';
import { BASIS_LABELS, type Member } from './wardens-api';

/** Members as a phone-friendly list: name, organization, why they are here, and one-tap contacts. */
export function MemberList({
  members,
  onUnassign,
}: {
  members: Member[];
  /** Offered for explicitly assigned members when the user manages the zone. */
  onUnassign?: (personId: string) => void;
}) {
  if (members.length === 0) return <Empty>No one is in this zone.</Empty>;
  return (
    <ul className="wz-members" data-testid="members">
      {members.map((m) => (
        <li key={m.personId}>
          <strong>{m.name}</strong>{' '}
          <span className="muted small">
            {m.organization.code} · {m.kind === 'dependant' ? 'dependant' : m.recruitment} ·{' '}
            {BASIS_LABELS[m.basis]}
          </span>
          {m.covered ? null : <span className="wz-tag warn">No warden</span>}
          <div>
            {m.phone ? <a href={`tel:${m.phone}`}>{m.phone}</a> : null}
            {m.email ? <a href={`mailto:${m.email}`}>{m.email}</a> : null}
            {!m.phone && !m.email ? <span className="muted small">No contact on file</span> : null}
            {onUnassign && m.basis === 'assigned' ? (
              <button type="button" className="button secondary small" onClick={() => onUnassign(m.personId)}>
                Remove assignment
              </button>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
