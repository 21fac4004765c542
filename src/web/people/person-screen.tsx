import { usePerson } from '../api/people-queries';
import { useMyTravel } from '../api/travel-queries';
import { useCan } from '../auth/session';
import { Link } from '../router/router';
import { TravelList } from '../travel/travel-list';
import { PageHeader } from '../ui/page';
import { ErrorState, ListState, Loading } from '../ui/states';
import { Dependants } from './dependants';
import { PeopleNav } from './people-nav';
import { PersonFacts } from './person-facts';
import { TrainingTable } from './training-table';

/** One person: profile, dependants, training status and (with travel.read) their travel. */
export default function PersonScreen({ params }: { params: Record<string, string> }) {
  const can = useCan();
  const query = usePerson(params.id ?? '');
  const travel = useMyTravel(can('travel.read') ? query.data?.id : undefined);
  const p = query.data;
  if (query.isPending) return <Loading label="Loading the profile…" />;
  if (!p) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  return (
    <>
      <PageHeader
        title={`${p.givenName} ${p.familyName}`}
        description={`${p.kind === 'dependant' ? 'Dependant' : 'Personnel'} of ${p.organizationCode}`}
        actions={
          can('travel.request') && p.kind === 'personnel' ? (
            <Link className="button secondary" to={`/travel/new?person=${p.id}`}>
              File a travel request
            </Link>
          ) : null
        }
      />
      <PeopleNav />
      <PersonFacts person={p} />
      <Dependants dependants={p.dependants} canAdd={false} />
      <section className="panel" aria-label="Training">
        <h2>Training</h2>
        <TrainingTable training={p.training} />
      </section>
      {can('travel.read') ? (
        <section className="panel" aria-label="Travel">
          <h2>Travel</h2>
          <ListState query={travel} empty="No travel requests.">
            {(rows) => <TravelList rows={rows} label="Travel requests" />}
          </ListState>
        </section>
      ) : null}
    </>
  );
}
