import type { Incident } from '../api/incident-types';
import { Link } from '../router/router';
import { formatDay } from '../threats/levels';
import { TableWrap } from '../ui/page';
import { IMPACT_KIND_LABELS, OUTCOME_LABELS, PERSONNEL_CATEGORY_LABELS, SEX_LABELS } from './labels';

/** Shown instead of a value this reader may not see (need to know). */
export function Withheld() {
  return (
    <span className="withheld" data-testid="withheld">
      Withheld (need to know)
    </span>
  );
}

const yesNo = (v: boolean | null) => (v === null ? 'Not known' : v ? 'Yes' : 'No');
const orDash = (s: string | null | undefined) => (s ? s : '—');

/** The local date and time with its offset, as it was recorded. */
export function whenText(i: Incident): string {
  if (!i.occurredAt) return formatDay(i.occurredOn);
  const offset = i.utcOffset ?? '+00:00';
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h = 0, m = 0] = offset.slice(1).split(':').map(Number);
  const local = new Date(new Date(i.occurredAt).getTime() + sign * (h * 60 + m) * 60_000);
  return `${formatDay(i.occurredOn)} ${local.toISOString().slice(11, 16)} (UTC${offset})`;
}

export function EventFacts({ incident: i }: { incident: Incident }) {
  const place = [i.location, i.station?.name, i.area?.name, i.countryCode].filter(Boolean).join(', ');
  return (
    <dl className="facts" data-testid="incident-facts">
      <dt>When</dt>
      <dd data-field="when">{whenText(i)}</dd>
      <dt>Where</dt>
      <dd data-field="where">
        {place}
        {i.lat !== null && i.lon !== null ? (
          <span className="muted small">
            {' '}
            ({i.lat.toFixed(4)}, {i.lon.toFixed(4)}
            {i.geoPrecision ? `, ${i.geoPrecision}` : ''})
          </span>
        ) : null}
      </dd>
      <dt>Category</dt>
      <dd data-field="category">{i.categoryName}</dd>
      <dt>Perpetrator</dt>
      <dd data-field="perpetrator">
        {orDash([i.perpetratorType, i.perpetratorName].filter(Boolean).join(' — '))}
      </dd>
      <dt>Weapon</dt>
      <dd data-field="weapon">{orDash(i.weapon)}</dd>
      <dt>Context</dt>
      <dd data-field="context">{orDash(i.context)}</dd>
      <dt>Organizations</dt>
      <dd data-field="organizations">{orDash(i.organizations.map((o) => o.code).join(', '))}</dd>
      <dt>Reported by</dt>
      <dd>{orDash(i.reportingOrganization?.name)}</dd>
      {i.captivityOutcome ? (
        <>
          <dt>Captivity outcome</dt>
          <dd>{i.captivityOutcome}</dd>
        </>
      ) : null}
      <dt>Source</dt>
      <dd>
        {i.source}
        {i.sourceId ? ` (${i.sourceId})` : ''}
      </dd>
    </dl>
  );
}

export function PersonnelTable({ incident: i }: { incident: Incident }) {
  if (i.personnel.length === 0) return <p className="muted">No personnel affected recorded.</p>;
  return (
    <TableWrap label="Personnel affected">
      <table data-testid="personnel-table">
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            <th scope="col" className="num">
              People
            </th>
            <th scope="col">Category</th>
            <th scope="col">Sex</th>
            <th scope="col">Organization</th>
            <th scope="col">On duty</th>
            <th scope="col">Targeted</th>
            <th scope="col">Name</th>
            <th scope="col">Line manager</th>
          </tr>
        </thead>
        <tbody>
          {i.personnel.map((p) => (
            <tr key={p.id}>
              <td>
                {OUTCOME_LABELS[p.outcome]}
                {p.inCaptivity ? <span className="badge bad">in captivity</span> : null}
              </td>
              <td className="num">{p.count}</td>
              <td>{PERSONNEL_CATEGORY_LABELS[p.category]}</td>
              <td>{SEX_LABELS[p.sex]}</td>
              <td>{orDash(p.organization?.code)}</td>
              <td>{yesNo(p.onDuty)}</td>
              <td>{yesNo(p.directlyTargeted)}</td>
              <td>{p.personName === null ? <Withheld /> : orDash(p.personName)}</td>
              <td>{p.lineManagerEmail === null ? <Withheld /> : orDash(p.lineManagerEmail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function ImpactsTable({ incident: i }: { incident: Incident }) {
  if (i.impacts.length === 0)
    return <p className="muted">No impact on premises, property or programmes recorded.</p>;
  return (
    <TableWrap label="Premises, property and programmes">
      <table>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Organization</th>
            <th scope="col">Premises</th>
            <th scope="col">Description</th>
            <th scope="col" className="num">
              Estimated loss (USD)
            </th>
          </tr>
        </thead>
        <tbody>
          {i.impacts.map((m) => (
            <tr key={m.id}>
              <td>{IMPACT_KIND_LABELS[m.kind].split(' (')[0]}</td>
              <td>{orDash(m.organization?.code)}</td>
              <td>{orDash(m.premises?.name)}</td>
              <td>{orDash(m.description)}</td>
              <td className="num">{m.estimatedLoss === null ? '—' : m.estimatedLoss.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function LinkedEvents({ incident: i }: { incident: Incident }) {
  if (i.linkedEvents.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="linked-heading">
      <h2 id="linked-heading">Other events of this complex incident</h2>
      <ul className="link-list">
        {i.linkedEvents.map((e) => (
          <li key={e.id}>
            <Link to={`/incidents/${e.id}`}>
              {e.reference} — {e.title}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
