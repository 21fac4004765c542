import '../threats/levels.css';
import '../threats/screens.css';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { refreshAdvisories, threatKeys, useAdvisory } from '../api/threat-queries';
import type { Advisory } from '../api/threat-types';
import { useCan } from '../auth/session';
import { Link } from '../router/router';
import { LevelList } from '../threats/level-list';
import { StatusBadge } from '../threats/level-strip';
import { formatDay, plural } from '../threats/levels';
import { WorkflowActions } from '../threats/workflow-actions';
import { PageHeader } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';
import { AdvisoryDownloads, AdvisoryFacts, Contacts, LevelChanges } from './advisory-facts';
import { AdvisoryForm } from './advisory-form';
import { AdvisoryHistory } from './advisory-history';

const subject = (a: Advisory) => (a.areaName ? `${a.areaName} (${a.countryName})` : a.countryName);

/** One advisory version: what all personnel read, and the workflow for its writers and approvers. */
export default function AdvisoryScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const can = useCan();
  const client = useQueryClient();
  const query = useAdvisory(id);
  const [editing, setEditing] = useState(false);
  const [formKey, setFormKey] = useState(0);

  if (query.isPending) return <Loading label="Loading advisory…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const a = query.data;
  const writer = can('advisory.write');
  const saved = (updated: Advisory | null) => {
    if (updated) client.setQueryData(threatKeys.advisory(updated.id), updated);
    setEditing(false);
  };

  return (
    <article className="advisory" data-testid="advisory-detail" data-advisory={a.id}>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/advisories">Travel advisories</Link> › {subject(a)}
      </nav>
      <PageHeader
        title={a.headline}
        description={
          <>
            {subject(a)} · version {a.number} <StatusBadge status={a.status} />
          </>
        }
        actions={
          <>
            {writer && a.status === 'draft' && !editing ? (
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit draft
              </button>
            ) : null}
            {writer && a.status === 'published' ? (
              <Link className="button secondary" to={`/advisories/new?from=${a.id}`}>
                New version
              </Link>
            ) : null}
            <WorkflowActions<Advisory>
              path={`/advisories/${a.id}`}
              status={a.status}
              version={a.version}
              canApprove={can('advisory.approve')}
              canPublish={writer}
              what="advisory"
              onDone={(updated) => {
                client.setQueryData(threatKeys.advisory(updated.id), updated);
                void refreshAdvisories(client);
              }}
            />
          </>
        }
      />
      {a.overdue ? (
        <div className="overdue-notice" role="note">
          <p>
            <strong>Review overdue by {plural(a.daysOverdue, 'day')}.</strong> This advisory was due for
            review on {formatDay(a.reviewBy)}; parts of it may be out of date. Check with the contacts below
            before you travel.
          </p>
        </div>
      ) : null}
      {a.status === 'superseded' ? (
        <p className="notice">
          This version has been replaced by a newer one; see the version history below.
        </p>
      ) : null}
      {editing ? (
        <AdvisoryForm
          key={formKey}
          mode={{ kind: 'edit', advisory: a }}
          onDone={saved}
          onReload={async () => {
            await query.refetch();
            setFormKey((k) => k + 1);
          }}
        />
      ) : null}
      <div className="two-col">
        <div>
          <section className="panel">
            <LevelList ranked={a} />
          </section>
          <section className="panel" aria-labelledby="guidance-heading">
            <h2 id="guidance-heading">Guidance</h2>
            {a.guidance ? <p className="prose">{a.guidance}</p> : <p className="muted">No guidance text.</p>}
          </section>
          <section className="panel" aria-labelledby="changes-heading">
            <h2 id="changes-heading">Level changes against the previous version</h2>
            <LevelChanges advisory={a} />
          </section>
        </div>
        <div>
          <section className="panel" aria-labelledby="facts-heading">
            <h2 id="facts-heading">Before you travel</h2>
            <AdvisoryFacts advisory={a} />
          </section>
          <section className="panel" aria-labelledby="contacts-heading">
            <h2 id="contacts-heading">Contacts</h2>
            <Contacts contacts={a.contacts} />
          </section>
          <section className="panel" aria-labelledby="downloads-heading">
            <h2 id="downloads-heading">Machine-readable</h2>
            <AdvisoryDownloads advisory={a} />
          </section>
        </div>
      </div>
      <AdvisoryHistory advisory={a} />
    </article>
  );
}
