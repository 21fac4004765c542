import '../threats/levels.css';
import '../threats/screens.css';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { refreshThreats, threatKeys, useAssessment } from '../api/threat-queries';
import type { Assessment } from '../api/threat-types';
import { useCan } from '../auth/session';
import { Link } from '../router/router';
import { StatusBadge } from '../threats/level-strip';
import { WorkflowActions } from '../threats/workflow-actions';
import { PageHeader } from '../ui/page';
import { ErrorState, Loading } from '../ui/states';
import { AssessmentEditor } from './assessment-editor';
import { AssessmentView } from './assessment-view';

/** One assessment version: read it, edit it while it is a draft, and move it through the workflow. */
export default function AssessmentScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const can = useCan();
  const client = useQueryClient();
  const query = useAssessment(id);
  const writer = can('threat.write');
  // Writers land in the editor of a draft; anyone can switch to the read view and back.
  const [editing, setEditing] = useState(true);
  const [editorKey, setEditorKey] = useState(0);

  if (query.isPending) return <Loading label="Loading assessment…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const a = query.data;
  const editable = writer && a.status === 'draft';
  const back = `/assessments?country=${a.countryCode}&area=${encodeURIComponent(a.areaCode)}`;

  return (
    <article data-testid="assessment-detail" data-status={a.status}>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/assessments">Threat assessments</Link> ›{' '}
        <Link to={back}>
          {a.areaName} ({a.areaCode})
        </Link>{' '}
        › version {a.number}
      </nav>
      <PageHeader
        title={`${a.areaName} — version ${a.number}`}
        description={
          <>
            {a.areaCode} · {a.countryCode} <StatusBadge status={a.status} />
          </>
        }
        actions={
          <>
            {editable ? (
              <button type="button" className="button secondary" onClick={() => setEditing((e) => !e)}>
                {editing ? 'Read view' : 'Edit draft'}
              </button>
            ) : null}
            <Link className="button secondary" to={back}>
              History of this area
            </Link>
            <WorkflowActions<Assessment>
              path={`/threats/assessments/${a.id}`}
              status={a.status}
              version={a.version}
              canApprove={can('threat.approve')}
              canPublish={writer}
              what="assessment"
              onDone={(updated) => {
                client.setQueryData(threatKeys.assessment(updated.id), updated);
                void refreshThreats(client);
              }}
            />
          </>
        }
      />
      {editable && editing ? (
        <AssessmentEditor
          key={editorKey}
          mode={{ kind: 'edit', assessment: a }}
          onSaved={() => undefined}
          onCancel={() => setEditing(false)}
          onReload={async () => {
            await query.refetch();
            setEditorKey((k) => k + 1);
          }}
        />
      ) : (
        <AssessmentView assessment={a} />
      )}
    </article>
  );
}
