/**
 * Jointly financed apportionment use cases: budget periods, census, scenarios computed on the fly,
 * comparison, approval into immutable numbered versions, explanations.
 *
 * Access: `costshare.manage` over the whole system keeps periods, census and scenarios and
 * approves. `costshare.read` held globally reads everything, drafts included; held for one
 * organization it reads approved versions only, every organization's figure in them: the
 * apportionment is transparent by design (JIU/REP/2016/9 para. 191 asks for more transparency, and
 * Annex I publishes every organization's share), so nothing in an approved version is hidden.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can, holds } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, type FieldError, forbidden, notFound, versionConflict } from '../../server/errors';
import { csvRowField, parseCensusCsv } from './census-csv';
import * as repo from './costshare.repository';
import type * as s from './costshare.schema';
import { explain } from './explain';
import { presentLines, presentSummary } from './present';
import {
  ApportionError,
  type Apportionment,
  apportion,
  type CensusEntry,
  formatCents,
  parseAmount,
  sharePercent,
} from './rules';

type Db = Kysely<DB>;

// ---- access -------------------------------------------------------------------------------------

/** 'drafts' for global readers, 'approved' for organization-scoped ones; 403 for anyone else. */
export function readerKind(p: Principal): 'drafts' | 'approved' {
  if (can(p.grants, 'costshare.read')) return 'drafts';
  if (holds(p.grants, 'costshare.read')) return 'approved';
  throw forbidden('Your roles do not include reading cost-sharing figures');
}

function requireManage(p: Principal): void {
  if (!can(p.grants, 'costshare.manage'))
    throw forbidden(
      'Only a cost-sharing manager or an administrator (global grant) manages the jointly financed budget',
    );
}

function requireDrafts(p: Principal): void {
  if (readerKind(p) !== 'drafts')
    throw forbidden(
      'Draft figures (census, scenarios) are shown to global readers only; approved versions are open to you',
    );
}

// ---- presenting ---------------------------------------------------------------------------------

const iso = (d: Date | string) => new Date(d).toISOString();
const cents = (n: number) => BigInt(n);

function presentVersion(v: repo.VersionRow): s.VersionInfo {
  return {
    id: v.id,
    periodId: v.period_id,
    versionNo: v.version_no,
    scenarioName: v.scenario_name,
    currency: v.currency,
    total: formatCents(cents(v.total_cents)),
    minimum: formatCents(cents(v.minimum_cents)),
    note: v.note,
    approvedBy: v.approved_by_name,
    approvedAt: iso(v.approved_at),
  };
}

function presentPeriod(p: repo.PeriodRow, latest: repo.VersionRow | undefined, drafts: boolean): s.Period {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    currency: p.currency,
    total: drafts ? formatCents(cents(p.total_cents)) : null,
    minimum: drafts ? formatCents(cents(p.minimum_cents)) : null,
    censusDate: p.census_date,
    version: p.version,
    latestVersion: latest ? presentVersion(latest) : null,
  };
}

function presentScenario(sc: repo.ScenarioRow, codeOf: Map<string, string>): s.Scenario {
  return {
    id: sc.id,
    name: sc.name,
    description: sc.description,
    total: sc.total_cents === null ? null : formatCents(cents(sc.total_cents)),
    minimum: sc.minimum_cents === null ? null : formatCents(cents(sc.minimum_cents)),
    headcounts: sc.headcounts.map((h) => ({
      organization: codeOf.get(h.organizationId) ?? h.organizationId,
      headcount: h.headcount,
    })),
    version: sc.version,
    createdAt: iso(sc.created_at),
  };
}

// ---- census resolution and validation -----------------------------------------------------------

/** Rules' "row 3.headcount" as the API field of a JSON body ("census.2.headcount"). */
function jsonField(prefix: string) {
  return (field: string): FieldError['field'] => {
    const m = /^row (\d+)\.(.+)$/.exec(field);
    return m ? `${prefix}.${Number(m[1]) - 1}.${m[2] === 'counted_in' ? 'countedIn' : m[2]}` : field;
  };
}

function invalidAll(
  issues: { field: string; message: string }[],
  fieldOf: (f: string) => string,
  rowText: (f: string) => string,
) {
  const errors = issues.map((i) => ({
    field: fieldOf(i.field),
    message: `${rowText(i.field)}: ${i.message}`,
  }));
  return new AppError('validation', errors.map((e) => e.message).join('; '), errors);
}

interface Orgs {
  byCode: Map<string, repo.OrgRef>;
  byId: Map<string, repo.OrgRef>;
}

async function organizations(db: Db): Promise<Orgs> {
  const all = await repo.listOrganizations(db);
  return {
    byCode: new Map(all.map((o) => [o.code.toLowerCase(), o])),
    byId: new Map(all.map((o) => [o.id, o])),
  };
}

interface RawRow {
  organization: string;
  headcount: number;
  countedIn?: string | null;
}

/**
 * Resolves census codes against the registry (canonical codes; `countedIn` omitted takes the
 * registry's "counted in") and checks the rows and the amounts with the apportionment rules.
 * Every problem is reported at once; nothing is saved when there is one.
 */
function resolveCensus(
  rows: RawRow[],
  orgs: Orgs,
  amounts: { totalCents: bigint; minimumCents: bigint },
  fieldOf: (f: string) => string,
  rowText: (f: string) => string,
): {
  census: CensusEntry[];
  stored: { organization_id: string; headcount: number; counted_in_id: string | null }[];
} {
  const issues: { field: string; message: string }[] = [];
  const census: CensusEntry[] = rows.map((r, i) => {
    const org = orgs.byCode.get(r.organization.trim().toLowerCase());
    if (!org)
      issues.push({
        field: `row ${i + 1}.organization`,
        message: `${r.organization} is not an organization in the registry`,
      });
    let countedIn: string | null;
    if (r.countedIn === undefined)
      countedIn = org?.counted_in_id ? (orgs.byId.get(org.counted_in_id)?.code ?? null) : null;
    else if (r.countedIn === null || r.countedIn.trim() === '') countedIn = null;
    else {
      const parent = orgs.byCode.get(r.countedIn.trim().toLowerCase());
      if (!parent)
        issues.push({
          field: `row ${i + 1}.counted_in`,
          message: `${r.countedIn} is not an organization in the registry`,
        });
      countedIn = parent?.code ?? r.countedIn.trim();
    }
    return { organization: org?.code ?? r.organization.trim(), headcount: r.headcount, countedIn };
  });
  if (issues.length) throw invalidAll(issues, fieldOf, rowText);
  // A registry "counted in" that points outside this census is dropped, not an error.
  const codes = new Set(census.map((c) => c.organization));
  for (const [i, c] of census.entries())
    if (c.countedIn && !codes.has(c.countedIn) && rows[i]?.countedIn === undefined) c.countedIn = null;
  try {
    apportion({ ...amounts, census });
  } catch (error) {
    if (error instanceof ApportionError) throw invalidAll(error.issues, fieldOf, rowText);
    throw error;
  }
  const stored = census.map((c) => ({
    organization_id: (orgs.byCode.get(c.organization.toLowerCase()) as repo.OrgRef).id,
    headcount: c.headcount,
    counted_in_id: c.countedIn ? (orgs.byCode.get(c.countedIn.toLowerCase()) as repo.OrgRef).id : null,
  }));
  return { census, stored };
}

const rowOnly = (f: string) => {
  const m = /^row (\d+)\./.exec(f);
  return m ? `row ${m[1]}` : f;
};

function amountOrThrow(text: string | null | undefined, field: string): bigint | null {
  if (text === undefined || text === null) return null;
  const v = parseAmount(text);
  if (v === null)
    throw new AppError('validation', `${field}: not an amount`, [{ field, message: 'not an amount' }]);
  return v;
}

function apportionOrThrow(input: {
  totalCents: bigint;
  minimumCents: bigint;
  census: CensusEntry[];
}): Apportionment {
  try {
    return apportion(input);
  } catch (error) {
    if (error instanceof ApportionError)
      throw invalidAll(error.issues, jsonField('census'), (f) => (f.startsWith('row ') ? rowOnly(f) : f));
    throw error;
  }
}

// ---- periods ------------------------------------------------------------------------------------

export async function listPeriods(db: Db, p: Principal): Promise<s.Period[]> {
  const kind = readerKind(p);
  const latest = new Map((await repo.latestVersions(db)).map((v) => [v.period_id, v]));
  return (await repo.listPeriods(db))
    .filter((row) => kind === 'drafts' || latest.has(row.id))
    .map((row) => presentPeriod(row, latest.get(row.id), kind === 'drafts'));
}

async function periodOr404(db: Db, p: Principal, id: string, lock = false) {
  const kind = readerKind(p);
  const row = await repo.findPeriod(db, id, lock);
  if (!row) throw notFound('The budget period');
  if (kind === 'approved' && (await repo.listVersions(db, id)).length === 0)
    throw notFound('The budget period');
  return { row, kind };
}

export async function getPeriod(db: Db, p: Principal, id: string): Promise<s.PeriodDetail> {
  const { row, kind } = await periodOr404(db, p, id);
  const versions = await repo.listVersions(db, id);
  const drafts = kind === 'drafts';
  const orgs = drafts ? await organizations(db) : null;
  const codeOf = new Map([...(orgs?.byId.values() ?? [])].map((o) => [o.id, o.code]));
  return {
    ...presentPeriod(row, versions[0], drafts),
    census: drafts
      ? (await repo.listCensus(db, id)).map((c) => ({
          organization: c.code,
          organizationName: c.name,
          headcount: c.headcount,
          countedIn: c.counted_in_code,
        }))
      : null,
    scenarios: drafts ? (await repo.listScenarios(db, id)).map((sc) => presentScenario(sc, codeOf)) : null,
    versions: versions.map(presentVersion),
  };
}

export async function createPeriod(db: Db, actor: Actor, input: s.CreatePeriod): Promise<s.PeriodDetail> {
  requireManage(actor.principal);
  if (input.endsOn < input.startsOn)
    throw new AppError('validation', 'endsOn: must not be before startsOn', [
      { field: 'endsOn', message: 'must not be before startsOn' },
    ]);
  const total = amountOrThrow(input.total, 'total') as bigint;
  const minimum = amountOrThrow(input.minimum, 'minimum') as bigint;
  if (total <= 0n)
    throw new AppError('validation', 'total: must be above zero', [
      { field: 'total', message: 'must be above zero' },
    ]);
  const id = await db.transaction().execute(async (trx) => {
    const row = await repo.insertPeriod(trx, {
      code: input.code,
      name: input.name,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      currency: input.currency,
      total_cents: Number(total),
      minimum_cents: Number(minimum),
      census_date: input.censusDate ?? null,
    });
    await audit(trx, actor, {
      action: 'costshare.period.create',
      entityType: 'costshare_period',
      entityId: row.id,
      after: presentPeriod(row, undefined, true),
    });
    return row.id;
  });
  return getPeriod(db, actor.principal, id);
}

export async function updatePeriod(
  db: Db,
  actor: Actor,
  id: string,
  input: s.UpdatePeriod,
): Promise<s.PeriodDetail> {
  requireManage(actor.principal);
  await db.transaction().execute(async (trx) => {
    const before = await repo.findPeriod(trx, id, true);
    if (!before) throw notFound('The budget period');
    if (before.version !== input.version) throw versionConflict(before.version);
    const total = amountOrThrow(input.total, 'total') ?? cents(before.total_cents);
    const minimum = amountOrThrow(input.minimum, 'minimum') ?? cents(before.minimum_cents);
    const startsOn = input.startsOn ?? before.starts_on;
    const endsOn = input.endsOn ?? before.ends_on;
    if (endsOn < startsOn)
      throw new AppError('validation', 'endsOn: must not be before startsOn', [
        { field: 'endsOn', message: 'must not be before startsOn' },
      ]);
    const census = await repo.listCensus(trx, id);
    if (census.length)
      apportionOrThrow({
        totalCents: total,
        minimumCents: minimum,
        census: census.map((c) => ({
          organization: c.code,
          headcount: c.headcount,
          countedIn: c.counted_in_code,
        })),
      });
    else if (total <= 0n)
      throw new AppError('validation', 'total: must be above zero', [
        { field: 'total', message: 'must be above zero' },
      ]);
    const after = await repo.updatePeriod(trx, id, input.version, {
      name: input.name ?? before.name,
      starts_on: startsOn,
      ends_on: endsOn,
      total_cents: Number(total),
      minimum_cents: Number(minimum),
      census_date: input.censusDate === undefined ? before.census_date : input.censusDate,
    });
    if (!after) throw versionConflict(before.version + 1);
    await audit(trx, actor, {
      action: 'costshare.period.update',
      entityType: 'costshare_period',
      entityId: id,
      before: presentPeriod(before, undefined, true),
      after: presentPeriod(after, undefined, true),
    });
  });
  return getPeriod(db, actor.principal, id);
}

/** Replaces the census (all rows at once) over the period version read; audited. */
async function saveCensus(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  rows: RawRow[],
  fieldOf: (f: string) => string,
  rowText: (f: string) => string,
): Promise<s.PeriodDetail> {
  requireManage(actor.principal);
  await db.transaction().execute(async (trx) => {
    const period = await repo.findPeriod(trx, id, true);
    if (!period) throw notFound('The budget period');
    if (period.version !== version) throw versionConflict(period.version);
    const orgs = await organizations(trx);
    const { stored, census } = resolveCensus(
      rows,
      orgs,
      { totalCents: cents(period.total_cents), minimumCents: cents(period.minimum_cents) },
      fieldOf,
      rowText,
    );
    const before = await repo.listCensus(trx, id);
    await repo.replaceCensus(trx, id, stored);
    const bumped = await repo.updatePeriod(trx, id, version, {});
    if (!bumped) throw versionConflict(version + 1);
    await audit(trx, actor, {
      action: 'costshare.census.replace',
      entityType: 'costshare_period',
      entityId: id,
      before: before.map((c) => ({
        organization: c.code,
        headcount: c.headcount,
        countedIn: c.counted_in_code,
      })),
      after: census,
    });
  });
  return getPeriod(db, actor.principal, id);
}

export const putCensus = (db: Db, actor: Actor, id: string, input: s.PutCensus) =>
  saveCensus(db, actor, id, input.version, input.census, jsonField('census'), rowOnly);

export function importCensus(db: Db, actor: Actor, id: string, input: s.ImportCensus) {
  requireManage(actor.principal);
  const parsed = parseCensusCsv(input.csv);
  const fieldOf = (f: string) => {
    const m = /^row (\d+)\.(.+)$/.exec(f);
    return m
      ? `csv.rows.${Number(m[1]) - 1}.${m[2]}`
      : f.startsWith('header.') || f === 'file'
        ? `csv.${f}`
        : f;
  };
  const rowText = (f: string) => {
    const m = /^row (\d+)\./.exec(f);
    return m ? csvRowField(`row ${m[1]}.x`).replace(/ x$/, '') : f;
  };
  if (!parsed.ok) throw invalidAll(parsed.issues, fieldOf, rowText);
  return saveCensus(db, actor, id, input.version, parsed.census, fieldOf, rowText);
}

// ---- scenarios ----------------------------------------------------------------------------------

export async function createScenario(
  db: Db,
  actor: Actor,
  periodId: string,
  input: s.CreateScenario,
): Promise<s.Scenario> {
  requireManage(actor.principal);
  return db.transaction().execute(async (trx) => {
    const period = await repo.findPeriod(trx, periodId);
    if (!period) throw notFound('The budget period');
    const orgs = await organizations(trx);
    const issues: FieldError[] = [];
    const seen = new Set<string>();
    const overrides = input.headcounts.map((h, i) => {
      const org = orgs.byCode.get(h.organization.toLowerCase());
      const field = `headcounts.${i}`;
      if (!org)
        issues.push({
          field: `${field}.organization`,
          message: `row ${i + 1}: ${h.organization} is not an organization in the registry`,
        });
      else if (seen.has(org.id))
        issues.push({ field: `${field}.organization`, message: `row ${i + 1}: ${org.code} is listed twice` });
      if (!Number.isInteger(h.headcount) || h.headcount < 0)
        issues.push({
          field: `${field}.headcount`,
          message: `row ${i + 1}: must be a whole number, not negative`,
        });
      if (org) seen.add(org.id);
      return { organizationId: org?.id ?? '', headcount: h.headcount };
    });
    if (issues.length)
      throw new AppError('validation', issues.map((e) => `${e.field}: ${e.message}`).join('; '), issues);
    const row = await repo.insertScenario(trx, {
      period_id: periodId,
      name: input.name,
      description: input.description,
      total_cents: input.total ? Number(amountOrThrow(input.total, 'total')) : null,
      minimum_cents: input.minimum ? Number(amountOrThrow(input.minimum, 'minimum')) : null,
      headcounts: JSON.stringify(overrides),
      created_by: actor.principal.via === 'system' ? null : actor.principal.userId,
    });
    // Computed once now so that a scenario that cannot be apportioned is refused, not stored.
    const census = await repo.listCensus(trx, periodId);
    if (census.length) sourceApportion(period, census, row, orgs);
    const codeOf = new Map([...orgs.byId.values()].map((o) => [o.id, o.code]));
    await audit(trx, actor, {
      action: 'costshare.scenario.create',
      entityType: 'costshare_scenario',
      entityId: row.id,
      after: presentScenario(row, codeOf),
    });
    return presentScenario(row, codeOf);
  });
}

export async function deleteScenario(db: Db, actor: Actor, periodId: string, id: string): Promise<void> {
  requireManage(actor.principal);
  await db.transaction().execute(async (trx) => {
    const row = await repo.findScenario(trx, periodId, id);
    if (!row) throw notFound('The scenario');
    await repo.deleteScenario(trx, id);
    await audit(trx, actor, {
      action: 'costshare.scenario.delete',
      entityType: 'costshare_scenario',
      entityId: id,
      before: { name: row.name },
    });
  });
}

// ---- computing ----------------------------------------------------------------------------------

type CensusRows = Awaited<ReturnType<typeof repo.listCensus>>;

/** The inputs of the period or of one of its scenarios, apportioned (throws a 400 when impossible). */
function sourceApportion(
  period: repo.PeriodRow,
  census: CensusRows,
  scenario: repo.ScenarioRow | undefined,
  orgs: Orgs,
) {
  const overrides = new Map((scenario?.headcounts ?? []).map((h) => [h.organizationId, h.headcount]));
  const inCensus = new Set(census.map((c) => c.organization_id));
  const entries: CensusEntry[] = census.map((c) => ({
    organization: c.code,
    headcount: overrides.get(c.organization_id) ?? c.headcount,
    countedIn: c.counted_in_code,
  }));
  // A scenario may add an organization that is not in the census yet.
  for (const [orgId, headcount] of overrides)
    if (!inCensus.has(orgId))
      entries.push({ organization: orgs.byId.get(orgId)?.code ?? orgId, headcount, countedIn: null });
  const input = {
    totalCents: scenario?.total_cents != null ? cents(scenario.total_cents) : cents(period.total_cents),
    minimumCents:
      scenario?.minimum_cents != null ? cents(scenario.minimum_cents) : cents(period.minimum_cents),
    census: entries,
  };
  return { input, result: apportionOrThrow(input) };
}

function namesOf(orgs: Orgs) {
  return (code: string) => orgs.byCode.get(code.toLowerCase())?.name ?? code;
}

async function compute(db: Db, period: repo.PeriodRow, scenarioId: string | undefined) {
  const census = await repo.listCensus(db, period.id);
  if (!census.length)
    throw new AppError('unprocessable', 'The period has no census yet: import the headcounts first', [
      { field: 'census', message: 'is empty' },
    ]);
  const scenario = scenarioId ? await repo.findScenario(db, period.id, scenarioId) : undefined;
  if (scenarioId && !scenario) throw notFound('The scenario');
  const orgs = await organizations(db);
  return { ...sourceApportion(period, census, scenario, orgs), scenario, orgs };
}

function view(
  period: repo.PeriodRow,
  result: Apportionment,
  nameOf: (c: string) => string,
  source: s.ApportionmentView['source'],
): s.ApportionmentView {
  return {
    periodId: period.id,
    periodCode: period.code,
    currency: period.currency,
    source,
    summary: presentSummary(result),
    lines: presentLines(result).map((l) => ({ ...l, organizationName: nameOf(l.organization) })),
  };
}

/** The period (or a scenario) apportioned now, from the current figures. Global readers only. */
export async function computeApportionment(db: Db, p: Principal, periodId: string, scenarioId?: string) {
  requireDrafts(p);
  const { row } = await periodOr404(db, p, periodId);
  const { result, scenario, orgs } = await compute(db, row, scenarioId);
  return view(row, result, namesOf(orgs), {
    kind: scenario ? 'scenario' : 'census',
    scenarioId: scenario?.id ?? null,
    name: scenario?.name ?? 'Census',
    version: null,
  });
}

async function versionResult(db: Db, periodId: string, versionNo: number) {
  const v = await repo.findVersion(db, periodId, versionNo);
  if (!v) throw notFound('The approved version');
  const result = apportion({
    totalCents: cents(v.total_cents),
    minimumCents: cents(v.minimum_cents),
    census: v.census,
  });
  return { v, result };
}

/** One approved version, as approved. Every reader of cost-sharing. */
export async function getVersion(
  db: Db,
  p: Principal,
  periodId: string,
  versionNo: number,
): Promise<s.ApportionmentView> {
  const { row } = await periodOr404(db, p, periodId);
  const { v, result } = await versionResult(db, periodId, versionNo);
  const lines = await repo.versionLines(db, v.id);
  const nameOf = new Map(lines.map((l) => [l.organization_code, l.organization_name]));
  return view({ ...row, currency: v.currency }, result, (c) => nameOf.get(c) ?? c, {
    kind: 'approved',
    scenarioId: null,
    name: v.scenario_name ?? 'Census',
    version: presentVersion(v),
  });
}

/** Approves the period's figures or a scenario as version n + 1; older versions stay as they were. */
export async function approveApportionment(
  db: Db,
  actor: Actor,
  periodId: string,
  input: s.Approve,
): Promise<s.ApportionmentView> {
  requireManage(actor.principal);
  const versionNo = await db.transaction().execute(async (trx) => {
    const period = await repo.findPeriod(trx, periodId, true);
    if (!period) throw notFound('The budget period');
    if (period.version !== input.periodVersion) throw versionConflict(period.version);
    const { input: used, result, scenario, orgs } = await compute(trx, period, input.scenarioId ?? undefined);
    const no = await repo.nextVersionNo(trx, periodId);
    const v = await repo.insertVersion(trx, {
      period_id: periodId,
      version_no: no,
      scenario_name: scenario?.name ?? null,
      currency: period.currency,
      total_cents: Number(used.totalCents),
      minimum_cents: Number(used.minimumCents),
      census: JSON.stringify(
        used.census.map((c) => ({
          organization: c.organization,
          headcount: c.headcount,
          countedIn: c.countedIn ?? null,
        })),
      ),
      note: input.note,
      approved_by: actor.principal.via === 'system' ? null : actor.principal.userId,
      approved_by_name: actor.principal.displayName || actor.principal.username,
    });
    await repo.insertLines(
      trx,
      result.lines.map((l, i) => ({
        apportionment_id: v.id,
        organization_id: (orgs.byCode.get(l.organization.toLowerCase()) as repo.OrgRef).id,
        organization_code: l.organization,
        position: i + 1,
        own_headcount: l.ownHeadcount,
        headcount: l.headcount,
        counted_in_code: l.countedIn,
        billed: l.billed,
        minimum_applied: l.minimumApplied,
        minimum_round: l.minimumRound,
        amount_cents: Number(l.amountCents),
        rounding_cents: l.roundingCents,
      })),
    );
    await audit(trx, actor, {
      action: 'costshare.apportionment.approve',
      entityType: 'costshare_apportionment',
      entityId: v.id,
      after: {
        period: period.code,
        versionNo: no,
        scenario: scenario?.name ?? null,
        total: formatCents(used.totalCents),
        minimum: formatCents(used.minimumCents),
        amounts: Object.fromEntries(result.lines.map((l) => [l.organization, formatCents(l.amountCents)])),
      },
    });
    return no;
  });
  return getVersion(db, actor.principal, periodId, versionNo);
}

// ---- comparison and explanation -----------------------------------------------------------------

/** The census, the scenarios and approved versions asked for, side by side (census first). */
export async function compare(
  db: Db,
  p: Principal,
  periodId: string,
  query: { scenario?: string | string[]; version?: number | number[] },
): Promise<s.Comparison> {
  const { row, kind } = await periodOr404(db, p, periodId);
  const scenarios = query.scenario === undefined ? [] : [query.scenario].flat();
  const versions = query.version === undefined ? [] : [query.version].flat();
  if (kind !== 'drafts' && scenarios.length) requireDrafts(p);
  const columns: { key: string; name: string; result: Apportionment }[] = [];
  const orgs = await organizations(db);
  if (kind === 'drafts') {
    const base = await compute(db, row, undefined);
    columns.push({ key: 'census', name: 'Census', result: base.result });
    for (const id of scenarios) {
      const c = await compute(db, row, id);
      columns.push({ key: `scenario:${id}`, name: c.scenario?.name ?? id, result: c.result });
    }
  }
  for (const n of versions) {
    const { v, result } = await versionResult(db, periodId, n);
    columns.push({
      key: `version:${n}`,
      name: `Version ${n}${v.scenario_name ? ` (${v.scenario_name})` : ''}`,
      result,
    });
  }
  if (!columns.length)
    throw new AppError('validation', 'version: name at least one approved version to compare', [
      { field: 'version', message: 'name at least one approved version to compare' },
    ]);
  const codes: string[] = [];
  for (const c of columns)
    for (const l of c.result.lines) if (!codes.includes(l.organization)) codes.push(l.organization);
  const nameOf = namesOf(orgs);
  return {
    periodId,
    columns: columns.map((c) => ({
      key: c.key,
      name: c.name,
      total: formatCents(c.result.totalCents),
      minimum: formatCents(c.result.minimumCents),
    })),
    rows: codes.map((code) => {
      const cells = columns.map((c) => {
        const l = c.result.lines.find((x) => x.organization === code);
        const amount = l?.amountCents ?? 0n;
        return {
          headcount: l?.headcount ?? 0,
          amount: formatCents(amount),
          amountCents: Number(amount),
          share: sharePercent(amount, c.result.totalCents),
          minimumApplied: l?.minimumApplied ?? false,
          billed: l?.billed ?? false,
        };
      });
      return {
        organization: code,
        organizationName: nameOf(code),
        cells,
        differenceCents: (cells.at(-1)?.amountCents ?? 0) - (cells[0]?.amountCents ?? 0),
      };
    }),
  };
}

function explanationOf(result: Apportionment, code: string, nameOf: (c: string) => string): s.Explanation {
  const line = result.lines.find((l) => l.organization.toLowerCase() === code.toLowerCase());
  const steps = line ? explain(result, line.organization) : null;
  if (!line || !steps) throw notFound(`Organization ${code} in this apportionment`);
  return {
    organization: line.organization,
    organizationName: nameOf(line.organization),
    amount: formatCents(line.amountCents),
    share: sharePercent(line.amountCents, result.totalCents),
    steps,
  };
}

/** How an approved version arrived at one organization's figure. Every reader of cost-sharing. */
export async function explainVersion(
  db: Db,
  p: Principal,
  periodId: string,
  versionNo: number,
  code: string,
) {
  await periodOr404(db, p, periodId);
  const { v, result } = await versionResult(db, periodId, versionNo);
  const lines = await repo.versionLines(db, v.id);
  const nameOf = new Map(lines.map((l) => [l.organization_code, l.organization_name]));
  return explanationOf(result, code, (c) => nameOf.get(c) ?? c);
}

/** How the current figures (or a scenario) arrive at one organization's figure. Global readers. */
export async function explainDraft(
  db: Db,
  p: Principal,
  periodId: string,
  code: string,
  scenarioId?: string,
) {
  requireDrafts(p);
  const { row } = await periodOr404(db, p, periodId);
  const { result, orgs } = await compute(db, row, scenarioId);
  return explanationOf(result, code, namesOf(orgs));
}

/** For exports: an approved version with every organization's explanation. */
export async function versionForExport(db: Db, p: Principal, periodId: string, versionNo: number) {
  const view = await getVersion(db, p, periodId, versionNo);
  const { row } = await periodOr404(db, p, periodId);
  const { result } = await versionResult(db, periodId, versionNo);
  return { view, period: row, result };
}
