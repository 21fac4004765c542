import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { ROLE_LABELS } from '../../server/access/rules';
import { SYSTEM_PRINCIPAL } from '../../server/auth/principal';
import type { Actor } from '../../server/context';
import { AppError } from '../../server/errors';
import { seedCrisisDemo } from '../crisis/crisis-demo';
import { listCountries } from '../registry/geography.service';
import { importRows } from '../registry/import.service';
import type { RawRow } from '../registry/import-parse';
import type { ImportKind } from '../registry/registry.schema';
import { seedRollCallDemo } from '../rollcall/rollcall-demo';
import { addActivity } from '../srm/activities.service';
import { actOnMeasure, addMeasure, addRisk } from '../srm/risks.service';
import { actOnSrm, createSrmDraft } from '../srm/srm.service';
import { actOnAdvisory, createAdvisoryDraft } from '../threats/advisories.service';
import { isoDate } from '../threats/rules';
import { importThreatLevels } from '../threats/threat-import.service';
import { addGrant, createUser } from '../users/users.service';
import { seedCostshareDemo } from './costshare-demo';
import { seedLocalCostshareDemo } from './costshare-local-demo';
import { DEMO_PASSWORD, type DemoArea, generateDemo } from './generator';
import { seedIncidentDemo } from './incident-demo';
import { seedNotificationsDemo } from './notifications-demo';
import { seedPeopleDemo } from './people-demo';
import { CRISIS_COUNTRIES } from './places-data';
import { demoSrms } from './srm-demo';
import { demoAdvisories, demoThreatLevels } from './threat-demo';
import { seedWardenDemo } from './warden-demo';

const SYSTEM: Actor = { principal: SYSTEM_PRINCIPAL, requestId: 'demo-seed' };

export async function hasAnyUser(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).execute()).length > 0;
}

export interface SeedSummary {
  organizations: number;
  areas: number;
  stations: number;
  premises: number;
  assessments: number;
  advisories: number;
  srms: number;
  incidents: number;
  /** Personnel and dependants loaded by people-demo.ts (bulk, one audit entry). */
  people: number;
  /** One line per demo login: "username — roles". */
  users: string[];
}

/**
 * Loads the deterministic demo dataset through the same import path users take, so the demo data
 * passes every validation rule and every row is audited. Re-running updates instead of duplicating.
 * Incidents are the exception: bulk-loaded reference data with one audit entry for the load
 * (incident-demo.ts), so that the UN scale's million incidents load in minutes.
 */
export async function seedDemo(
  db: Kysely<DB>,
  options: { seed: number; scale: 'small' | 'un'; publicUrl?: string },
  log: (line: string) => void = () => {},
  onProgress?: (kind: string, done: number, total: number) => void,
): Promise<SeedSummary> {
  const demo = generateDemo(options);
  const rows = <T extends object>(items: T[]): RawRow[] =>
    items.map((values, i) => ({ line: i + 2, values: values as Record<string, unknown> }));
  const load = async (kind: ImportKind, items: RawRow[]) => {
    onProgress?.(kind, 0, items.length);
    const result = await importRows(db, SYSTEM, kind, items, (done, total) =>
      onProgress?.(kind, done, total),
    );
    onProgress?.(kind, items.length, items.length);
    if (result.rejected.length) {
      const first = result.rejected[0]!;
      throw new AppError(
        'unprocessable',
        `demo ${kind} rejected at row ${first.line}: ${first.field} ${first.message}`,
      );
    }
    log(`${kind}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`);
    return result.total;
  };

  // Parents first: an organization counted inside another needs the other to exist.
  const orgs = [...demo.organizations].sort(
    (a, b) => Number(Boolean(a.countedIn)) - Number(Boolean(b.countedIn)),
  );
  const organizations = await load(
    'organizations',
    rows(
      orgs.map((o) => ({ code: o.code, name: o.name, type: o.type, counted_in: o.countedIn ?? undefined })),
    ),
  );
  const areas = await load(
    'areas',
    rows(
      demo.areas.map((a) => ({
        code: a.code,
        name: a.name,
        country: a.countryCode,
        pcode: a.pcode,
        polygon: a.polygon,
      })),
    ),
  );
  const stations = await load(
    'stations',
    rows(
      demo.stations.map((s) => ({ code: s.code, name: s.name, area: s.areaCode, lat: s.lat, lon: s.lon })),
    ),
  );
  const premises = await load(
    'premises',
    rows(
      demo.premises.map((p) => ({
        code: p.code,
        name: p.name,
        kind: p.kind,
        organization: p.organizationCode,
        station: p.stationCode,
        lat: p.lat,
        lon: p.lon,
        address: p.address,
      })),
    ),
  );

  const threats = await seedThreats(db, demo.areas, options.seed, log);
  // SRMs for every area of the small set; at UN scale for crisis countries (bounded seeding time).
  const srmAreas =
    options.scale === 'small' ? demo.areas : demo.areas.filter((a) => CRISIS_COUNTRIES.has(a.countryCode));
  const srms = await seedSrms(
    db,
    srmAreas,
    demo.organizations.map((o) => o.code),
    options.seed,
    log,
  );

  // Incidents are bulk-loaded (incident-demo.ts): one audit entry for the whole load.
  const incidents = await seedIncidentDemo(db, SYSTEM, demo, options, (done, total) =>
    onProgress?.('incidents', done, total),
  );
  if (incidents.incidents) {
    const n = (v: number) => v.toLocaleString('en');
    log(
      `incidents: ${n(incidents.incidents)} from ${incidents.from} to ${incidents.to}, ` +
        `${n(incidents.personnel)} personnel impacts, ${n(incidents.cases)} serious-crime cases, ` +
        `in ${incidents.seconds} s (${incidents.cpuSeconds} s CPU here)`,
    );
  }

  const users: string[] = [];
  for (const u of demo.users) {
    const existing = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', u.username)
      .executeTakeFirst();
    if (existing) continue;
    const created = await createUser(db, SYSTEM, {
      username: u.username,
      displayName: u.displayName,
      email: u.email,
      organizationCode: u.organizationCode,
      password: DEMO_PASSWORD,
    });
    for (const g of u.grants) {
      await addGrant(db, SYSTEM, created.id, { role: g.role, scopeType: g.scopeType, scopeId: g.scopeCode });
    }
    const roles = u.grants.map((g) => `${ROLE_LABELS[g.role]} (${g.scopeCode ?? 'global'})`).join(', ');
    users.push(`${u.username.padEnd(22)} ${roles}`);
  }
  await seedCostshareDemo(db, SYSTEM, demo.organizations, log);
  // People and travel after the logins, which they link to profiles (people-demo.ts, bulk).
  const people = await seedPeopleDemo(db, SYSTEM, demo, {}, (done, total) =>
    onProgress?.('people and travel', done, total),
  );
  if (people.personnel + people.requests > 0)
    log(
      `people: ${people.personnel.toLocaleString('en')} personnel, ${people.dependants.toLocaleString('en')} dependants, ` +
        `${people.segments.toLocaleString('en')} travel segments in ${people.seconds} s (${people.cpuSeconds} s CPU here)`,
    );
  // Warden zones after the people and logins they hold (warden-demo.ts).
  await seedWardenDemo(db, SYSTEM, demo, log);
  // A relocation list from the people present (crisis/crisis-demo.ts).
  await seedCrisisDemo(db, SYSTEM, demo, log);
  // A roll call under way there, part answered (rollcall/rollcall-demo.ts).
  await seedRollCallDemo(db, SYSTEM, demo, options.publicUrl ?? 'http://localhost:8080', log);
  // A level rise where a demo login is stationed: an alert in their inbox (notifications-demo.ts).
  await seedNotificationsDemo(db, SYSTEM, log);
  // Local security budgets after the people and census figures their shares follow.
  users.push(...(await seedLocalCostshareDemo(db, SYSTEM, demo, log)));
  return {
    organizations,
    areas,
    stations,
    premises,
    ...threats,
    srms,
    incidents: incidents.incidents,
    people: people.personnel + people.dependants,
    users,
  };
}

/**
 * Published level assessments for every demo area and a published advisory per demo country,
 * through the same services users take. Areas that already have an assessment and countries that
 * already have an advisory are left alone, so a re-run adds nothing.
 */
async function seedThreats(db: Kysely<DB>, areas: DemoArea[], seed: number, log: (line: string) => void) {
  const assessed = new Set(
    (
      await db
        .selectFrom('threat_assessments')
        .innerJoin('areas', 'areas.id', 'threat_assessments.area_id')
        .select('areas.code')
        .execute()
    ).map((r) => r.code),
  );
  const advised = new Set(
    (await db.selectFrom('travel_advisories').select('subject_key').execute()).map((r) => r.subject_key),
  );
  const today = isoDate(new Date());
  const levelRows = demoThreatLevels(areas, seed, today)
    .filter((r) => !assessed.has(r.area))
    .map((r, i) => ({ line: i + 2, values: { ...r } }));
  const imported = await importThreatLevels(db, SYSTEM, levelRows);
  if (imported.rejected.length) {
    const first = imported.rejected[0]!;
    throw new AppError(
      'unprocessable',
      `demo threat levels rejected at row ${first.line}: ${first.field} ${first.message}`,
    );
  }
  const used = new Set(areas.map((a) => a.countryCode));
  const countries = (await listCountries(db)).filter((c) => used.has(c.code));
  let advisories = 0;
  const publish = async (input: Parameters<typeof createAdvisoryDraft>[2]) => {
    const draft = await createAdvisoryDraft(db, SYSTEM, input);
    const approved = await actOnAdvisory(db, SYSTEM, draft.id, 'approve', draft.version);
    await actOnAdvisory(db, SYSTEM, draft.id, 'publish', approved.version);
    advisories++;
  };
  const byCountry = new Map(demoAdvisories(countries, seed, today).map((a) => [a.countryCode, a]));
  for (const a of byCountry.values()) {
    if (!advised.has(a.countryCode)) await publish({ ...a, areaCode: undefined });
  }
  // Each area gets its own advisory too, with the area's levels, under its country's guidance.
  const areaIds = new Map(
    (await db.selectFrom('areas').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
  );
  for (const area of areas) {
    const country = byCountry.get(area.countryCode);
    if (!country || advised.has(areaIds.get(area.code) ?? '')) continue;
    await publish({
      ...country,
      areaCode: area.code,
      headline: `${area.name}: ${country.headline.split(': ')[1]}`,
    });
  }
  log(`threat assessments: ${imported.published} published; advisories: ${advisories} published`);
  return { assessments: imported.published, advisories };
}

/** One SRM per area without one: risks, library measures at every lifecycle stage, activities. */
async function seedSrms(
  db: Kysely<DB>,
  areas: DemoArea[],
  organizations: string[],
  seed: number,
  log: (line: string) => void,
) {
  const existing = new Set(
    (
      await db
        .selectFrom('srms')
        .innerJoin('areas', 'areas.id', 'srms.area_id')
        .select('areas.code')
        .execute()
    ).map((r) => r.code),
  );
  const today = isoDate(new Date());
  const year = today.slice(0, 4);
  let created = 0;
  for (const plan of demoSrms(
    areas.filter((a) => !existing.has(a.code)),
    organizations,
    seed,
    today,
  )) {
    const srm = await createSrmDraft(db, SYSTEM, {
      kind: 'area',
      title: plan.title,
      countryCode: plan.countryCode,
      areaCode: plan.areaCode,
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
    });
    for (const r of plan.risks) {
      const risk = await addRisk(db, SYSTEM, srm.id, {
        title: r.title,
        category: r.category,
        exposed: r.exposed,
        likelihood: r.likelihood,
        impact: r.impact,
        strategy: 'control',
      });
      for (const m of r.measures) {
        let measure = await addMeasure(db, SYSTEM, risk.id, {
          libraryCode: m.libraryCode,
          mandatory: false,
          steps: 1,
          costUsd: m.costUsd,
          agreedDate: m.agreedDate,
        });
        const steps = ['approved', 'implemented', 'verified'].slice(
          0,
          ['proposed', 'approved', 'implemented', 'verified'].indexOf(m.status),
        );
        for (const step of steps) {
          const action = step === 'approved' ? 'approve' : step === 'implemented' ? 'implement' : 'verify';
          measure = await actOnMeasure(db, SYSTEM, measure.id, action, {
            version: measure.version,
            ...(action === 'implement'
              ? {
                  evidence: 'Checked on site by the security office',
                  // biome-ignore lint/complexity/useMathMinMax: ISO date strings; Math.min would give NaN
                  implementedOn: m.agreedDate < today ? m.agreedDate : today,
                }
              : {}),
            ...(action === 'verify' && m.effectiveness ? { effectiveness: m.effectiveness } : {}),
          });
        }
      }
    }
    for (const a of plan.activities) {
      await addActivity(db, SYSTEM, srm.id, {
        ...a,
        periodStart: `${year}-02-01`,
        periodEnd: `${year}-11-30`,
      });
    }
    if (plan.approve) {
      const current = await db
        .selectFrom('srms')
        .select('version')
        .where('id', '=', srm.id)
        .executeTakeFirstOrThrow();
      await actOnSrm(db, SYSTEM, srm.id, 'approve', {
        version: current.version,
        smtConsultedOn: `${year}-01-15`,
        smtNote: 'SMT meeting',
      });
    }
    created++;
  }
  if (created) log(`security risk management: ${created} SRMs`);
  return created;
}
