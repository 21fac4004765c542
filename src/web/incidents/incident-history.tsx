import { useIncidentHistory } from '../api/incident-queries';
import type { Outcome, Revision } from '../api/incident-types';
import { formatDateTime, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';
import { OUTCOME_LABELS } from './labels';

const FIELD_LABELS: Record<string, string> = {
  occurredOn: 'Date',
  occurredAt: 'Date and time',
  utcOffset: 'UTC offset',
  countryCode: 'Country',
  areaCode: 'Security area',
  stationCode: 'Duty station',
  lat: 'Latitude',
  lon: 'Longitude',
  location: 'Place',
  categoryCode: 'Category',
  relevance: 'Relevance',
  perpetratorType: 'Perpetrator',
  perpetratorName: 'Perpetrator name',
  weapon: 'Weapon',
  context: 'Context',
  title: 'Title',
  narrative: 'What happened',
  sensitiveDetails: 'Sexual assault details',
  organizationCodes: 'Organizations',
  personnel: 'Personnel affected',
  impacts: 'Premises, property and programmes',
};

/** One personnel row or impact of a snapshot, in a few words. */
function itemText(item: unknown): string {
  if (typeof item !== 'object' || item === null) return String(item);
  const o = item as Record<string, unknown>;
  if (typeof o.outcome === 'string') {
    const outcome = OUTCOME_LABELS[o.outcome as Outcome] ?? o.outcome;
    return `${typeof o.count === 'number' ? o.count : 1} ${outcome.toLowerCase()}`;
  }
  if (typeof o.kind === 'string') return [o.kind, o.description].filter(Boolean).join(': ');
  return JSON.stringify(item);
}

/** A value of the history as text: blanks as a dash, lists item by item. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(itemText).join('; ') : '—';
  if (typeof value === 'object') return itemText(value);
  return String(value);
}

/** Every correction of an incident: who, when, why, and each field's old and new value. */
export function IncidentHistory({ id }: { id: string }) {
  const history = useIncidentHistory(id);
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <ListState query={history} empty="Not corrected since it was recorded.">
        {(revisions: Revision[]) => (
          <TableWrap label="Revisions of this incident">
            <table className="history-table" data-testid="incident-history">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Revision
                  </th>
                  <th scope="col">When and who</th>
                  <th scope="col">Field</th>
                  <th scope="col">Was</th>
                  <th scope="col">Now</th>
                </tr>
              </thead>
              <tbody>
                {revisions.flatMap((r) => {
                  const changes = r.changes.length ? r.changes : [{ field: '', old: null, new: null }];
                  return changes.map((c, n) => (
                    <tr key={`${r.number}:${c.field}`} data-revision={r.number} data-field={c.field}>
                      {n === 0 ? (
                        <>
                          <td className="num" rowSpan={changes.length}>
                            {r.number}
                          </td>
                          <td rowSpan={changes.length}>
                            <div>{formatDateTime(r.changedAt)}</div>
                            <div className="muted small">{r.changedBy ?? 'unknown'}</div>
                            {r.reason ? <div className="small">“{r.reason}”</div> : null}
                          </td>
                        </>
                      ) : null}
                      <td>{c.field ? (FIELD_LABELS[c.field] ?? c.field) : 'Recorded'}</td>
                      <td className="old-value">{c.field ? valueText(c.old) : ''}</td>
                      <td className="new-value">{c.field ? valueText(c.new) : ''}</td>
                    </tr>
                  ));
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
      </ListState>
    </section>
  );
}
