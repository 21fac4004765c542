/**
 * Who-is-where rules (DOMAIN.md §7), pure: where a person is at a moment, how the counts add up,
 * and when a precise location may be kept or shown. The SQL of who.repository.ts implements the
 * same resolution set-based; these functions state it once and are tested exhaustively.
 */

/** Only cleared and pending travel places anyone: refused or cancelled travel did not happen. */
export const PLACING_STATUSES = ['cleared', 'pending'] as const;

/** Precise locations are kept at most this long (the DO's approval is time-limited too). */
export const PRECISE_MAX_HOURS = 96;
const HOUR = 3_600_000;

export interface SegmentAt {
  id: string;
  arrivesAt: Date;
  departsAt: Date;
  leavesAirport: boolean;
  status: string;
  areaId: string;
}

export type Whereabouts =
  | { source: 'duty_station'; stationId: string }
  | { source: 'travel'; segment: SegmentAt }
  /** Inside an airport on a stopover: away from the duty station and present nowhere. */
  | { source: 'transit'; segment: SegmentAt }
  | { source: 'unknown' };

/**
 * Where a person is at `at`: the cleared or pending segment covering `at` (from its arrival,
 * inclusive, to its departure, exclusive; the latest arrival wins when two overlap), otherwise
 * their duty station. A stopover without leaving the airport places them nowhere: it neither
 * counts as presence there nor leaves them at home.
 */
export function whereAt(stationId: string | null, segments: readonly SegmentAt[], at: Date): Whereabouts {
  const t = at.getTime();
  const covering = segments
    .filter(
      (s) =>
        (PLACING_STATUSES as readonly string[]).includes(s.status) &&
        s.arrivesAt.getTime() <= t &&
        t < s.departsAt.getTime(),
    )
    .sort((a, b) => b.arrivesAt.getTime() - a.arrivesAt.getTime() || a.id.localeCompare(b.id));
  const seg = covering[0];
  if (seg)
    return seg.leavesAirport ? { source: 'travel', segment: seg } : { source: 'transit', segment: seg };
  return stationId ? { source: 'duty_station', stationId } : { source: 'unknown' };
}

/** One row of the per-source aggregates: people of one organization, kind and recruitment. */
export interface CountGroup {
  source: 'duty_station' | 'travel';
  organizationCode: string;
  kind: 'personnel' | 'dependant';
  recruitment: 'international' | 'local';
  count: number;
}

export interface WhoTotals {
  people: number;
  personnel: number;
  dependants: number;
  international: number;
  local: number;
  travellers: number;
  byOrganization: { organization: string; people: number; personnel: number; dependants: number }[];
}

/** Adds the per-source aggregates into the totals (organizations by number of people, then code). */
export function sumTotals(groups: readonly CountGroup[]): WhoTotals {
  const t: WhoTotals = {
    people: 0,
    personnel: 0,
    dependants: 0,
    international: 0,
    local: 0,
    travellers: 0,
    byOrganization: [],
  };
  const orgs = new Map<string, WhoTotals['byOrganization'][number]>();
  for (const g of groups) {
    t.people += g.count;
    if (g.kind === 'personnel') t.personnel += g.count;
    else t.dependants += g.count;
    if (g.recruitment === 'international') t.international += g.count;
    else t.local += g.count;
    if (g.source === 'travel') t.travellers += g.count;
    let o = orgs.get(g.organizationCode);
    if (!o) {
      o = { organization: g.organizationCode, people: 0, personnel: 0, dependants: 0 };
      orgs.set(g.organizationCode, o);
    }
    o.people += g.count;
    if (g.kind === 'personnel') o.personnel += g.count;
    else o.dependants += g.count;
  }
  t.byOrganization = [...orgs.values()].sort(
    (a, b) => b.people - a.people || a.organization.localeCompare(b.organization),
  );
  return t;
}

/** The DO's approval of precise tracking in an area, as a clearance rule holds it. */
export interface PreciseApproval {
  preciseTracking: boolean;
  preciseUntil: Date | null;
}

export const preciseApproved = (rule: PreciseApproval | null | undefined, now: Date): boolean =>
  Boolean(rule?.preciseTracking && rule.preciseUntil && rule.preciseUntil.getTime() > now.getTime());

/**
 * When a fix recorded at `recordedAt` must be gone: 96 hours later, or earlier when the DO's
 * approval ends first (a fix never outlives the approval it was taken under).
 */
export function preciseExpiry(recordedAt: Date, approval: PreciseApproval): Date {
  const max = recordedAt.getTime() + PRECISE_MAX_HOURS * HOUR;
  const until = approval.preciseUntil?.getTime() ?? max;
  return new Date(Math.min(max, until));
}

/**
 * Why a new fix is refused, or null when it may be recorded: precise tracking approved where the
 * person is, recorded neither in the future (a minute of clock skew allowed) nor already expired.
 */
export function fixRefusal(recordedAt: Date, approval: PreciseApproval | null, now: Date): string | null {
  if (!approval || !preciseApproved(approval, now))
    return 'Precise locations are recorded only where the Designated Official has approved precise tracking';
  if (recordedAt.getTime() > now.getTime() + 60_000) return 'A location cannot be recorded in the future';
  if (recordedAt.getTime() <= now.getTime() - PRECISE_MAX_HOURS * HOUR)
    return `A location older than ${PRECISE_MAX_HOURS} hours is not kept`;
  return null;
}

/** Parses `LAT,LON,KM` (a radius between 0 and 1,000 km). */
export function parseNear(text: string): { lat: number; lon: number; km: number } | { error: string } {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 3 || parts.some((p) => p === '' || !Number.isFinite(Number(p))))
    return { error: 'near is LAT,LON,KM (three numbers)' };
  const [lat, lon, km] = parts.map(Number) as [number, number, number];
  if (lat < -90 || lat > 90) return { error: 'latitude between -90 and 90' };
  if (lon < -180 || lon > 180) return { error: 'longitude between -180 and 180' };
  if (!(km > 0 && km <= 1000)) return { error: 'a radius above 0 and at most 1,000 km' };
  return { lat, lon, km };
}
