import type { Segment } from '../api/travel-types';
import { formatDateTime, TableWrap } from '../ui/page';

/** The itinerary of a request, one row a segment. */
export function SegmentsTable({ segments }: { segments: readonly Segment[] }) {
  return (
    <TableWrap label="Itinerary">
      <table>
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">Arrives</th>
            <th scope="col">Departs</th>
            <th scope="col">Stopover</th>
          </tr>
        </thead>
        <tbody>
          {segments.map((s) => (
            <tr key={s.position}>
              <td>
                {s.areaName ?? s.areaCode} <span className="muted">{s.countryCode}</span>
                {s.stationCode ? ` · ${s.stationCode}` : ''}
              </td>
              <td>{formatDateTime(s.arrivesAt)}</td>
              <td>{formatDateTime(s.departsAt)}</td>
              <td>{s.stopover ? (s.leavesAirport ? 'yes, leaves the airport' : 'yes, airside') : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
