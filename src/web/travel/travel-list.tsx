import type { TravelRequest } from '../api/travel-types';
import { Link } from '../router/router';
import { TableWrap } from '../ui/page';
import { StatusBadge } from './badges';

const where = (r: TravelRequest) =>
  [...new Set(r.segments.map((s) => s.areaName ?? s.areaCode))].join(' → ') || '—';

/** Requests as a table: reference, traveller (optional), places, dates, status. */
export function TravelList({
  rows,
  traveller = false,
  label,
}: {
  rows: readonly TravelRequest[];
  traveller?: boolean;
  label: string;
}) {
  return (
    <TableWrap label={label}>
      <table data-testid="travel-list">
        <thead>
          <tr>
            <th scope="col">Request</th>
            {traveller ? <th scope="col">Traveller</th> : null}
            <th scope="col">Where</th>
            <th scope="col">Dates</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-request={r.id}>
              <td>
                <Link to={`/travel/requests/${r.id}`}>{r.reference}</Link>
                <div className="muted small">{r.travelType}</div>
              </td>
              {traveller ? (
                <td>
                  {r.personName ?? r.personId.slice(0, 8)}
                  {r.organizationCode ? <div className="muted small">{r.organizationCode}</div> : null}
                </td>
              ) : null}
              <td>{where(r)}</td>
              <td className="nowrap">
                {r.startsOn} – {r.endsOn}
              </td>
              <td>
                <StatusBadge status={r.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
