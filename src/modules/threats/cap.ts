/**
 * OASIS CAP 1.2 alerts for travel advisories: one `<alert>` per published advisory version, valid
 * against standards/cap12.xsd. Element order follows the XSD sequence, which CAP consumers enforce.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { CATEGORIES, type Category, isLevel, LEVEL_NAMES } from './rules';
import type { Advisory } from './threats.schema';
import { el, elAttrs, stripIllegalXmlChars, toXml, type XmlElement } from './xml';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_RESTRICTION = 'UN security management system personnel';
/** Not a CAP rule but a practical bound: aggregators and relays choke on huge polygons. */
export const CAP_MAX_POLYGON_POINTS = 500;
/**
 * CAP 1.2 §3.3.2 ("sent"): "The timezone for UTC MUST be represented as -00:00" ("Z" is not
 * allowed); the XSD pattern accepts either sign, the specification text asks for the minus.
 */
const UTC_OFFSET = '-00:00';

export interface CapOptions {
  /** CAP `sender`: unique to this installation, e.g. a domain-style id (sanitised for CAP). */
  senderId: string;
  /** Public base URL of the web application, without a trailing slash (one is removed). */
  baseUrl: string;
  /** `senderName` shown by CAP clients; defaults to "OpenSMIN". */
  senderName?: string;
  /** The subject's area polygon or country boundary, GeoJSON [lon, lat]. */
  geometry?: Polygon | MultiPolygon | null;
  /** The previously published version's alert: makes this one an Update that references it. */
  previous?: { identifier: string; sent: string } | null;
  /** The clock, for urgency (and `sent` of an unpublished preview). */
  now?: Date;
}

/**
 * A CAP datetime `YYYY-MM-DDThh:mm:ss-00:00` in UTC, without fractional seconds (the XSD pattern
 * has none). Accepts a Date or anything `Date.parse` reads (ISO timestamps with Z or an offset).
 */
export function capDateTime(value: string | Date): string {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`Not a timestamp: ${String(value)}`);
  return `${new Date(ms).toISOString().slice(0, 19)}${UTC_OFFSET}`;
}

/**
 * Makes text usable in CAP `identifier`, `sender` and `references`, which forbid spaces, commas
 * and the restricted characters < and &: those, other non-printable and non-ASCII characters are
 * percent-encoded (UTF-8), so distinct inputs stay distinct. '%' itself is left alone so that
 * applying it twice changes nothing (an identifier read back from storage is passed through again).
 */
export function capToken(text: string): string {
  return stripIllegalXmlChars(text).replace(/[^\x21-\x7E]|[,<&]/gu, (c) => encodeURIComponent(c));
}

/** The stable CAP identifier of an advisory version: `urn:opensmin:advisory:{country}[:{area}]:{number}`. */
export function capIdentifier(a: Pick<Advisory, 'countryCode' | 'areaCode' | 'number'>): string {
  const area = a.areaCode ? `:${capToken(a.areaCode)}` : '';
  return `urn:opensmin:advisory:${capToken(a.countryCode.toUpperCase())}${area}:${a.number}`;
}

/** Severity by highest level: 1–2 Minor, 3 Moderate, 4–5 Severe, 6 Extreme. */
export function capSeverity(level: number): 'Minor' | 'Moderate' | 'Severe' | 'Extreme' {
  if (level >= 6) return 'Extreme';
  if (level >= 4) return 'Severe';
  return level === 3 ? 'Moderate' : 'Minor';
}

/**
 * Response by highest level: 1–2 Monitor (stay informed), 3–4 Prepare (clearance, training and
 * measures before travel), 5–6 Avoid (no travel unless programme-critical and cleared).
 */
export function capResponseType(level: number): 'Monitor' | 'Prepare' | 'Avoid' {
  if (level >= 5) return 'Avoid';
  return level >= 3 ? 'Prepare' : 'Monitor';
}

type LevelEntry = Advisory['levels'][number];

/** Levels highest first, ties in the canonical category order: never trusts the input order. */
export function levelsHighestFirst(levels: readonly LevelEntry[]): LevelEntry[] {
  const rank = (c: Category) => CATEGORIES.indexOf(c);
  return [...levels].sort((x, y) => y.level - x.level || rank(x.category) - rank(y.category));
}

/** "Afghanistan" or "Afghanistan – Central Region". */
export function subjectName(a: Pick<Advisory, 'countryName' | 'areaName'>): string {
  return a.areaName ? `${a.countryName} – ${a.areaName}` : a.countryName;
}

/**
 * The headline CAP and Atom show: subject, then every category highest first, the highest marked,
 * e.g. "Afghanistan – Central Region: Armed conflict 5 High (highest); Terrorism 4 Substantial; …".
 */
export function levelsHeadline(a: Pick<Advisory, 'countryName' | 'areaName' | 'levels'>): string {
  const sorted = levelsHighestFirst(a.levels);
  const top = sorted[0]?.level;
  const parts = sorted.map((l) => `${l.label} ${l.level} ${l.name}${l.level === top ? ' (highest)' : ''}`);
  return `${subjectName(a)}: ${parts.join('; ')}`;
}

const CLEARANCE: Record<Advisory['requiredClearance'], string> = {
  none: 'not required',
  automatic: 'required, granted automatically',
  manual: "required, decided by the Security Adviser on the Designated Official's behalf",
};

/** The plain-text description: the author's headline, levels, changes, clearance and training. */
export function capDescription(a: Advisory): string {
  const sorted = levelsHighestFirst(a.levels);
  const top = sorted[0]?.level;
  const label = (c: Category) => a.levels.find((l) => l.category === c)?.label ?? c;
  // Level names from the rules, not from `levels`: a previous level may no longer appear there.
  const lvl = (level: number) => (isLevel(level) ? `${level} ${LEVEL_NAMES[level]}` : String(level));
  let changes: string;
  if (a.changes.length === 0) changes = 'No level changes since the previous version.';
  else if (a.changes.every((c) => c.from === null)) changes = 'First published version.';
  else {
    const list = a.changes.map(
      (c) => `${label(c.category)} ${c.from === null ? 'new' : lvl(c.from)} → ${lvl(c.to)}`,
    );
    changes = `Changes since the previous version: ${list.join('; ')}.`;
  }
  return [
    a.headline,
    '',
    'Security levels (highest first):',
    ...sorted.map((l) => `- ${l.label}: ${l.level} ${l.name}${l.level === top ? ' (highest)' : ''}`),
    '',
    changes,
    `Security clearance: ${CLEARANCE[a.requiredClearance]}.`,
    `Required training: ${a.requiredTraining.length ? a.requiredTraining.join(', ') : 'none'}.`,
    `Effective ${a.effectiveDate}; review by ${a.reviewBy}.`,
  ].join('\n');
}

function contactText(a: Advisory): string | null {
  const c = a.contacts[0];
  if (c) return [`${c.role}: ${c.name}`, c.phone, c.email].filter(Boolean).join(', ');
  return a.ownerName;
}

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

/**
 * One CAP polygon per outer ring (holes cannot be expressed in CAP and are skipped): `lat,lon`
 * pairs (latitude first, unlike GeoJSON), rounded to 4 decimals (~11 m), closed, at least 4 pairs.
 * Rings longer than `maxPoints` keep their first point and every k-th after it.
 */
export function capPolygons(geometry: Polygon | MultiPolygon, maxPoints = CAP_MAX_POLYGON_POINTS): string[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out: string[] = [];
  for (const rings of polygons) {
    const outer = rings[0] && capRing(rings[0], Math.max(4, maxPoints));
    if (outer) out.push(outer);
  }
  return out;
}

function capRing(ring: readonly Position[], maxPoints: number): string | null {
  const pts: [number, number][] = [];
  for (const [lon, lat] of ring) {
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon + lat)) continue;
    const p: [number, number] = [round4(lat), round4(lon)];
    const last = pts[pts.length - 1];
    // Rounding can merge neighbours; repeated pairs add nothing.
    if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  const first = pts[0];
  const end = pts[pts.length - 1];
  if (first && end && pts.length > 1 && first[0] === end[0] && first[1] === end[1]) pts.pop();
  // Closing repeats the first point, so at most maxPoints - 1 distinct ones.
  const k = Math.ceil(pts.length / (maxPoints - 1));
  const kept = k > 1 ? pts.filter((_, i) => i % k === 0) : pts;
  if (kept.length < 3) return null; // degenerate (a sliver lost to rounding): not an area
  kept.push(kept[0] as [number, number]);
  return kept.map(([lat, lon]) => `${lat},${lon}`).join(' ');
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** `${baseUrl}/advisories/{id}`: the advisory's page in the web application. */
export function advisoryWebUrl(baseUrl: string, id: string): string {
  return `${trimSlash(baseUrl)}/advisories/${encodeURIComponent(id)}`;
}

const pair = (valueName: string, value: string | number) => [el('valueName', valueName), el('value', value)];

/**
 * The CAP 1.2 alert (an XML document) for one advisory version. `msgType` is Alert, or Update with
 * `references` when `options.previous` is given; scope is Restricted to UN security management
 * system personnel. An advisory not yet published gets status Draft and `sent` = now, so previews
 * can never be mistaken for an actual alert.
 */
export function buildCapAlert(advisory: Advisory, options: CapOptions): string {
  const a = advisory;
  const now = options.now ?? new Date();
  const sender = capToken(options.senderId);
  const top = levelsHighestFirst(a.levels)[0];
  const highest = top?.level ?? a.highest.level;
  const prev = options.previous;
  // Future while the advisory is not yet in effect; Expected once it is (act before travelling).
  const urgency = a.effectiveDate > now.toISOString().slice(0, 10) ? 'Future' : 'Expected';
  const parameters = [
    ...levelsHighestFirst(a.levels).map((l) =>
      el('parameter', ...pair(`SMIN_LEVEL_${l.category.toUpperCase()}`, l.level)),
    ),
    el('parameter', ...pair('SMIN_HIGHEST_LEVEL', highest)),
    el('parameter', ...pair('SMIN_REVIEW_BY', a.reviewBy)),
  ];
  const geocodes = [
    el('geocode', ...pair('ISO3166-1', a.countryCode.toUpperCase())),
    a.areaCode ? el('geocode', ...pair('SMIN-AREA', a.areaCode)) : null,
  ];
  const contact = contactText(a);
  const polygons = options.geometry ? capPolygons(options.geometry).map((p) => el('polygon', p)) : [];
  const area = el('area', el('areaDesc', subjectName(a)), ...polygons, ...geocodes);
  const info: XmlElement = el(
    'info',
    el('language', 'en-US'),
    el('category', 'Security'),
    el('category', 'Safety'),
    el('event', 'Travel advisory'),
    el('responseType', capResponseType(highest)),
    el('urgency', urgency),
    el('severity', capSeverity(highest)),
    el('certainty', 'Likely'),
    el('effective', `${a.effectiveDate}T00:00:00${UTC_OFFSET}`),
    el('expires', `${a.reviewBy}T23:59:59${UTC_OFFSET}`),
    el('senderName', options.senderName ?? 'OpenSMIN'),
    el('headline', levelsHeadline(a)),
    el('description', capDescription(a)),
    a.guidance.trim() !== '' && el('instruction', a.guidance),
    el('web', advisoryWebUrl(options.baseUrl, a.id)),
    contact ? el('contact', contact) : null,
    ...parameters,
    area,
  );
  const alert = elAttrs(
    'alert',
    { xmlns: CAP_NAMESPACE },
    el('identifier', capIdentifier(a)),
    el('sender', sender),
    el('sent', capDateTime(a.publishedAt ?? now)),
    el('status', a.publishedAt ? 'Actual' : 'Draft'),
    el('msgType', prev ? 'Update' : 'Alert'),
    el('scope', 'Restricted'),
    el('restriction', CAP_RESTRICTION),
    prev && el('references', `${sender},${capToken(prev.identifier)},${capDateTime(prev.sent)}`),
    info,
  );
  return toXml(alert);
}
