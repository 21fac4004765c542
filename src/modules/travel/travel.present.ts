import type { RequestRow, SegmentRow } from './travel.repository';
import type { TravelRequest } from './travel.schema';

export function presentSegment(s: SegmentRow) {
  return {
    position: s.position,
    countryCode: s.country_code,
    areaCode: s.area_code,
    areaName: s.area_name,
    stationCode: s.station_code,
    arrivesAt: s.arrives_at.toISOString(),
    departsAt: s.departs_at.toISOString(),
    stopover: s.stopover,
    leavesAirport: s.leaves_airport,
    status: s.status,
  };
}

export function presentRequest(r: RequestRow, segments: SegmentRow[]): TravelRequest {
  return {
    id: r.id,
    reference: r.reference,
    personId: r.person_id,
    personName: `${r.given_name} ${r.family_name}`,
    organizationCode: r.organization_code,
    requestedBy: r.requested_by,
    travelType: r.travel_type,
    purpose: r.purpose,
    pcLevel: r.pc_level,
    status: r.status,
    decision: r.decision,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at?.toISOString() ?? null,
    reasons: r.reasons as string[],
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    segments: segments.filter((s) => s.request_id === r.id).map(presentSegment),
    version: r.version,
    createdAt: r.created_at.toISOString(),
  };
}
