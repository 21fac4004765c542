import { navigate, useLocation } from '../router/router';
import { PageHeader } from '../ui/page';
import { TravelForm } from './travel-form';
import { TravelNav } from './travel-nav';

/** A travel request for oneself (or, with `?person=`, for someone a travel assistant files for). */
export default function TravelNewScreen() {
  const { search } = useLocation();
  return (
    <>
      <PageHeader
        title="Request travel clearance"
        description="Every place you will be, with dates. A stopover counts when you leave the airport."
      />
      <TravelNav />
      <TravelForm
        personId={search.get('person') ?? undefined}
        onSaved={(saved) => navigate(`/travel/requests/${saved.id}`)}
      />
    </>
  );
}
