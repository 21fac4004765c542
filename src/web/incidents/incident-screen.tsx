import './incidents.css';
import '../threats/screens.css';
import { useState } from 'react';
import { useIncident } from '../api/incident-queries';
import type { Incident } from '../api/incident-types';
import { useCan } from '../auth/session';
import { Link, setSearchParam, useLocation } from '../router/router';
import { formatDateTime, PageHeader } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';
import { NatureBadge, RelevanceBadge, totalsText } from './badges';
import { EventFacts, ImpactsTable, LinkedEvents, PersonnelTable, Withheld } from './incident-facts';
import { IncidentForm } from './incident-form';
import { IncidentHistory } from './incident-history';
import { SEXUAL_ASSAULT } from './labels';

/** One incident: every field, its impacts, linked events, corrections and their history. */
export default function IncidentScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const can = useCan();
  const { search } = useLocation();
  const query = useIncident(id);
  const [correcting, setCorrecting] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [saved, setSaved] = useState<number | null>(null);

  if (query.isPending) return <Loading label="Loading incident…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const i = query.data;
  const recorded = search.get('recorded') === '1';

  const done = (updated: Incident) => {
    setCorrecting(false);
    setSaved(updated.revision);
  };

  return (
    <article className="incident" data-testid="incident-detail" data-incident={i.id} data-version={i.version}>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/incidents">Incidents</Link> › {i.reference}
      </nav>
      <PageHeader
        title={i.title}
        description={
          <>
            <span data-testid="incident-reference">{i.reference}</span> · {i.categoryName}{' '}
            <NatureBadge nature={i.nature} /> <RelevanceBadge relevance={i.relevance} />
          </>
        }
        actions={
          i.canEdit && !correcting ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                setSaved(null);
                setCorrecting(true);
              }}
            >
              Correct
            </button>
          ) : null
        }
      />
      {recorded ? (
        <div className="success" role="status" data-testid="recorded">
          <p>
            Incident recorded as <strong>{i.reference}</strong>. Those concerned have been notified.{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => setSearchParam('recorded', undefined)}
            >
              Dismiss
            </button>
          </p>
        </div>
      ) : null}
      {saved !== null ? (
        <p className="success" role="status" data-testid="corrected">
          Correction saved (revision {saved}).
        </p>
      ) : null}
      {i.restricted ? (
        <p className="notice" role="note">
          Some details of this incident are restricted to people with a need to know and are withheld from
          you.
        </p>
      ) : null}
      {correcting ? (
        <IncidentForm
          key={formKey}
          mode={{ kind: 'correct', incident: i }}
          onSaved={done}
          onCancel={() => setCorrecting(false)}
          onReload={async () => {
            await query.refetch();
            setFormKey((k) => k + 1);
          }}
        />
      ) : null}
      <div className="two-col">
        <div>
          <section className="panel" aria-labelledby="narrative-heading">
            <h2 id="narrative-heading">What happened</h2>
            {i.narrative ? <p className="prose">{i.narrative}</p> : <p className="muted">No narrative.</p>}
            {i.categoryCode === SEXUAL_ASSAULT || i.sensitiveDetails ? (
              <div className="restricted-block">
                <h3>Sexual assault details (restricted)</h3>
                {i.sensitiveDetails === null ? (
                  <Withheld />
                ) : i.sensitiveDetails ? (
                  <p className="prose">{i.sensitiveDetails}</p>
                ) : (
                  <p className="muted">None recorded.</p>
                )}
              </div>
            ) : null}
          </section>
          <section className="panel" aria-labelledby="personnel-facts-heading">
            <h2 id="personnel-facts-heading">Personnel affected</h2>
            <p data-testid="incident-totals">{totalsText(i.totals)}</p>
            <PersonnelTable incident={i} />
          </section>
          <section className="panel" aria-labelledby="impacts-facts-heading">
            <h2 id="impacts-facts-heading">Premises, property and programmes</h2>
            <ImpactsTable incident={i} />
          </section>
        </div>
        <div>
          <section className="panel" aria-labelledby="facts-heading">
            <h2 id="facts-heading">Event</h2>
            <EventFacts incident={i} />
            <p className="muted small">
              Recorded {formatDateTime(i.createdAt)} · revision {i.revision}, {formatDateTime(i.updatedAt)}
            </p>
          </section>
          <LinkedEvents incident={i} />
          {can('incident.registry') ? (
            <p>
              <Link className="button secondary" to={`/incidents/registry?incident=${i.id}`}>
                Follow in the serious-crimes registry
              </Link>
            </p>
          ) : null}
        </div>
      </div>
      <IncidentHistory id={i.id} />
    </article>
  );
}
