import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refreshTravel, useBriefing, useTravelRequest } from '../api/travel-queries';
import type { TravelRequest } from '../api/travel-types';
import { useCan } from '../auth/session';
import { FormProblem } from '../ui/form-errors';
import { formatDateTime, PageHeader } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';
import { Reasons, StatusBadge } from './badges';
import { BriefingView } from './briefing-view';
import { DecisionForm } from './decision-form';
import { SegmentsTable } from './segments-table';
import { TravelNav } from './travel-nav';

const OUTCOME: Record<TravelRequest['status'], string> = {
  submitted: 'Submitted: the clearance has not been decided yet.',
  pending: 'Pending: the security adviser decides on the Designated Official’s behalf.',
  cleared: 'Cleared: you may travel as requested.',
  refused: 'Refused: do not travel as requested.',
  cancelled: 'Cancelled.',
};

/** A request with its decision and reasons, the briefing, and for approvers the decision form. */
export default function TravelRequestScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const can = useCan();
  const client = useQueryClient();
  const query = useTravelRequest(id);
  const r = query.data;
  const briefing = useBriefing(id, Boolean(r && r.status !== 'refused' && r.status !== 'cancelled'));
  const cancel = useMutation({
    mutationFn: () => api.post<TravelRequest>(`/travel/requests/${id}/cancel`, { version: r?.version }),
    onSuccess: () => refreshTravel(client),
  });
  if (query.isPending) return <Loading label="Loading the request…" />;
  if (!r) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const open = r.status === 'pending' || r.status === 'submitted' || r.status === 'cleared';
  return (
    <>
      <PageHeader
        title={`Travel request ${r.reference}`}
        description={`${r.personName ?? ''}${r.personName ? ' · ' : ''}${r.travelType} travel, ${r.startsOn} to ${r.endsOn}`}
      />
      <TravelNav />
      <section className="panel" aria-label="Decision" data-testid="travel-request" data-request={r.id}>
        <h2>
          Clearance <StatusBadge status={r.status} />
        </h2>
        <p>{OUTCOME[r.status]}</p>
        <Reasons reasons={r.reasons} />
        {r.decidedAt ? (
          <p className="muted">
            Decided {r.decision === 'automatic' ? 'automatically' : 'by the security adviser'}{' '}
            {formatDateTime(r.decidedAt)}
          </p>
        ) : null}
        <p>
          <strong>Purpose:</strong> {r.purpose}
          {r.pcLevel ? ` · PC${r.pcLevel}` : ''}
        </p>
        {open ? (
          <p>
            <button
              type="button"
              className="button secondary small"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate()}
            >
              Cancel this trip
            </button>
          </p>
        ) : null}
        <FormProblem error={cancel.error} other={[]} />
      </section>
      {r.status === 'pending' && can('travel.clear') ? (
        <section className="panel" aria-label="Decide">
          <h2>Decide</h2>
          <DecisionForm request={r} />
        </section>
      ) : null}
      <SegmentsTable segments={r.segments} />
      {briefing.data ? <BriefingView briefing={briefing.data} /> : null}
      {briefing.isError ? <ErrorState error={briefing.error} onRetry={() => briefing.refetch()} /> : null}
    </>
  );
}
