import { Link } from '../router/router';
import type { ZoneSummary } from './wardens-api';

/** A zone in a list: code, name, kind, what defines it and whether it has a warden. */
export function ZoneCard({ zone }: { zone: ZoneSummary }) {
  const defined = [
    zone.stationCount ? `${zone.stationCount} station${zone.stationCount > 1 ? 's' : ''}` : '',
    zone.areaCount ? `${zone.areaCount} area${zone.areaCount > 1 ? 's' : ''}` : '',
    zone.hasPolygon ? 'polygon' : '',
  ].filter(Boolean);
  return (
    <li className="wz-card" data-testid="zone-card">
      <h3>
        <Link to={`/wardens/zones/${zone.id}`}>
          {zone.code} · {zone.name}
        </Link>
      </h3>
      <span className="wz-tag">{zone.countryCode}</span>
      <span className="wz-tag">
        {zone.kind === 'geographic' ? 'Geographic' : `Organization ${zone.organization?.code ?? ''}`}
      </span>
      {zone.archived ? <span className="wz-tag warn">Archived</span> : null}
      {zone.wardenCount === 0 ? <span className="wz-tag warn">No warden</span> : null}
      <p className="muted small">
        {defined.length > 0 ? defined.join(', ') : 'Assignments only'} · {zone.wardenCount} warden
        {zone.wardenCount === 1 ? '' : 's'}
      </p>
    </li>
  );
}
