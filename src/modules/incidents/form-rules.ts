/**
 * Pure rules of the standard incident form: when an entry is acceptable, the totals that
 * statistics read, and what a correction changed. No I/O.
 */
import type { FieldError } from '../../server/errors';
import { type AreaGeometry, containsPoint, type Position } from '../registry/rules';
import { type Category, findCategory, type Outcome } from './rules';

/** How far outside the 1:50m country outline a point may lie: field reports are often ±25 km. */
export const BORDER_TOLERANCE_KM = 30;

export interface EventWhen {
  occurredOn?: string | undefined;
  occurredAt?: string | undefined;
}

export interface ResolvedWhen {
  occurredOn: string;
  occurredAt: string | null;
  utcOffset: string | null;
  year: number;
  month: number;
}

/**
 * The local date, the instant and the offset of an event. The date part of an ISO date-time with
 * offset is the local date where it happened, which is what yearly statistics count by.
 */
export function resolveWhen(w: EventWhen, now: Date): ResolvedWhen | FieldError {
  if (!w.occurredOn && !w.occurredAt)
    return { field: 'occurredOn', message: 'give the date (or occurredAt)' };
  let occurredOn = w.occurredOn ?? '';
  let occurredAt: string | null = null;
  let utcOffset: string | null = null;
  if (w.occurredAt) {
    const local = w.occurredAt.slice(0, 10);
    if (w.occurredOn && w.occurredOn !== local) {
      return { field: 'occurredOn', message: `does not match the date of occurredAt (${local})` };
    }
    occurredOn = local;
    const instant = new Date(w.occurredAt);
    if (instant.getTime() > now.getTime() + 60_000) {
      return { field: 'occurredAt', message: 'cannot be in the future' };
    }
    occurredAt = instant.toISOString();
    const m = /([+-]\d{2}:\d{2}|Z)$/.exec(w.occurredAt);
    utcOffset = !m || m[1] === 'Z' ? '+00:00' : (m[1] as string);
  }
  // Anywhere on Earth it is at most UTC+14: a later local date is in the future everywhere.
  const latestLocal = new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
  if (occurredOn > latestLocal) return { field: 'occurredOn', message: 'cannot be in the future' };
  if (occurredOn < '1945-01-01') return { field: 'occurredOn', message: 'is before 1945' };
  return {
    occurredOn,
    occurredAt,
    utcOffset,
    year: Number(occurredOn.slice(0, 4)),
    month: Number(occurredOn.slice(5, 7)),
  };
}

export function isFieldError(v: unknown): v is FieldError {
  return typeof v === 'object' && v !== null && 'field' in v && 'message' in v;
}

export interface FormFacts {
  categoryCode: string;
  relevance: 'organization' | 'situational' | 'near_miss';
  impactKinds: readonly string[];
  personnelCount: number;
}

/** The taxonomy rules for one entry; the category resolved by code or name. */
export function checkClassification(f: FormFacts): { category: Category; errors: FieldError[] } | FieldError {
  const category = findCategory(f.categoryCode);
  if (!category) return { field: 'categoryCode', message: `unknown category "${f.categoryCode}"` };
  const errors: FieldError[] = [];
  if (category.premisesOnly && !f.impactKinds.includes('premises')) {
    errors.push({
      field: 'impacts',
      message: `${category.name} concerns premises only: add the premises affected (a vehicle break-in is not burglary)`,
    });
  }
  if (category.nature === 'situational' && f.relevance === 'organization') {
    errors.push({
      field: 'relevance',
      message: `${category.name} is a situational-awareness category: mark the entry situational or near miss, or choose the category of what happened to personnel`,
    });
  }
  if (f.relevance === 'near_miss' && f.personnelCount > 0) {
    errors.push({ field: 'personnel', message: 'a near miss affected no one: remove the personnel impacts' });
  }
  return { category, errors };
}

export interface Totals {
  affected: number;
  killed: number;
  injured: number;
  kidnapped: number;
  arrested: number;
}

/** The totals kept on the incident for statistics, from its personnel impacts. */
export function impactTotals(personnel: readonly { outcome: Outcome; count: number }[]): Totals {
  const t: Totals = { affected: 0, killed: 0, injured: 0, kidnapped: 0, arrested: 0 };
  for (const p of personnel) {
    t.affected += p.count;
    if (p.outcome === 'killed') t.killed += p.count;
    else if (p.outcome === 'injured') t.injured += p.count;
    else if (p.outcome === 'abducted') t.kidnapped += p.count;
    else if (p.outcome === 'arrested_detained') t.arrested += p.count;
  }
  return t;
}

const KM_PER_DEGREE = 111.32;

/** Distance in km from the origin to segment a–b, on a plane in km (small distances only). */
function segmentKm(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/**
 * 0 when the point is inside the country; otherwise the distance in km to the nearest edge of its
 * outline (not the nearest vertex: a coast drawn with few vertices would look far away). The
 * outline is projected on a plane centred on the point, which is exact enough for the tens of
 * kilometres the tolerance is about.
 */
export function kmOutside(boundary: AreaGeometry, lon: number, lat: number): number {
  if (containsPoint(boundary, lon, lat)) return 0;
  const cos = Math.cos((lat * Math.PI) / 180);
  const x = (p: Position) => (((p[0] - lon + 540) % 360) - 180) * cos * KM_PER_DEGREE;
  const y = (p: Position) => (p[1] - lat) * KM_PER_DEGREE;
  const polygons = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  let best = Number.POSITIVE_INFINITY;
  for (const rings of polygons) {
    const ring = (rings[0] ?? []) as Position[];
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1] as Position;
      const b = ring[i] as Position;
      best = Math.min(best, segmentKm(x(a), y(a), x(b), y(b)));
    }
  }
  return best;
}

export interface Change {
  field: string;
  old: unknown;
  new: unknown;
}

/** Field-by-field differences between two snapshots of an incident (arrays compared whole). */
export function diffSnapshots(before: Record<string, unknown>, after: Record<string, unknown>): Change[] {
  const changes: Change[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const o = before[field] ?? null;
    const n = after[field] ?? null;
    if (JSON.stringify(o) !== JSON.stringify(n)) changes.push({ field, old: o, new: n });
  }
  return changes;
}

/** Fields whose values only holders of incident.sensitive may read, in snapshots and history. */
export const SENSITIVE_FIELDS = new Set(['sensitiveDetails']);

/** A history entry as a reader without need-to-know sees it: restricted values withheld. */
export function redactChange(c: Change): Change {
  if (SENSITIVE_FIELDS.has(c.field)) return { field: c.field, old: '(withheld)', new: '(withheld)' };
  if (c.field === 'personnel') return { field: c.field, old: redactPeople(c.old), new: redactPeople(c.new) };
  return c;
}

function redactPeople(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return v.map((p) =>
    typeof p === 'object' && p !== null
      ? {
          ...p,
          personName: p.personName ? '(withheld)' : '',
          lineManagerEmail: p.lineManagerEmail ? '(withheld)' : '',
        }
      : p,
  );
}

/** An instant as local time with its offset (2026-03-04T21:15:00+04:30), the way it was reported. */
export function localDateTime(utcIso: string, offset: string): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const local = new Date(new Date(utcIso).getTime() + minutes * 60_000).toISOString().slice(0, 19);
  return `${local}${m ? offset : '+00:00'}`;
}

/**
 * A major incident calls for an immediate review of the SRM where it happened (DOMAIN.md §4):
 * anyone of the organization killed or abducted, or several injured.
 */
export function majorIncidentReason(i: {
  relevance: string;
  killed: number;
  kidnapped: number;
  injured: number;
}): string | null {
  if (i.relevance !== 'organization') return null;
  const parts = [
    i.killed ? `${i.killed} killed` : '',
    i.kidnapped ? `${i.kidnapped} abducted` : '',
    i.injured >= 3 ? `${i.injured} injured` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}
