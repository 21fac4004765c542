import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_SCOPES, ROLES, type Role, type ScopeType } from '../../src/server/access/rules';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { publishAssessment, seedTwoScopes, type TwoScopes } from '../support/fixtures';
import { insertPerson } from '../support/who-fixtures';

/**
 * The access-control matrix: every operation of the OpenAPI document × every role × a FOREIGN scope.
 *
 * A "home" scope (organization ORGA, country AFG, area AFG-01) holds records of every module. For
 * each role, a user holds that role over the foreign scope the role allows (ORGB, KEN or KEN-01) and
 * sends every operation with its path parameters filled with home ids and a minimal valid-looking
 * body naming the home scope. Then: no write that targets the home scope succeeds, no answer (of any
 * status) shows a home id, reference or name, nothing answers a 5xx, and no table changes.
 *
 * Driven by /api/openapi.json, so a new endpoint is covered without touching this file. The hand-
 * written per-feature checks live in access-control.test.ts; hostile input in fuzz.test.ts.
 */

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
};
interface Param {
  in: 'path' | 'query';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  method: string;
  path: string;
  params: Param[];
  body: Schema | null;
}

/**
 * Writes that may succeed for a foreign user: they act on the caller's own account or session, not
 * on a home record. Each with the reason.
 */
const OWN_WRITES: Record<string, string> = {
  'POST /api/auth/login':
    'signing in is anonymous and about the caller (the sample credentials are wrong anyway)',
  'POST /api/auth/logout': 'ends the caller’s own session (sent last, after every other request)',
  'POST /api/auth/tokens': 'creates an API token for the caller’s own account',
  'PUT /api/me/notification-preferences': 'the caller’s own notification preferences',
};
/**
 * Tables the OWN_WRITES above may change for the caller (left out of the before/after comparison, like
 * the audit log, sign-in attempts and sessions that change by design on refused requests).
 */
const OWN_TABLES: Record<string, string> = {
  api_tokens: 'POST /api/auth/tokens creates the caller’s own token',
  notification_preferences: 'PUT /api/me/notification-preferences stores the caller’s own preferences',
};
const CHANGING_BY_DESIGN = new Set(['audit_log', 'login_attempts', 'sessions']);

/**
 * Answers that may show a home id because the data is public by design. Keyed by `METHOD path`;
 * ids of reference data (organizations, countries, areas, duty stations) are never counted as home
 * data in the first place (every user reads them: geo.read and org.read are held by every role).
 */
const PUBLIC_BY_DESIGN: Record<string, string> = {};

/**
 * Parts of an answer that only echo what the foreign users themselves sent, removed before the
 * search for home data. Each with the reason.
 */
const ECHOES: Record<string, { reason: string; strip: (body: unknown) => unknown }> = {
  'GET /api/audit': {
    reason:
      'a scoped auditor reads the trail of its own scope’s users, including the refused requests these ' +
      'foreign users made during the matrix, which name the home ids they tried; entries of anyone else stay hidden',
    strip: (body) =>
      Array.isArray(body)
        ? body.filter((e) => !foreignIds.has((e as { actorId?: string }).actorId ?? ''))
        : body,
  },
};

/**
 * Endpoints where the matrix found a real gap that is not fixed yet: listed with the reason, and
 * reported. Keyed by `METHOD path`.
 */
const KNOWN_GAPS: Record<string, string> = {};

const t: TestApp = await createTestApp();
const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
  paths: Record<
    string,
    Record<string, { parameters?: Param[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>
  >;
};
const operations: Operation[] = Object.entries(doc.paths)
  .flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
    })),
  )
  // Signing out ends the caller's session: last.
  .sort((a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'));

// ---- home records ----------------------------------------------------------------------------

let root: TestUser;
let f: TwoScopes;
/**
 * The values a generic sample cannot guess, by collection path: the set-up creates the home records
 * with them, and the matrix sends them again (so that the foreign users' requests get past the
 * validation to the authorization).
 */
let seedBodies: Record<string, object> = {};
/** More of those for operations on one record (`METHOD path`). */
const MATRIX_BODIES: Record<string, object> = {
  'PUT /api/srm/risks/{id}/override': { reason: 'A foreign user tries to override this risk' },
  'POST /api/srm/risks/{id}/measures': { title: 'Foreign measure', kind: 'prevention' },
};
/** Ids of home records by the collection path they came from (`/api/incidents` → incident ids). */
const pool = new Map<string, string[]>();
/** Every id, reference and name of a home record: none may appear in a foreign user's answer. */
const homeIds = new Set<string>();
/** Ids that are not home data: reference data, the foreign scope, the users of the test. */
const notHome = new Set<string>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const remember = (path: string, row: unknown) => {
  const r = row as { id?: unknown; reference?: unknown } | null;
  const id = r?.id;
  if (typeof id !== 'string' || !UUID.test(id) || notHome.has(id)) return;
  const list = pool.get(path) ?? [];
  if (!list.includes(id)) list.push(id);
  pool.set(path, list);
  homeIds.add(id);
  if (typeof r?.reference === 'string' && r.reference.length >= 6) homeIds.add(r.reference);
};

// ---- valid-looking samples from the schemas (home scope everywhere) ---------------------------

const HOME_CODES: Record<string, string> = {
  countryCode: 'AFG',
  country: 'AFG',
  organizationCode: 'ORGA',
  organization: 'ORGA',
  areaCode: 'AFG-01',
  area: 'AFG-01',
  stationCode: 'AFG-KBL',
  station: 'AFG-KBL',
};
const CODE_CANDIDATES = ['AFG', 'ORGA', 'AFG-01', 'AFG-KBL', 'A-1', 'X1', 'af', 'en', 'matrix'];

/** A home id for a field named like `areaId` or `personId`, from the matching collection. */
function homeId(name: string): string | undefined {
  const stem = name.replace(/Ids?$/, '').toLowerCase();
  const people = stem === 'person' || stem === 'sponsor' || stem === 'member';
  for (const [key, ids] of pool) {
    const last = key.split('/').pop() ?? '';
    if ((people ? key === '/api/people' : stem && last.startsWith(stem)) && ids.length) return ids[0];
  }
  return pool.get('/api/people')?.[0];
}
function sampleString(s: Schema, name: string): string {
  if (s.format === 'uuid') return homeId(name) ?? '00000000-0000-4000-8000-000000000000';
  if (s.format === 'date') return '2026-03-01';
  if (s.format === 'date-time') return '2026-03-01T00:00:00.000Z';
  if (s.format === 'email') return 'matrix@example.org';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.org/hook';
  const candidates = [HOME_CODES[name], ...CODE_CANDIDATES, 'Matrix value'].filter(Boolean) as string[];
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    const hit = candidates.find((c) => re.test(c));
    if (hit) return hit;
  }
  const base = HOME_CODES[name] ?? 'Matrix value';
  const min = s.minLength ?? 0;
  return base.length >= min ? base.slice(0, s.maxLength ?? base.length) : base.padEnd(min, 'x');
}
function sample(s: Schema | undefined, name = '', depth = 0): unknown {
  if (!s || depth > 6) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((a) => a.type !== 'null') ?? alt[0], name, depth + 1);
  const type = Array.isArray(s.type) ? (s.type.find((x) => x !== 'null') ?? 'null') : s.type;
  switch (type) {
    case 'string':
      return sampleString(s, name);
    case 'integer':
    case 'number': {
      const lo = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : (s.minimum ?? 1);
      return Math.min(Math.max(1, lo), s.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => sample(s.items, name, depth + 1));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sample(s.properties?.[key], key, depth + 1);
      return out;
    }
    case 'null':
      return null;
    default:
      return 'x';
  }
}

/** Home ids for the path parameter at `index`: from the collection the path names before it. */
function idsFor(opPath: string, index: number): string[] {
  const collection = (opPath.split('{')[index] ?? opPath).replace(/\/$/, '');
  let best: string[] = [];
  let bestLength = -1;
  for (const [key, ids] of pool) {
    if (collection.startsWith(key) && key.length > bestLength && ids.length) {
      best = ids;
      bestLength = key.length;
    }
  }
  return best.length ? best : [...homeIds].filter((id) => UUID.test(id));
}
/** Up to two URLs per operation, each path parameter filled with a home value. */
function urlsFor(op: Operation): string[] {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const choices = pathParams.map((p, i) =>
    p.schema.format === 'uuid' || /id$/i.test(p.name)
      ? idsFor(op.path, i + 1)
      : p.schema.enum?.length
        ? p.schema.enum.map(String)
        : [String(sample(p.schema, p.name))],
  );
  const variants = Math.min(2, Math.max(1, ...choices.map((c) => c.length)));
  const query = op.params
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(sample(p.schema, p.name)))}`)
    .join('&');
  return Array.from({ length: variants }, (_, v) => {
    let path = op.path;
    pathParams.forEach((p, i) => {
      const c = choices[i] ?? [];
      path = path.replace(`{${p.name}}`, encodeURIComponent(c[v % Math.max(1, c.length)] ?? 'x'));
    });
    return query ? `${path}?${query}` : path;
  });
}

// ---- the database snapshot ------------------------------------------------------------------

let tables: string[] = [];
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of tables) {
    const row = await sql<{ h: string | null; n: string }>`
      select count(*)::text as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h
      from ${sql.table(name)} x`.execute(t.database.db);
    out[name] = `${row.rows[0]?.n}:${row.rows[0]?.h}`;
  }
  return out;
}

// ---- set-up: the home scope, then one foreign user per role and scope type ------------------

interface Foreign {
  role: Role;
  scopeType: ScopeType;
  user: TestUser;
}
const foreign: Foreign[] = [];
const foreignIds = new Set<string>();
/** The foreign scope of each scope type. `global` is not foreign to anything: left out. */
const FOREIGN_SCOPE: Partial<Record<ScopeType, string>> = {
  organization: 'ORGB',
  country: 'KEN',
  area: 'KEN-01',
};

beforeAll(async () => {
  root = await t.user('root', admin);
  f = await seedTwoScopes(root);
  for (const id of [f.orgA, f.orgB, f.areaAfg, f.areaKen, f.stationAfg, f.stationKen, root.id])
    notHome.add(id);
  // Foreign records that exist (so that an empty answer is not the only reason for a pass).
  for (const id of [f.premisesB, f.userB, f.grantB, f.tokenRoot]) notHome.add(id);
  notHome.add(
    await insertPerson(t.database.db, {
      organizationId: f.orgB,
      stationId: f.stationKen,
      name: 'Kamau Foreign',
    }),
  );
  remember('/api/premises', { id: f.premisesA });
  const sponsor = await insertPerson(t.database.db, {
    organizationId: f.orgA,
    stationId: f.stationAfg,
    name: 'Amina Homescope',
  });
  remember('/api/people', { id: sponsor });
  remember('/api/people', {
    id: await insertPerson(t.database.db, {
      organizationId: f.orgA,
      stationId: f.stationAfg,
      name: 'Zahir Homescope',
      kind: 'dependant',
      sponsorId: sponsor,
    }),
  });
  homeIds.add('Homescope');

  // Every collection a sample body can create, in the home scope (the few values a generic sample
  // cannot guess are given), then every id the list endpoints show to the administrator.
  const first = async (url: string) => {
    const res = await root.request({ url });
    const rows = res.json() as { code?: string }[] | { items?: { code?: string }[] };
    return (Array.isArray(rows) ? rows : (rows.items ?? []))[0]?.code;
  };
  seedBodies = {
    '/api/stations': { code: 'AFG-MX', lat: 34.6, lon: 69.2 },
    '/api/srm': { periodEnd: '2026-12-31' },
    '/api/incidents': {
      categoryCode: await first('/api/incidents/categories'),
      occurredOn: '2026-03-01',
      title: 'Homescope incident',
      // Without organizations an incident is recorded for the reporter's own organization (a
      // foreign reporter's own record): this one affects the home organization.
      organizationCodes: ['ORGA'],
    },
    '/api/travel/requests': {
      personId: sponsor,
      segments: [
        { areaCode: 'AFG-01', arrivesAt: '2026-03-01T08:00:00Z', departsAt: '2026-03-05T08:00:00Z' },
      ],
    },
    '/api/rollcalls': { area: 'AFG-01' },
    '/api/crisis/lists': { country: 'AFG' },
    '/api/webhooks': { url: 'https://example.org/hook', topics: ['*'] },
    '/api/costshare/local/jointly-funded': {
      categoryCode: await first('/api/costshare/local/categories'),
      // In the home country: an entry without one is funded jointly everywhere, public to all.
      countryCode: 'AFG',
      matchTerms: ['homescope guards'],
    },
  };
  const approver = await t.user('approver', admin);
  notHome.add(approver.id);
  // A published assessment of the home area first: advisories take their levels from it.
  remember(
    '/api/threats/assessments',
    await publishAssessment(root, approver, 'AFG-01', [3, 2, 2, 1], '2026-02-01'),
  );
  const created: string[] = [];
  for (let round = 0; round < 2; round++) {
    for (const id of round === 1 ? (pool.get('/api/threats/assessments') ?? []) : []) {
      await root.request({
        method: 'POST',
        url: `/api/threats/assessments/${id}/approve`,
        payload: { version: 1 },
      });
      await root.request({
        method: 'POST',
        url: `/api/threats/assessments/${id}/publish`,
        payload: { version: 2 },
      });
    }
    for (const op of operations) {
      if (op.method !== 'POST' || !op.body || op.path.includes('{') || op.path.startsWith('/api/auth'))
        continue;
      // Organizations, areas and stations are reference data; the global cost-share periods are
      // system-wide, not the home scope's.
      if (/^\/api\/(organizations|areas|stations|countries|costshare\/periods)/.test(op.path)) continue;
      const body = { ...(sample(op.body) as object), ...(seedBodies[op.path] ?? {}) };
      const res = await root.request({ method: 'POST', url: op.path, payload: body });
      if (res.statusCode === 201 || res.statusCode === 200) {
        remember(op.path, res.json());
        created.push(`${op.path}`);
      } else if (process.env.MATRIX_DEBUG)
        console.log(`seed ${op.path} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
  }
  for (const op of operations) {
    if (op.method !== 'GET' || op.params.some((p) => p.in === 'path' || p.required)) continue;
    if (/^\/api\/(organizations|areas|stations|countries|users|auth|me|openapi)/.test(op.path)) continue;
    const res = await root.request({ method: 'GET', url: op.path });
    if (res.statusCode !== 200 || !res.headers['content-type']?.toString().includes('json')) continue;
    const body = res.json() as unknown;
    const list = Array.isArray(body)
      ? body
      : ((body as { items?: unknown[] }).items ?? (body as { rows?: unknown[] }).rows ?? []);
    if (Array.isArray(list)) for (const row of list) remember(op.path, row);
  }
  // Records inside home records (an SRM's risks, a zone's wardens…), one of each: a POST that adds
  // one to a home record, remembered under the path without the parameter (`/api/srm/risks`).
  const STATE_CHANGES =
    /\/(archive|approve|publish|endorse|submit|close|cancel|clear|refuse|withdraw|read|reopen|end|start|restore|disable|enable|revoke|reject|answer|test|resend|approval|decision|transitions|rotate-secret|payments|[a-z-]*-approval)$/;
  for (const op of operations) {
    const m = /^(.*)\/\{(\w+)\}\/([a-z-]+)$/.exec(op.path);
    if (op.method !== 'POST' || !m || !op.body || STATE_CHANGES.test(op.path)) continue;
    const parent = pool.get(m[1] ?? '')?.[0];
    if (!parent) continue;
    const payload = { ...(sample(op.body) as object), ...(MATRIX_BODIES[`POST ${op.path}`] ?? {}) };
    const res = await root.request({ method: 'POST', url: op.path.replace(`{${m[2]}}`, parent), payload });
    if (res.statusCode === 201) remember(`${m[1]}/${m[3]}`, res.json());
    else if (process.env.MATRIX_DEBUG)
      console.log(`seed ${op.path} → ${res.statusCode} ${res.body.slice(0, 300)}`);
  }
  // The records inside them (an SRM's risks, a zone's wardens, a list's people…): each record's
  // detail, its nested arrays remembered under `collection/<field>` (`/api/srm/risks`).
  for (const [collection, ids] of [...pool]) {
    for (const id of [...ids]) {
      const res = await root.request({ method: 'GET', url: `${collection}/${id}` });
      if (res.statusCode !== 200 || !res.headers['content-type']?.toString().includes('json')) continue;
      const walk = (value: unknown, field: string, depth: number) => {
        if (depth > 4 || !value || typeof value !== 'object') return;
        if (Array.isArray(value)) {
          for (const item of value) {
            if (field) remember(`${collection}/${field}`, item);
            walk(item, field, depth + 1);
          }
          return;
        }
        for (const [k, v] of Object.entries(value)) if (typeof v === 'object') walk(v, k, depth + 1);
      };
      walk(res.json(), '', 0);
    }
  }
  console.log(
    `home scope: ${homeIds.size} ids/references; by collection: ${[...pool].map(([k, v]) => `${k} ${v.length}`).join(', ')}`,
  );

  // One user per role and per non-global scope type the role allows, over the foreign scope.
  for (const role of ROLES) {
    for (const scopeType of ROLE_SCOPES[role]) {
      // `admin` only allows a global grant: it is everyone's administrator, there is no foreign scope.
      const scopeId = FOREIGN_SCOPE[scopeType];
      if (!scopeId) continue;
      const user = await t.user(`mx.${role}.${scopeType}`, [{ role, scopeType, scopeId }], 'ORGB');
      notHome.add(user.id);
      foreignIds.add(user.id);
      foreign.push({ role, scopeType, user });
    }
  }

  const found = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
    t.database.db,
  );
  tables = found.rows
    .map((r) => r.table_name)
    .filter((name) => !CHANGING_BY_DESIGN.has(name) && !(name in OWN_TABLES));
}, 180_000);
afterAll(() => t.close());

// ---- the matrix -----------------------------------------------------------------------------

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const HOME_CSV = 'organization,country,area,code,name\nORGA,AFG,AFG-01,AFG-KBL,Homescope import\n';
/** Valid rows that would change the home scope's reference data (each row is authorized on its own). */
const IMPORT_CSV: Record<string, string> = {
  organizations: 'code,name,type\nORGA,Renamed by a foreign user,agency\n',
  areas: 'code,name,country\nAFG-01,Renamed by a foreign user,AFG\n',
  stations: 'code,name,area,lat,lon\nAFG-KBL,Renamed by a foreign user,AFG-01,34.53,69.17\n',
  premises: 'code,name,kind,organization,station\nA-1,Renamed by a foreign user,office,ORGA,AFG-KBL\n',
  import: [
    'area,category,level,date',
    ...['armed_conflict', 'terrorism', 'crime', 'civil_unrest'].map((c) => `AFG-01,${c},6,2026-03-01`),
  ].join('\n'),
};
/**
 * A 2xx that wrote something. Imports answer 200 with each refused row reported: they wrote only
 * when a counter of written rows is above zero (or, without one, when some line was not refused).
 */
const WRITE_COUNTERS = ['created', 'updated', 'published', 'imported', 'added'];
function wrote(res: LightMyRequestResponse): boolean {
  if (res.statusCode >= 300) return false;
  try {
    const r = JSON.parse(res.body) as Record<string, unknown>;
    if (typeof r.total === 'number' && Array.isArray(r.rejected)) {
      const counters = WRITE_COUNTERS.filter((k) => typeof r[k] === 'number');
      if (counters.length) return counters.some((k) => (r[k] as number) > 0);
      const refusedLines = new Set(r.rejected.map((e) => (e as { line?: unknown }).line));
      return refusedLines.size < r.total;
    }
  } catch {
    // not JSON: a 2xx without a body counts as a write
  }
  return true;
}

describe('access-control matrix: every operation × every role × a foreign scope', () => {
  it('every role with a foreign scope is refused the home scope’s records and writes', async () => {
    expect(operations.length).toBeGreaterThan(150);
    expect(foreign.length).toBeGreaterThanOrEqual(ROLES.length - 1);
    // The home scope really has data in every main module.
    for (const collection of [
      '/api/incidents',
      '/api/incidents/distribution-lists',
      '/api/threats/assessments',
      '/api/advisories',
      '/api/srm',
      '/api/people',
      '/api/travel/requests',
      '/api/wardens/zones',
      '/api/rollcalls',
      '/api/crisis/lists',
      '/api/webhooks',
      '/api/costshare/local/budgets',
    ]) {
      const got = (pool.get(collection)?.length ?? 0) > 0;
      expect(got, `no home record from ${collection}: ${[...pool.keys()].join(', ')}`).toBe(true);
    }

    // The search can find home data: the administrator's reads of the same URLs show it.
    let shownToRoot = 0;
    for (const op of operations.filter((o) => o.method === 'GET')) {
      for (const url of urlsFor(op)) {
        const res = await root.request({ method: 'GET', url });
        if (res.statusCode === 200 && [...homeIds].some((n) => res.body.includes(n))) shownToRoot++;
      }
    }
    expect(shownToRoot).toBeGreaterThan(15);

    const before = await snapshot();
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const gapsHit = new Set<string>();
    const failedOps = new Set<string>();
    /** Operations that refuse JSON (CSV imports): sent again with a CSV file. */
    const unsupported = new Set<string>();
    const needles = [...homeIds];
    let requests = 0;
    const started = Date.now();

    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      const body = op.body
        ? JSON.stringify({
            ...(sample(op.body) as object),
            ...(op.method === 'POST' ? (seedBodies[op.path] ?? {}) : {}),
            ...(MATRIX_BODIES[key] ?? {}),
          })
        : WRITE.has(op.method)
          ? '{}'
          : undefined;
      for (const url of urlsFor(op)) {
        for (const { role, scopeType, user } of foreign) {
          const send = (contentType: string, payload: string | undefined) =>
            t.app.inject({
              method: op.method as InjectOptions['method'],
              url,
              headers: {
                cookie: user.cookie,
                ...(payload !== undefined ? { 'content-type': contentType } : {}),
              },
              ...(payload !== undefined ? { payload } : {}),
            });
          let res: LightMyRequestResponse = await send('application/json', body);
          if (res.statusCode === 415) {
            // Imports take CSV: a small file naming the home scope.
            unsupported.add(key);
            res = await send('text/csv', IMPORT_CSV[url.split('/').pop() ?? ''] ?? HOME_CSV);
          }
          requests++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const where = `${op.method} ${url} as ${role}@${scopeType} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          const problems: string[] = [];
          if (res.statusCode >= 500) problems.push('5xx');
          if (WRITE.has(op.method) && wrote(res) && !(key in OWN_WRITES)) problems.push('write succeeded');
          if (!(key in PUBLIC_BY_DESIGN)) {
            // What the caller sent (the path in a problem's `instance`, a field value) is no leak.
            const sent = `${url} ${body ?? ''}`;
            let shown = res.body;
            const echo = ECHOES[key];
            if (echo && res.statusCode === 200) shown = JSON.stringify(echo.strip(res.json()));
            const leaked = needles.filter((n) => !sent.includes(n) && shown.includes(n));
            if (leaked.length) problems.push(`shows home data ${leaked.slice(0, 3).join(', ')}`);
          }
          if (!problems.length) continue;
          if (key in KNOWN_GAPS) gapsHit.add(key);
          else {
            failures.push(`${problems.join('; ')}: ${where}`);
            failedOps.add(`${key}: ${problems.map((p) => p.replace(/ [0-9a-f-]{36}.*$/, '')).join('; ')}`);
          }
        }
      }
    }

    const after = await snapshot();
    const histogram = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
    console.log(
      `access matrix: ${requests} requests, ${operations.length} operations × ${foreign.length} foreign users, ` +
        `${homeIds.size} home ids (${shownToRoot} of the reads show them to the administrator), ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(histogram)}` +
        (unsupported.size ? `; sent as CSV: ${[...unsupported].join(', ')}` : '') +
        (gapsHit.size ? `; KNOWN_GAPS hit: ${[...gapsHit].join(', ')}` : ''),
    );
    if (failedOps.size) console.log(`failing operations:\n${[...failedOps].join('\n')}`);
    expect(failures.length, failures.slice(0, 30).join('\n')).toBe(0);
    expect(
      tables.filter((name) => before[name] !== after[name]),
      'tables changed by the foreign users',
    ).toEqual([]);
    // Every known gap is still a gap (a fixed one leaves the list).
    expect([...gapsHit].sort()).toEqual(Object.keys(KNOWN_GAPS).sort());
  }, 300_000);
});
