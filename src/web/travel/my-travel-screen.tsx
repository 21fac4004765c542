import { useMyProfile } from '../api/people-queries';
import { useMyTravel } from '../api/travel-queries';
import { useCan } from '../auth/session';
import { Link } from '../router/router';
import { PageHeader } from '../ui/page';
import { ListState } from '../ui/states';
import { TravelList } from './travel-list';
import { TravelNav } from './travel-nav';

/** The signed-in person's travel requests, newest first. */
export default function MyTravelScreen() {
  const can = useCan();
  const me = useMyProfile();
  const travel = useMyTravel(me.data?.id);
  return (
    <>
      <PageHeader
        title="My travel"
        description="Your travel requests, their clearance and briefing."
        actions={
          can('travel.request') ? (
            <Link className="button" to="/travel/new">
              Request travel
            </Link>
          ) : null
        }
      />
      <TravelNav />
      {me.isError ? (
        <p className="notice">
          No personal security profile is linked to your sign-in, so you have no travel here.
        </p>
      ) : (
        <ListState query={travel} empty="You have no travel requests.">
          {(rows) => <TravelList rows={rows} label="My travel requests" />}
        </ListState>
      )}
    </>
  );
}
