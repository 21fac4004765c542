/**
 * Relocation and evacuation: who is eligible, where people may go, how a row's status moves and how
 * roll-call answers count. Pure, no I/O.
 *
 * The rules (DOMAIN.md §8; JIU/REP/2016/9 §181–182, seeds/jiu-safety-and-security-2016.md:863):
 * - Alternate work modalities and relocation (within the country) "may apply for international as
 *   well as locally-recruited staff": every member of personnel present, and the eligible family
 *   members (recognized dependants) with them.
 * - Evacuation (out of the country): "only international staff and their eligible dependents". Local
 *   personnel "only in exceptional circumstances, specifically when they may be targeted as a
 *   consequence of their employment": a person designated so by the crisis team, with a reason.
 *   Their dependants go with them (§182: "local staff … even with their eligible dependents").
 * A dependant's eligibility follows their sponsor (the member of personnel whose recognized
 * dependant they are), wherever the sponsor is; a dependant without an active sponsor is not listed.
 */

export const LIST_KINDS = ['relocation', 'evacuation'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export const ROW_STATUSES = ['listed', 'confirmed', 'moved', 'declined', 'unreachable'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export type Recruitment = 'international' | 'local';
export type PersonKind = 'personnel' | 'dependant';

/** What the rules need to know about one person present. */
export interface Candidate {
  id: string;
  kind: PersonKind;
  recruitment: Recruitment;
  /** A dependant's sponsor; null for personnel (and for a dependant whose sponsor is gone). */
  sponsor: Sponsor | null;
  /** Who designated this person as targeted because of their employment, when someone did. */
  designatedBy: string | null;
}

export interface Sponsor {
  id: string;
  name: string;
  kind: PersonKind;
  recruitment: Recruitment;
  active: boolean;
  designatedBy: string | null;
}

export const RULES = [
  'relocation.personnel',
  'relocation.dependant',
  'evacuation.international',
  'evacuation.targeted',
  'evacuation.dependant',
  'evacuation.dependant_of_targeted',
  'not_eligible.local',
  'not_eligible.dependant_of_local',
  'not_eligible.no_sponsor',
] as const;
export type RuleCode = (typeof RULES)[number];

export interface Eligibility {
  eligible: boolean;
  rule: RuleCode;
  /** The rule in words, as the list and its exports show it. */
  reason: string;
}

const yes = (rule: RuleCode, reason: string): Eligibility => ({ eligible: true, rule, reason });
const no = (rule: RuleCode, reason: string): Eligibility => ({ eligible: false, rule, reason });

/** Whether a person present belongs on a list of this kind, and by which rule. */
export function eligibility(kind: ListKind, c: Candidate): Eligibility {
  if (c.kind === 'dependant') {
    const s = c.sponsor;
    if (!s?.active || s.kind !== 'personnel')
      return no('not_eligible.no_sponsor', 'not eligible: dependant without an active sponsor');
    if (kind === 'relocation')
      return yes('relocation.dependant', `relocation: eligible dependant of ${s.name}`);
    if (s.recruitment === 'international')
      return yes('evacuation.dependant', `evacuation: eligible dependant of ${s.name}`);
    if (s.designatedBy)
      return yes(
        'evacuation.dependant_of_targeted',
        `evacuation: eligible dependant of ${s.name} (local personnel targeted because of employment)`,
      );
    return no(
      'not_eligible.dependant_of_local',
      `not eligible: dependant of local personnel ${s.name}, who is not designated as targeted`,
    );
  }
  if (kind === 'relocation') return yes('relocation.personnel', 'relocation: any personnel');
  if (c.recruitment === 'international')
    return yes('evacuation.international', 'evacuation: international personnel');
  if (c.designatedBy)
    return yes(
      'evacuation.targeted',
      `evacuation: local personnel targeted because of employment (designated by ${c.designatedBy})`,
    );
  return no(
    'not_eligible.local',
    'not eligible: local personnel are evacuated only when targeted because of their employment (not designated)',
  );
}

/**
 * Where a list may send people: relocation stays within the country, evacuation leaves it. The
 * destination's country (given, or the country of a destination area) decides; free text alone
 * is accepted. Returns the problem, or null.
 */
export function destinationProblem(kind: ListKind, listCountry: string, destinationCountry: string | null) {
  if (!destinationCountry) return null;
  if (kind === 'relocation' && destinationCountry !== listCountry)
    return `relocation moves people within ${listCountry}; for another country make an evacuation list`;
  if (kind === 'evacuation' && destinationCountry === listCountry)
    return `evacuation moves people out of ${listCountry}; within the country make a relocation list`;
  return null;
}

/**
 * How a row's status moves: listed → confirmed → moved, and declined or unreachable from any
 * state but moved. A person who declined or could not be reached may still confirm later; a row
 * can go back to listed while nothing is settled. Moved is final.
 */
const NEXT: Record<RowStatus, readonly RowStatus[]> = {
  listed: ['confirmed', 'declined', 'unreachable', 'moved'],
  confirmed: ['moved', 'declined', 'unreachable', 'listed'],
  declined: ['confirmed', 'listed', 'unreachable'],
  unreachable: ['confirmed', 'declined', 'listed'],
  moved: [],
};

export function canMove(from: RowStatus, to: RowStatus): boolean {
  return NEXT[from].includes(to);
}

export const nextStatuses = (from: RowStatus): readonly RowStatus[] => NEXT[from];

/** A person's latest roll-call answer, as the list shows it. */
export type Accounting = 'safe' | 'need_help' | 'pending' | 'not_asked';

export interface RollCallAnswer {
  answer: 'pending' | 'safe' | 'need_help';
  answeredAt: Date | null;
  startedAt: Date;
}

/**
 * The answer that counts among a person's rows in open roll calls: the latest answered one (by
 * answer time); pending when they were asked but have not answered; not asked when in none.
 */
export function latestAnswer(answers: readonly RollCallAnswer[]): { state: Accounting; at: Date | null } {
  let best: RollCallAnswer | null = null;
  for (const a of answers) {
    if (a.answer === 'pending' || !a.answeredAt) continue;
    if (!best || a.answeredAt.getTime() > (best.answeredAt as Date).getTime()) best = a;
  }
  if (best) return { state: best.answer as 'safe' | 'need_help', at: best.answeredAt };
  return answers.length ? { state: 'pending', at: null } : { state: 'not_asked', at: null };
}

export interface Totals {
  people: number;
  personnel: number;
  dependants: number;
  accounted: number;
  needHelp: number;
  notAccounted: number;
  noLongerPresent: number;
  byStatus: Record<RowStatus, number>;
}

export interface TotalsRow {
  organization: string;
  kind: PersonKind;
  status: RowStatus;
  accounting: Accounting;
  present: boolean;
}

const emptyTotals = (): Totals => ({
  people: 0,
  personnel: 0,
  dependants: 0,
  accounted: 0,
  needHelp: 0,
  notAccounted: 0,
  noLongerPresent: 0,
  byStatus: { listed: 0, confirmed: 0, moved: 0, declined: 0, unreachable: 0 },
});

function add(t: Totals, r: TotalsRow) {
  t.people++;
  if (r.kind === 'personnel') t.personnel++;
  else t.dependants++;
  if (r.accounting === 'safe') t.accounted++;
  else if (r.accounting === 'need_help') t.needHelp++;
  else t.notAccounted++;
  if (!r.present) t.noLongerPresent++;
  t.byStatus[r.status]++;
}

/**
 * Totals of the eligible rows: overall and by organization (sorted by code). Accounted for means a
 * latest answer of safe; need help is counted apart; everyone else is not yet accounted for.
 */
export function totalsOf(
  rows: readonly TotalsRow[],
): Totals & { byOrganization: (Totals & { organization: string })[] } {
  const all = emptyTotals();
  const byOrg = new Map<string, Totals>();
  for (const r of rows) {
    add(all, r);
    const o = byOrg.get(r.organization) ?? emptyTotals();
    byOrg.set(r.organization, o);
    add(o, r);
  }
  const byOrganization = [...byOrg.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([organization, t]) => ({ organization, ...t }));
  return { ...all, byOrganization };
}

/** A list's reference: kind letter, country and a sequence, e.g. EVA-AFG-0003. */
export function listReference(kind: ListKind, countryCode: string, sequence: number): string {
  return `${kind === 'evacuation' ? 'EVA' : 'REL'}-${countryCode}-${String(sequence).padStart(4, '0')}`;
}
