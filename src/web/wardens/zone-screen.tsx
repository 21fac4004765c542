import './wardens.css';
import { useState } from 'react';
import { Link } from '../router/router';
import { PageHeader, SearchBox } from '../ui/page';
import { ErrorState, Loading, LoadMore } from '../ui/states';
import { MemberList } from './member-list';
import { AppointForm, AssignForm } from './warden-forms';
import {
  useArchiveZone,
  useMembers,
  useRemoveWarden,
  useUnassignPerson,
  useZone,
  type ZoneDetail,
} from './wardens-api';
import { WardensNav } from './wardens-nav';
import { ZoneEdit } from './zone-edit';

function Wardens({ zone }: { zone: ZoneDetail }) {
  const [appointing, setAppointing] = useState(false);
  const remove = useRemoveWarden(zone.id);
  return (
    <section className="panel" aria-label="Wardens">
      <h2>Wardens</h2>
      {zone.wardens.length === 0 ? <p className="wz-tag warn">No warden appointed</p> : null}
      <ul className="wz-members" data-testid="wardens">
        {zone.wardens.map((w) => (
          <li key={w.userId}>
            <strong>{w.name}</strong>{' '}
            <span className="muted small">
              ({w.role === 'deputy' ? 'deputy' : 'warden'}, {w.username})
            </span>
            {w.email ? (
              <div>
                <a href={`mailto:${w.email}`}>{w.email}</a>
              </div>
            ) : null}
            {zone.canManage ? (
              <button
                type="button"
                className="button secondary small"
                disabled={remove.isPending}
                onClick={() => remove.mutate(w.userId)}
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {zone.canManage && !appointing ? (
        <button type="button" className="button" onClick={() => setAppointing(true)}>
          Appoint a warden
        </button>
      ) : null}
      {appointing ? <AppointForm zoneId={zone.id} onDone={() => setAppointing(false)} /> : null}
    </section>
  );
}

function Members({ zone }: { zone: ZoneDetail }) {
  const [q, setQ] = useState('');
  const [assigning, setAssigning] = useState(false);
  const members = useMembers(zone.id, q);
  const unassign = useUnassignPerson(zone.id);
  const rows = members.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="panel" aria-label="Members">
      <h2>Members ({members.data?.pages[0]?.total ?? zone.memberCount})</h2>
      <div className="toolbar">
        <SearchBox value={q} onChange={setQ} label="Name or e-mail" />
        {zone.canManage && !assigning ? (
          <button type="button" className="button secondary" onClick={() => setAssigning(true)}>
            Assign a person
          </button>
        ) : null}
      </div>
      {assigning ? (
        <AssignForm zoneId={zone.id} country={zone.countryCode} onDone={() => setAssigning(false)} />
      ) : null}
      {members.isPending ? (
        <Loading label="Loading members…" />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => members.refetch()} />
      ) : (
        <MemberList members={rows} onUnassign={zone.canManage ? (id) => unassign.mutate(id) : undefined} />
      )}
      <LoadMore query={members} />
    </section>
  );
}

/** One zone: what defines it, its wardens and its members, with the forms its manager uses. */
export default function ZoneScreen({ params }: { params: Record<string, string> }) {
  const query = useZone(params.id ?? '');
  const archive = useArchiveZone(params.id ?? '');
  const [editing, setEditing] = useState(false);
  const z = query.data;
  if (query.isPending) return <Loading label="Loading the zone…" />;
  if (!z) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  return (
    <>
      <PageHeader
        title={`${z.code} · ${z.name}`}
        description={
          z.kind === 'geographic'
            ? `Geographic warden zone in ${z.countryCode}`
            : `Warden zone of ${z.organization?.name ?? ''} in ${z.countryCode}`
        }
        actions={
          z.canManage ? (
            <>
              <button type="button" className="button" onClick={() => setEditing(true)} disabled={editing}>
                Change
              </button>
              <button
                type="button"
                className="button secondary"
                disabled={archive.isPending}
                onClick={() => {
                  if (window.confirm(`Archive ${z.code}? It will no longer hold anyone.`))
                    archive.mutate(z.version);
                }}
              >
                Archive
              </button>
            </>
          ) : null
        }
      />
      <WardensNav />
      {z.archived ? <p className="wz-tag warn">Archived</p> : null}
      {archive.isError ? <ErrorState error={archive.error} /> : null}
      {editing ? <ZoneEdit zone={z} onDone={() => setEditing(false)} /> : null}
      <section className="panel" aria-label="Definition">
        <h2>Definition</h2>
        {z.description ? <p>{z.description}</p> : null}
        <dl>
          <dt>Duty stations</dt>
          <dd>{z.stations.length > 0 ? z.stations.map((s) => `${s.code} (${s.name})`).join(', ') : '—'}</dd>
          <dt>Residence areas</dt>
          <dd>{z.areas.length > 0 ? z.areas.map((a) => `${a.code} (${a.name})`).join(', ') : '—'}</dd>
          <dt>Polygon</dt>
          <dd>{z.polygon ? 'Yes: stations inside it belong to the zone' : '—'}</dd>
          <dt>Explicit assignments</dt>
          <dd>{z.assignedCount}</dd>
        </dl>
        <p className="muted small">
          Membership: an explicit assignment first, then the duty station, then the residence area, then the
          polygon. Dependants follow their sponsor.{' '}
          <Link to={`/wardens?country=${z.countryCode}`}>Coverage in {z.countryCode}</Link>
        </p>
      </section>
      <Wardens zone={z} />
      <Members zone={z} />
    </>
  );
}
