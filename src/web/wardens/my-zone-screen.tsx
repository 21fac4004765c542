import './wardens.css';
import { Link } from '../router/router';
import { PageHeader } from '../ui/page';
import { Empty, ErrorState, Loading } from '../ui/states';
import { MemberList } from './member-list';
import { useMyZones } from './wardens-api';
import { WardensNav } from './wardens-nav';

/** For wardens: the zones they look after, with each person's contacts one tap away. */
export default function MyZoneScreen() {
  const q = useMyZones();
  return (
    <>
      <PageHeader title="My warden zone" description="The people you look after as warden or deputy." />
      <WardensNav />
      {q.isPending ? (
        <Loading label="Loading your zones…" />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.zones.length === 0 ? (
        <Empty>You are not a warden of any zone.</Empty>
      ) : (
        q.data.zones.map((z) => (
          <section key={z.zone.id} className="panel" aria-label={z.zone.code} data-testid="my-zone">
            <h2>
              <Link to={`/wardens/zones/${z.zone.id}`}>
                {z.zone.code} · {z.zone.name}
              </Link>
            </h2>
            <p className="muted">
              You are {z.myRole === 'deputy' ? 'deputy warden' : 'warden'} ·{' '}
              {z.zone.kind === 'geographic'
                ? `geographic zone in ${z.zone.countryCode}`
                : `${z.zone.organization?.code} zone`}
              {z.wardens.length > 1 ? ` · wardens: ${z.wardens.map((w) => w.name).join(', ')}` : ''}
            </p>
            <MemberList members={z.members} />
            {z.truncated ? (
              <p className="muted">
                More people than shown: <Link to={`/wardens/zones/${z.zone.id}`}>see the full list</Link>.
              </p>
            ) : null}
          </section>
        ))
      )}
    </>
  );
}
