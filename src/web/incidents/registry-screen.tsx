import './incidents.css';
import { useState } from 'react';
import { useSeriousCrimeCases } from '../api/incident-queries';
import type { SeriousCrimeCase } from '../api/incident-types';
import { Link, setSearchParam, useLocation } from '../router/router';
import { formatDay } from '../threats/levels';
import { formatDateTime, PageHeader, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';
import { CaseForm } from './case-form';
import { IncidentsNav } from './incidents-nav';
import { CASE_STATUS_LABELS } from './labels';

type Editing = { existing: SeriousCrimeCase | null } | null;

/** The confidential registry of serious crimes against personnel, followed to justice. */
export default function RegistryScreen() {
  const { search } = useLocation();
  const fromIncident = search.get('incident') ?? '';
  const cases = useSeriousCrimeCases();
  const [editing, setEditing] = useState<Editing>(fromIncident ? { existing: null } : null);
  const close = () => {
    setEditing(null);
    if (fromIncident) setSearchParam('incident', undefined);
  };

  return (
    <>
      <PageHeader
        title="Serious crimes registry"
        description="Confidential: serious crimes against personnel, their follow-up to justice and the next-of-kin focal point."
        actions={
          <button type="button" className="button" onClick={() => setEditing({ existing: null })}>
            Open a case
          </button>
        }
      />
      <IncidentsNav />
      {editing ? (
        <CaseForm
          key={editing.existing?.id ?? 'new'}
          existing={editing.existing}
          incidentId={fromIncident}
          onDone={close}
        />
      ) : null}
      <ListState query={cases} empty="No case in the registry.">
        {(rows) => (
          <TableWrap label="Cases">
            <table data-testid="registry-table">
              <thead>
                <tr>
                  <th scope="col">Incident</th>
                  <th scope="col">Status</th>
                  <th scope="col">Next-of-kin focal point</th>
                  <th scope="col">Authority and reference</th>
                  <th scope="col">Updated</th>
                  <th scope="col" className="actions">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/incidents/${c.incidentId}`}>{c.incidentReference}</Link>
                      <div className="small">{c.incidentTitle}</div>
                      <div className="muted small">
                        {c.countryCode} · {formatDay(c.occurredOn)}
                      </div>
                    </td>
                    <td>{CASE_STATUS_LABELS[c.status]}</td>
                    <td>{c.nextOfKinFocalPoint || '—'}</td>
                    <td>
                      {c.authority || '—'}
                      {c.caseReference ? <div className="muted small">{c.caseReference}</div> : null}
                    </td>
                    <td>{formatDateTime(c.updatedAt)}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button secondary small"
                        onClick={() => setEditing({ existing: c })}
                        aria-label={`Follow up ${c.incidentReference}`}
                      >
                        Follow up
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </ListState>
    </>
  );
}
