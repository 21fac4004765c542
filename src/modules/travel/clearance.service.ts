/**
 * Clearance: turns an itinerary into the facts the pure rules need (the rule in force for each
 * area, the traveller's training at each segment's dates, current threat levels, travellers
 * already cleared there) and keeps the per-area rules.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, type FieldError, forbidden, invalid, versionConflict } from '../../server/errors';
import { trainingStatus } from '../people/people.service';
import { areaByCode } from '../registry/geography.service';
import { findStationByCode } from '../registry/registry.repository';
import { currentAreaLevels } from '../threats/assessments.service';
import {
  type ClearanceResult,
  type ClearanceRule,
  effectiveRule,
  evaluateClearance,
  needsClearance,
  type RuleSource,
  type SegmentFacts,
  utcDate,
  validateItinerary,
} from './rules';
import * as repo from './travel.repository';
import type { PutClearanceRule, SegmentInput } from './travel.schema';

type Db = Kysely<DB>;

export interface ResolvedSegment {
  position: number;
  countryCode: string;
  areaId: string;
  areaCode: string;
  stationId: string | null;
  lat: number | null;
  lon: number | null;
  arrivesAt: Date;
  departsAt: Date;
  stopover: boolean;
  leavesAirport: boolean;
}

/** Resolves codes and checks the times, gathering every problem at once (400, nothing written). */
export async function resolveItinerary(db: Db, input: SegmentInput[]): Promise<ResolvedSegment[]> {
  const errors: FieldError[] = [];
  const out: ResolvedSegment[] = [];
  for (const [i, s] of input.entries()) {
    const area = s.areaCode ? await areaByCode(db, s.areaCode) : null;
    if (s.areaCode && !area) {
      errors.push({ field: `segments.${i}.areaCode`, message: `no area has the code ${s.areaCode}` });
    }
    const station = s.stationCode ? await findStationByCode(db, s.stationCode) : undefined;
    if (s.stationCode && !station) {
      errors.push({
        field: `segments.${i}.stationCode`,
        message: `no duty station has the code ${s.stationCode}`,
      });
    } else if (station && area && station.area_id !== area.id) {
      errors.push({
        field: `segments.${i}.stationCode`,
        message: `${station.code} is not in area ${area.code}`,
      });
    }
    const areaId = area?.id ?? station?.area_id;
    const countryCode = area?.countryCode ?? station?.country_code;
    const areaCode = area?.code ?? station?.area_code;
    if (!areaId || !countryCode || !areaCode) continue;
    out.push({
      position: i,
      countryCode,
      areaId,
      areaCode,
      stationId: station?.id ?? null,
      lat: station?.lat ?? null,
      lon: station?.lon ?? null,
      arrivesAt: new Date(s.arrivesAt),
      departsAt: new Date(s.departsAt),
      stopover: s.stopover,
      leavesAirport: s.stopover ? s.leavesAirport : true,
    });
  }
  errors.push(
    ...validateItinerary(
      input.map((s) => ({ arrivesAt: new Date(s.arrivesAt), departsAt: new Date(s.departsAt) })),
    ),
  );
  if (errors.length) {
    throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
  return out;
}

const toRule = (r: repo.RuleRow): ClearanceRule => ({
  mode: r.mode,
  requiredCourses: r.required_courses as string[],
  pcMandatory: r.pc_mandatory,
  maxTravellers: r.max_travellers,
});

/** The rule in force for each segment: its area's, else its country's, else the default. */
export async function rulesFor(db: Db, segments: Pick<ResolvedSegment, 'countryCode' | 'areaId'>[]) {
  const rows = await repo.rulesOfCountries(db, [...new Set(segments.map((s) => s.countryCode))]);
  return segments.map((s) => {
    const area = rows.find((r) => r.area_id === s.areaId);
    const country = rows.find((r) => r.country_code === s.countryCode && r.area_id === null);
    return effectiveRule(area ? toRule(area) : null, country ? toRule(country) : null);
  });
}

/** Segments whose rule makes the PC level mandatory and that count (not airside connections). */
export function pcRequiredAt(segments: ResolvedSegment[], rules: { rule: ClearanceRule }[]): number[] {
  return segments.flatMap((s, i) => (rules[i]!.rule.pcMandatory && needsClearance(s) ? [s.position] : []));
}

const quotaKey = (s: ResolvedSegment, source: RuleSource) => (source === 'area' ? s.areaId : s.countryCode);

/**
 * Evaluates clearance for a person's itinerary. Call inside the transaction that records the
 * outcome: it takes the quota locks of capped rules so that counts stay true until commit.
 */
export async function computeClearance(
  trx: Db,
  personId: string,
  segments: ResolvedSegment[],
  pcLevel: number | null,
): Promise<ClearanceResult> {
  const rules = await rulesFor(trx, segments);
  const capped = [
    ...new Set(
      segments.flatMap((s, i) =>
        rules[i]!.rule.maxTravellers !== null ? [quotaKey(s, rules[i]!.source)] : [],
      ),
    ),
  ].sort();
  for (const key of capped) await repo.lockQuota(trx, key);
  const dates = [...new Set(segments.flatMap((s) => [utcDate(s.arrivesAt), utcDate(s.departsAt)]))];
  const training = new Map(
    await Promise.all(
      dates.map(async (d) => [d, (await trainingStatus(trx, [personId], d)).get(personId) ?? {}] as const),
    ),
  );
  const levels = new Map<string, number | null>();
  for (const areaId of new Set(segments.map((s) => s.areaId))) {
    const l = await currentAreaLevels(trx, areaId);
    levels.set(areaId, l ? Math.max(...Object.values(l)) : null);
  }
  const facts: SegmentFacts[] = [];
  for (const [i, s] of segments.entries()) {
    const { rule, source } = rules[i]!;
    const clearedOverlapping =
      rule.maxTravellers === null
        ? 0
        : await repo.clearedOverlapping(trx, {
            countryCode: s.countryCode,
            areaId: source === 'area' ? s.areaId : null,
            from: s.arrivesAt,
            to: s.departsAt,
            excludePersonId: personId,
          });
    facts.push({
      label: s.areaCode,
      arrivesOn: utcDate(s.arrivesAt),
      departsOn: utcDate(s.departsAt),
      stopover: s.stopover,
      leavesAirport: s.leavesAirport,
      rule,
      training: {
        arrival: training.get(utcDate(s.arrivesAt)) ?? {},
        departure: training.get(utcDate(s.departsAt)) ?? {},
      },
      threatLevel: levels.get(s.areaId) ?? null,
      clearedOverlapping,
    });
  }
  return evaluateClearance({ segments: facts, pcLevel });
}

// --- rules configuration ------------------------------------------------------------------------

export function presentRule(r: repo.RuleRow) {
  return {
    id: r.id,
    countryCode: r.country_code,
    areaCode: r.area_code,
    mode: r.mode,
    requiredCourses: r.required_courses as string[],
    pcMandatory: r.pc_mandatory,
    maxTravellers: r.max_travellers,
    preciseTracking: r.precise_tracking,
    preciseUntil: r.precise_until?.toISOString() ?? null,
    note: r.note,
    version: r.version,
  };
}

/**
 * Clearance rules are travel requirements, like advisories: every signed-in user may read them
 * (a traveller checks what an area requires before asking).
 */
export async function listClearanceRules(db: Db, _principal: Principal, country?: string) {
  return (await repo.listRules(db, country)).map(presentRule);
}

/** Sets a country's or an area's rule (clearance.configure over the country). */
export async function putClearanceRule(db: Db, actor: Actor, input: PutClearanceRule) {
  const area = input.areaCode ? await areaByCode(db, input.areaCode) : null;
  if (input.areaCode && !area) throw invalid('areaCode', `no area has the code ${input.areaCode}`);
  if (area && area.countryCode !== input.countryCode) {
    throw invalid('areaCode', `${area.code} is not in ${input.countryCode}`);
  }
  if (
    !can(actor.principal.grants, 'clearance.configure', { countryCode: input.countryCode, areaId: area?.id })
  ) {
    throw forbidden(`You may not set clearance rules in ${input.countryCode}`);
  }
  const courses = [...new Set(input.requiredCourses)];
  const known = await repo.knownCourses(db, courses);
  const unknown = courses.filter((c) => !known.has(c));
  if (unknown.length) throw invalid('requiredCourses', `unknown course ${unknown.join(', ')}`);
  const values = {
    mode: input.mode,
    required_courses: JSON.stringify(courses),
    pc_mandatory: input.pcMandatory,
    max_travellers: input.maxTravellers,
    note: input.note,
  };
  return db.transaction().execute(async (trx) => {
    const before = await repo.findRule(trx, input.countryCode, area?.id ?? null);
    if (before) {
      if (input.version === undefined)
        throw invalid('version', 'give the version you read to replace a rule');
      const ok = await repo.updateRule(trx, before.id, input.version, values);
      if (!ok) throw versionConflict(before.version);
    } else {
      await repo.insertRule(trx, { ...values, country_code: input.countryCode, area_id: area?.id ?? null });
    }
    const after = (await repo.findRule(trx, input.countryCode, area?.id ?? null))!;
    await audit(trx, actor, {
      action: before ? 'clearance_rule.update' : 'clearance_rule.create',
      entityType: 'clearance_rule',
      entityId: after.id,
      countryCode: input.countryCode,
      before: before ? presentRule(before) : undefined,
      after: presentRule(after),
    });
    return presentRule(after);
  });
}
