/**
 * Security clearance of travel (DOMAIN.md §7): pure rules, no I/O.
 *
 * A request is cleared automatically only when every segment that needs clearance meets its
 * area's requirements and nothing calls for a person's judgement. Missing prerequisites refuse
 * (the traveller can fix them and ask again); a DO-controlled area, a high threat level or a full
 * quota of travellers sends the request to the security adviser, who decides on the DO's behalf.
 * Every refusal and every pending request says why.
 */
import type { FieldError } from '../../server/errors';

/** The course everyone needs everywhere (DOMAIN.md §7), whatever an area's rule lists. */
export const BASELINE_COURSE = 'BSAFE';

/** Threat levels from this one up (5 High, 6 Extreme) always need a person's decision. */
export const MANUAL_THREAT_LEVEL = 5;

export type ClearanceMode = 'automatic' | 'manual';
export type Decision = 'cleared' | 'pending' | 'refused';

/** One clearance_rules row, as the rules need it. */
export interface ClearanceRule {
  mode: ClearanceMode;
  requiredCourses: readonly string[];
  pcMandatory: boolean;
  /** How many travellers the DO allows in the rule's area (or country) at once; null: no limit. */
  maxTravellers: number | null;
}

export type RuleSource = 'area' | 'country' | 'default';

/** Where no rule is set, clearance is automatic with BSAFE (DOMAIN.md §7). */
export const DEFAULT_RULE: ClearanceRule = {
  mode: 'automatic',
  requiredCourses: [BASELINE_COURSE],
  pcMandatory: false,
  maxTravellers: null,
};

/** The rule in force for an area: the area's own rule wins over its country's. */
export function effectiveRule(
  areaRule: ClearanceRule | null | undefined,
  countryRule: ClearanceRule | null | undefined,
): { rule: ClearanceRule; source: RuleSource } {
  if (areaRule) return { rule: areaRule, source: 'area' };
  if (countryRule) return { rule: countryRule, source: 'country' };
  return { rule: DEFAULT_RULE, source: 'default' };
}

/** The courses a rule requires, BSAFE always first and each course once. */
export function requiredCourses(rule: ClearanceRule): string[] {
  return [...new Set([BASELINE_COURSE, ...rule.requiredCourses])];
}

/** A course's standing at one date (people's `trainingStatus`). */
export interface CourseStanding {
  valid: boolean;
  completedOn: string | null;
  expiresOn: string | null;
}
export type TrainingAt = Readonly<Record<string, CourseStanding | undefined>>;

export interface SegmentFacts {
  /** How reasons name the place, e.g. "AFG-01 Central (AFG)". */
  label: string;
  /** Calendar dates (YYYY-MM-DD) of arrival and departure: certificates must be valid on both. */
  arrivesOn: string;
  departsOn: string;
  stopover: boolean;
  leavesAirport: boolean;
  rule: ClearanceRule;
  /** The traveller's training at arrival and at departure. */
  training: { arrival: TrainingAt; departure: TrainingAt };
  /** Highest current threat level of the area, when assessed. */
  threatLevel?: number | null;
  /** Other travellers already cleared in the rule's area (or country) at overlapping times. */
  clearedOverlapping: number;
}

export interface ClearanceInput {
  segments: readonly SegmentFacts[];
  pcLevel: number | null;
}

export interface SegmentVerdict {
  needsClearance: boolean;
  /** null when the segment needs no clearance. */
  decision: Decision | null;
  reasons: string[];
}

export interface ClearanceResult {
  decision: Decision;
  mode: ClearanceMode;
  /** Overall reasons, each naming its segment ("segments.N (label): …"). */
  reasons: string[];
  segments: SegmentVerdict[];
}

/** An airside connection is not a visit: only a stopover outside the airport counts. */
export const needsClearance = (s: Pick<SegmentFacts, 'stopover' | 'leavesAirport'>) =>
  !s.stopover || s.leavesAirport;

function trainingProblems(s: SegmentFacts): string[] {
  const out: string[] = [];
  for (const course of requiredCourses(s.rule)) {
    const atArrival = s.training.arrival[course];
    const atDeparture = s.training.departure[course];
    if (atArrival?.valid && atDeparture?.valid) continue;
    const known = atDeparture?.completedOn ? atDeparture : atArrival;
    if (!known?.completedOn) {
      out.push(`${course} is required and no ${course} certificate was completed by ${s.arrivesOn}`);
    } else if (!atArrival?.valid) {
      out.push(
        known.expiresOn && known.expiresOn < s.arrivesOn
          ? `${course} certificate expired on ${known.expiresOn}, before arrival on ${s.arrivesOn}`
          : `${course} is required and no ${course} certificate is valid on arrival on ${s.arrivesOn}`,
      );
    } else {
      out.push(`${course} certificate expires on ${atArrival.expiresOn}, before departure on ${s.departsOn}`);
    }
  }
  return out;
}

/** What refuses a segment: missing prerequisites the traveller must put right. */
function refusals(s: SegmentFacts, pcLevel: number | null): string[] {
  const out = trainingProblems(s);
  if (s.rule.pcMandatory && pcLevel === null) {
    out.push('the programme criticality (PC) level of the activities is required here');
  }
  return out;
}

/** What sends a segment to the security adviser instead of clearing it automatically. */
function manualGrounds(s: SegmentFacts): string[] {
  const out: string[] = [];
  if (s.rule.mode === 'manual') out.push('the Designated Official requires manual clearance here');
  if (s.threatLevel != null && s.threatLevel >= MANUAL_THREAT_LEVEL) {
    out.push(`the threat level is ${s.threatLevel} (high): a security adviser decides`);
  }
  const max = s.rule.maxTravellers;
  if (max !== null && s.clearedOverlapping + 1 > max) {
    out.push(
      `${s.clearedOverlapping} travellers are already cleared here at overlapping dates and the Designated Official allows ${max}`,
    );
  }
  return out;
}

export function evaluateSegment(s: SegmentFacts, pcLevel: number | null): SegmentVerdict {
  if (!needsClearance(s)) {
    return {
      needsClearance: false,
      decision: null,
      reasons: ['stopover without leaving the airport: no clearance needed'],
    };
  }
  const refused = refusals(s, pcLevel);
  if (refused.length) return { needsClearance: true, decision: 'refused', reasons: refused };
  const manual = manualGrounds(s);
  if (manual.length) return { needsClearance: true, decision: 'pending', reasons: manual };
  return {
    needsClearance: true,
    decision: 'cleared',
    reasons: [`requirements met (${requiredCourses(s.rule).join(', ')} valid on the travel dates)`],
  };
}

/**
 * The clearance of a whole itinerary: refused when any segment is (the automatic system refuses,
 * so nobody's queue fills with requests that cannot be granted), pending for a manual decision
 * when any segment needs one, otherwise cleared automatically.
 */
export function evaluateClearance(input: ClearanceInput): ClearanceResult {
  const segments = input.segments.map((s) => evaluateSegment(s, input.pcLevel));
  const named = (d: Decision) =>
    segments.flatMap((v, i) =>
      v.decision === d ? v.reasons.map((r) => `segments.${i} (${input.segments[i]!.label}): ${r}`) : [],
    );
  const refused = named('refused');
  if (refused.length) return { decision: 'refused', mode: 'automatic', reasons: refused, segments };
  const pending = named('pending');
  if (pending.length) return { decision: 'pending', mode: 'manual', reasons: pending, segments };
  const any = segments.some((v) => v.needsClearance);
  return {
    decision: 'cleared',
    mode: 'automatic',
    reasons: any
      ? ['cleared automatically: every requirement is met']
      : ['no segment needs clearance (airside connections only)'],
    segments,
  };
}

/** An itinerary segment's times, as validation needs them. */
export interface TimedSegment {
  arrivesAt: Date;
  departsAt: Date;
}

/**
 * Checks the itinerary's times and names every problem by field path (segments.N.field): a
 * segment that departs before it arrives, one that starts before the previous one ends. Gaps
 * between segments are allowed (the traveller is at their duty station or elsewhere unrecorded).
 */
export function validateItinerary(segments: readonly TimedSegment[]): FieldError[] {
  const errors: FieldError[] = [];
  segments.forEach((s, i) => {
    if (s.departsAt.getTime() <= s.arrivesAt.getTime()) {
      errors.push({ field: `segments.${i}.departsAt`, message: 'must be after arrivesAt' });
    }
    const prev = segments[i - 1];
    if (prev && s.arrivesAt.getTime() < prev.departsAt.getTime()) {
      errors.push({
        field: `segments.${i}.arrivesAt`,
        message: `overlaps segments.${i - 1}, which departs at ${prev.departsAt.toISOString()}`,
      });
    }
  });
  return errors;
}

/** Calendar date (UTC) of an instant: the date certificates are checked at. */
export const utcDate = (d: Date) => d.toISOString().slice(0, 10);

/** Half-open intervals [a1, d1) and [a2, d2) overlap. */
export const overlaps = (a: TimedSegment, b: TimedSegment) =>
  a.arrivesAt.getTime() < b.departsAt.getTime() && b.arrivesAt.getTime() < a.departsAt.getTime();
