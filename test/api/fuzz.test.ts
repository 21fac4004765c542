import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestApp, login, TEST_PASSWORD, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes } from '../support/fixtures';
import { insertPerson } from '../support/who-fixtures';

/**
 * Hostile input against every operation of the OpenAPI document: for each one, fast-check sends
 * malformed requests (wrong types, missing and unknown fields, oversized and injection strings,
 * deep nesting, raw numbers JSON cannot hold, bad ids, wrong content types), as an administrator
 * (so authorization does not hide the validation) and anonymously. No request may get a 5xx; every
 * 4xx is an RFC 9457 problem; a rejected request changes no row (audit rows of refused or failed
 * writes, sign-in attempts and sessions change by design and are left out of the comparison).
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
  additionalProperties?: boolean | Schema;
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

const RUNS = 15;
const BODY_LIMIT = 64 * 1024;
const t: TestApp = await createTestApp({ SMIN_BODY_LIMIT_BYTES: String(BODY_LIMIT) });
const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
  paths: Record<
    string,
    Record<string, { parameters?: Param[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>
  >;
};
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
    body: op.requestBody?.content?.['application/json']?.schema ?? null,
  })),
);

let root: TestUser;
/** Ids of real rows by the collection path they came from (`/api/incidents` → incident ids). */
const pool = new Map<string, Set<string>>();
const allIds = new Set<string>();
const remember = (path: string, id: unknown) => {
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return;
  if (!pool.has(path)) pool.set(path, new Set());
  pool.get(path)?.add(id);
  allIds.add(id);
};

// ---- values -------------------------------------------------------------------------------

const INJECTIONS = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '1; SELECT pg_sleep(0)--',
  'a\u0000b',
  '\u0000',
  '\u202Egnp.exe\u202C',
  '\u200F\u200E\uFEFF',
  '\uD800',
  '\u00C0\u00AF',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '{"$gt":""}',
  '\u0024{7*7}{{7*7}}',
  '%s%n%x',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '99999999999999999999999999999999',
  '-1',
  '0x1F',
  'null',
  'undefined',
  'true',
  '',
  ' ',
  '\t\r\n',
  '𝕏😀',
  'ＡＦＧ',
  '__proto__',
  'constructor',
  '2026-02-30',
  '2026-13-01T25:61:00Z',
  '9999-12-31T23:59:59.999Z',
  '0000-00-00',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '12345678-1234-1234-1234-1234567890123',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '1,2,3,4',
  '-91,-181,91,181',
  '34.5,69.1,5000000',
  'AFG;KEN',
];
const WRONG_VALUES: unknown[] = [
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 63,
  true,
  false,
  null,
  [],
  [null],
  {},
  { $gt: '' },
  { $where: '1' },
  ['a', 1, {}],
  'string',
  "' OR 1=1 --",
];
/** Tokens JSON.stringify cannot produce, spliced into the JSON text raw. */
const RAW_NUMBERS = [
  '-0',
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '1.0000000000000000001',
  '0e0',
];

const injection = fc.constantFrom(...INJECTIONS);
const hostileScalar = fc.oneof(
  injection,
  fc.constantFrom(...WRONG_VALUES),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.double(),
  fc.integer(),
);

// ---- valid-looking samples from the schemas (so that one mutation reaches the inner checks) -----

const CODE_CANDIDATES = ['AFG', 'ORGA', 'AFG-01', 'AFG-KBL', 'A-1', 'X1', 'af', 'en', 'fuzz'];
/** A real id for a field named like `areaId` or `personId`, from the matching collection. */
function realId(name: string): string | undefined {
  const stem = name.replace(/Ids?$/, '').toLowerCase();
  const collection = stem === 'person' || stem === 'sponsor' ? '/api/people' : undefined;
  for (const [key, ids] of pool) {
    const last = key.split('/').pop() ?? '';
    if ((collection ? key === collection : stem && last.startsWith(stem)) && ids.size) return [...ids][0];
  }
  return [...(pool.get('/api/people') ?? allIds)][0];
}

function sampleString(s: Schema, name: string): string {
  if (s.format === 'uuid') return realId(name) ?? randomUUID();
  if (s.format === 'date') return '2026-03-01';
  if (s.format === 'date-time') return '2026-03-01T00:00:00.000Z';
  if (s.format === 'email') return 'fuzz@example.org';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.org/hook';
  const byName: Record<string, string> = {
    countryCode: 'AFG',
    country: 'AFG',
    organizationCode: 'ORGA',
    organization: 'ORGA',
    areaCode: 'AFG-01',
    area: 'AFG-01',
    stationCode: 'AFG-KBL',
    station: 'AFG-KBL',
  };
  const candidates = [byName[name], ...CODE_CANDIDATES, 'Fuzz value'].filter(Boolean) as string[];
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    const hit = candidates.find((c) => re.test(c));
    if (hit) return hit;
  }
  const base = byName[name] ?? 'Fuzz value';
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
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items, name, depth + 1));
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

// ---- request generators ---------------------------------------------------------------------

interface Req {
  /** `forged`: an anonymous caller with a made-up session cookie or bearer token. */
  as: 'admin' | 'anonymous' | 'forged';
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  label: string;
}

function idsFor(opPath: string, paramIndex: number): string[] {
  const prefix = opPath.split('{')[paramIndex] ?? opPath;
  const collection = prefix.replace(/\/$/, '');
  let best: string[] = [];
  for (const [key, ids] of pool) if (collection.startsWith(key) && ids.size) best = [...ids];
  return best.length ? best : [...allIds];
}

/** Percent-encodes a path value; `raw:` values go into the URL as they are (bad escapes). */
function encodePathValue(v: string): string {
  if (v.startsWith('raw:')) return v.slice(4);
  return encodeURIComponent(v.replace(/[\uD800-\uDFFF]/gu, '\uFFFD'));
}

function pathValue(op: Operation, p: Param, index: number): fc.Arbitrary<string> {
  const s = p.schema;
  const real =
    s.format === 'uuid'
      ? fc.constantFrom(...(idsFor(op.path, index + 1).length ? idsFor(op.path, index + 1) : [randomUUID()]))
      : fc.constantFrom(...(s.enum?.length ? s.enum.map(String) : [String(sample(s, p.name))]));
  return fc.oneof(
    { weight: 4, arbitrary: real },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: injection },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 50 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '1e309',
        '-1',
        '0',
        '9'.repeat(40),
        'a'.repeat(3000),
        'raw:%',
        'raw:%E0%A4%A',
        'raw:%C0%AF',
        'raw:..%2F..',
        'raw:%00',
      ),
    },
  );
}

function queryArb(op: Operation): fc.Arbitrary<string> {
  const query = op.params.filter((p) => p.in === 'query');
  if (!query.length) {
    return fc.oneof(
      fc.constant(''),
      fc.constantFrom('?x=1', '?__proto__[a]=1', '?limit=-1&limit=2', '?%00=%00'),
    );
  }
  const entry = (p: Param) =>
    fc.option(
      fc.oneof(
        { weight: 2, arbitrary: fc.constant([String(sample(p.schema, p.name))]) },
        { weight: 4, arbitrary: hostileScalar.map((v) => [typeof v === 'string' ? v : JSON.stringify(v)]) },
        { weight: 1, arbitrary: fc.tuple(injection, injection) },
        { weight: 1, arbitrary: fc.constant(['x'.repeat(5000)]) },
      ),
      { nil: undefined },
    );
  return fc
    .tuple(
      fc.tuple(...query.map((p) => entry(p))),
      fc.option(fc.constantFrom('unknownParam', '$where', 'limit[]'), { nil: undefined }),
    )
    .map(([values, extra]) => {
      const qs = new URLSearchParams();
      query.forEach((p, i) => {
        for (const v of values[i] ?? []) qs.append(p.name, v);
      });
      if (extra) qs.append(extra, '1');
      const s = qs.toString();
      return s ? `?${s}` : '';
    });
}

const deep = (depth: number, kind: 'array' | 'object') =>
  kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

type Body = { payload?: string | Buffer; contentType?: string; label: string };

function bodyArb(op: Operation): fc.Arbitrary<Body> {
  const schema = op.body;
  const base = (schema ? sample(schema) : {}) as unknown;
  const obj =
    base && typeof base === 'object' && !Array.isArray(base) ? (base as Record<string, unknown>) : null;
  const props = Object.keys(schema?.properties ?? {});
  const required = schema?.required ?? [];
  const json = (v: unknown, label: string): Body => ({
    payload: JSON.stringify(v),
    contentType: 'application/json',
    label,
  });
  const arbs: fc.Arbitrary<Body>[] = [
    // Unaltered, so that a hostile path or query reaches the service behind the validation.
    fc.constant(json(obj ?? {}, 'valid-looking body')),
    fc.constantFrom<Body>(
      { label: 'no body' },
      { payload: '', contentType: 'application/json', label: 'empty json' },
      { payload: '{"a":', contentType: 'application/json', label: 'malformed json' },
      { payload: 'null', contentType: 'application/json', label: 'null' },
      { payload: '[]', contentType: 'application/json', label: 'array' },
      { payload: '"str"', contentType: 'application/json', label: 'string' },
      { payload: '-0', contentType: 'application/json', label: 'negative zero' },
      { payload: '{"__proto__":{"isAdmin":true}}', contentType: 'application/json', label: 'proto' },
      {
        payload: '{"constructor":{"prototype":{"isAdmin":true}}}',
        contentType: 'application/json',
        label: 'constructor',
      },
      { payload: deep(5000, 'array'), contentType: 'application/json', label: 'deep array' },
      { payload: deep(3000, 'object'), contentType: 'application/json', label: 'deep object' },
      {
        payload: JSON.stringify({ ...obj, pad: 'x'.repeat(BODY_LIMIT + 10) }),
        contentType: 'application/json',
        label: 'over the body limit',
      },
      {
        payload: Buffer.concat([
          Buffer.from('{"name":"'),
          Buffer.from([0xc0, 0xaf, 0xff, 0xfe]),
          Buffer.from('"}'),
        ]),
        contentType: 'application/json',
        label: 'invalid utf-8',
      },
      { payload: JSON.stringify(obj ?? {}), contentType: 'text/plain', label: 'text/plain' },
      { payload: 'a,b\n1,2\n', contentType: 'text/csv', label: 'text/csv' },
      { payload: '<a>1</a>', contentType: 'application/xml', label: 'xml' },
      { payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded', label: 'form' },
      {
        payload:
          '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na,b\r\n--x--\r\n',
        contentType: 'multipart/form-data; boundary=x',
        label: 'multipart',
      },
      { payload: 'garbage', contentType: 'multipart/form-data', label: 'multipart without boundary' },
      { payload: '{"type":"Feature"', contentType: 'application/geo+json', label: 'bad geojson' },
      {
        payload: JSON.stringify(obj ?? {}),
        contentType: 'application/json; charset=utf-16',
        label: 'utf-16',
      },
    ),
    fc
      .tuple(
        fc.constantFrom('unknownField', '$where', 'isAdmin', 'id', 'createdBy', 'organizationId'),
        hostileScalar,
      )
      .map(([k, v]) => json({ ...obj, [k]: v }, `unknown field ${k}`)),
  ];
  if (obj && props.length) {
    const prop = fc.constantFrom(...props);
    arbs.push(
      fc.tuple(prop, hostileScalar).map(([k, v]) => json({ ...obj, [k]: v }, `${k} = ${JSON.stringify(v)}`)),
      fc.tuple(prop, injection).map(([k, v]) => json({ ...obj, [k]: v }, `${k} injection`)),
      fc.tuple(prop, fc.constantFrom(...RAW_NUMBERS)).map(([k, raw]) => ({
        payload: JSON.stringify({ ...obj, [k]: '@@RAW@@' }).replace('"@@RAW@@"', raw),
        contentType: 'application/json',
        label: `${k} = ${raw}`,
      })),
      fc
        .tuple(prop, fc.constantFrom(300, 5000, 40_000))
        .map(([k, n]) => json({ ...obj, [k]: 'A'.repeat(n) }, `${k} of ${n} characters`)),
      fc.tuple(prop, fc.constantFrom(200, 2000)).map(([k, n]) => ({
        payload: JSON.stringify({ ...obj, [k]: '@@RAW@@' }).replace('"@@RAW@@"', deep(n, 'object')),
        contentType: 'application/json',
        label: `${k} nested ${n} deep`,
      })),
      fc
        .tuple(prop, fc.array(hostileScalar, { maxLength: 5 }))
        .map(([k, v]) => json({ ...obj, [k]: v }, `${k} array`)),
    );
    if (required.length) {
      arbs.push(
        fc.constantFrom(...required).map((k) => {
          const copy = { ...obj };
          delete copy[k];
          return json(copy, `missing ${k}`);
        }),
      );
    }
  }
  return fc.oneof(...arbs);
}

function requestArb(op: Operation): fc.Arbitrary<Req> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const isWrite = op.method !== 'GET' && op.method !== 'DELETE';
  return fc
    .tuple(
      fc.constantFrom<Req['as']>('admin', 'admin', 'admin', 'anonymous', 'forged'),
      injection,
      fc.tuple(...pathParams.map((p, i) => pathValue(op, p, i))),
      queryArb(op),
      isWrite || op.body
        ? bodyArb(op)
        : fc.constantFrom<Body>(
            { label: 'no body' },
            { payload: '{}', contentType: 'application/json', label: 'json body on a read' },
          ),
    )
    .map(([as, forgery, values, query, body]) => {
      let path = op.path;
      pathParams.forEach((p, i) => {
        path = path.replace(`{${p.name}}`, encodePathValue(values[i] ?? ''));
      });
      const headers: Record<string, string> = {};
      if (body.contentType) headers['content-type'] = body.contentType;
      if (as === 'forged') {
        const token = encodeURIComponent(forgery.replace(/[\uD800-\uDFFF]/gu, '\uFFFD'));
        // A bearer token takes precedence over the cookie: send one or the other.
        if (forgery.length % 2) headers.cookie = `smin_session=${token}`;
        else headers.authorization = `Bearer smin_${token}`;
      }
      return {
        as,
        url: `${path}${query}`,
        headers,
        ...(body.payload !== undefined ? { payload: body.payload } : {}),
        label: body.label,
      };
    });
}

// ---- the database snapshot ------------------------------------------------------------------

/** Tables that change by design on any request: sign-in attempts and sessions. */
const CHANGING_BY_DESIGN = new Set(['login_attempts', 'sessions']);
let tables: string[] = [];
let fingerprintSql = '';

async function fingerprint(): Promise<Record<string, string>> {
  const rows = await sql<{ t: string; h: string }>`${sql.raw(fingerprintSql)}`.execute(t.database.db);
  return Object.fromEntries(rows.rows.map((r) => [r.t, r.h]));
}
const changed = (a: Record<string, string>, b: Record<string, string>) =>
  tables.filter((name) => a[name] !== b[name]);

// ---- set-up ---------------------------------------------------------------------------------

let adminCookie = '';

beforeAll(async () => {
  root = await t.user('root', admin);
  adminCookie = root.cookie;
  const f = await seedTwoScopes(root);
  remember('/api/organizations', f.orgA);
  remember('/api/organizations', f.orgB);
  remember('/api/areas', f.areaAfg);
  remember('/api/areas', f.areaKen);
  remember('/api/stations', f.stationAfg);
  remember('/api/stations', f.stationKen);
  remember('/api/premises', f.premisesA);
  remember('/api/premises', f.premisesB);
  remember('/api/users', f.userB);
  remember(`/api/users/${f.userB}/grants`, f.grantB);
  remember('/api/auth/tokens', f.tokenRoot);
  for (const [org, station, name] of [
    [f.orgA, f.stationAfg, 'Amina Fuzz'],
    [f.orgB, f.stationKen, 'Bashir Fuzz'],
  ] as const) {
    remember(
      '/api/people',
      await insertPerson(t.database.db, { organizationId: org, stationId: station, name }),
    );
  }
  // A little of everything else: every collection that a sample body can create (with the few
  // values a generic sample cannot guess), then every id the list endpoints show.
  const first = async (url: string) => {
    const res = await root.request({ url });
    const rows = res.json() as { code?: string }[] | { items?: { code?: string }[] };
    return (Array.isArray(rows) ? rows : (rows.items ?? []))[0]?.code;
  };
  const person = [...(pool.get('/api/people') ?? [])][0];
  const seedBodies: Record<string, object> = {
    '/api/stations': { code: 'AFG-FZ', lat: 34.6, lon: 69.2 },
    '/api/srm': { periodEnd: '2026-12-31' },
    '/api/incidents': { categoryCode: await first('/api/incidents/categories'), occurredOn: '2026-03-01' },
    '/api/travel/requests': {
      personId: person,
      segments: [
        { areaCode: 'AFG-01', arrivesAt: '2026-03-01T08:00:00Z', departsAt: '2026-03-05T08:00:00Z' },
      ],
    },
    '/api/costshare/periods': { code: 'P-FZ', endsOn: '2026-12-31', total: '1000.00', minimum: '10.00' },
    '/api/rollcalls': { area: 'AFG-01' },
    '/api/crisis/lists': { country: 'AFG' },
    '/api/webhooks': { url: 'https://example.org/hook', topics: ['*'] },
    '/api/costshare/local/jointly-funded': { categoryCode: await first('/api/costshare/local/categories') },
  };
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
      const body = { ...(sample(op.body) as object), ...(seedBodies[op.path] ?? {}) };
      const res = await root.request({ method: 'POST', url: op.path, payload: body });
      if (res.statusCode === 201 || res.statusCode === 200)
        remember(op.path, (res.json() as { id?: string }).id);
    }
  }
  for (const op of operations) {
    if (op.method !== 'GET' || op.params.some((p) => p.in === 'path' || p.required)) continue;
    const res = await root.request({ method: 'GET', url: op.path });
    if (res.statusCode !== 200 || !res.headers['content-type']?.toString().includes('json')) continue;
    const body = res.json() as unknown;
    const list = Array.isArray(body)
      ? body
      : ((body as { items?: unknown[]; rows?: unknown[] }).items ??
        (body as { rows?: unknown[] }).rows ??
        []);
    if (Array.isArray(list)) for (const row of list) remember(op.path, (row as { id?: unknown })?.id);
  }
  // The administrator's own account stays out of reach, so that its session outlives the run.
  allIds.delete(root.id);
  for (const ids of pool.values()) ids.delete(root.id);

  const found = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
    t.database.db,
  );
  tables = found.rows.map((r) => r.table_name).filter((name) => !CHANGING_BY_DESIGN.has(name));
  fingerprintSql = tables
    .map((name) => {
      const where = name === 'audit_log' ? ` where x.outcome not in ('denied', 'failed')` : '';
      // Every insert and update writes a row version with a new transaction id; a delete lowers the count.
      return `select '${name}' as t, count(*) || ':' || coalesce(max(x.xmin::text::bigint), 0) as h from "${name}" x${where}`;
    })
    .join(' union all ');
}, 120_000);
afterAll(() => t.close());

// ---- the property ---------------------------------------------------------------------------

/** Signing out would end the administrator's session: that operation gets a throwaway one. */
async function cookieFor(op: Operation, req: Req): Promise<string | null> {
  if (req.as !== 'admin') return null;
  return op.path === '/api/auth/logout' ? login(t.app, 'root', TEST_PASSWORD) : adminCookie;
}

async function send(op: Operation, req: Req, cookie: string | null): Promise<LightMyRequestResponse> {
  const headers = { ...req.headers, ...(cookie ? { cookie } : {}) };
  return t.app.inject({
    method: op.method as InjectOptions['method'],
    url: req.url,
    headers,
    ...(req.payload !== undefined ? { payload: req.payload } : {}),
  });
}

/** How often each status was answered, over the whole file. */
const statuses = new Map<number, number>();

describe('fuzzing every operation with hostile input', () => {
  it('covers every operation of the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(150);
    expect(tables).toContain('audit_log');
    expect(tables).toContain('incidents');
  });

  it('the router’s own refusals are problems too: an over-long path parameter, bad percent-encoding', async () => {
    for (const url of [`/api/areas/${'a'.repeat(300)}`, '/api/areas/%E0%A4%A', '/api/areas/%']) {
      const res = await t.app.inject({ url, headers: { cookie: adminCookie } });
      expect(res.statusCode, url).toBe(400);
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({
        type: '/problems/validation',
        status: 400,
        errors: [{ field: 'path' }],
      });
    }
  });

  let seed = 9;
  for (const op of operations) {
    const opSeed = seed++;
    it(`${op.method} ${op.path}`, async () => {
      let before = await fingerprint();
      await fc.assert(
        fc.asyncProperty(requestArb(op), async (req) => {
          const cookie = await cookieFor(op, req);
          // The throwaway sign-in for a sign-out is a change of its own: compare from after it.
          if (op.path === '/api/auth/logout' && cookie) before = await fingerprint();
          const res = await send(op, req, cookie);
          const where = `${op.method} ${req.url.slice(0, 200)} as ${req.as} (${req.label}) → ${res.statusCode} ${res.body.slice(0, 300)}`;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          expect(res.statusCode, where).toBeLessThan(500);
          const after = await fingerprint();
          if (res.statusCode >= 400) {
            expect(String(res.headers['content-type']), where).toMatch(/^application\/problem\+json/);
            const problem = res.json() as { type?: unknown; title?: unknown; status?: unknown };
            expect(typeof problem.type, where).toBe('string');
            expect(typeof problem.title, where).toBe('string');
            expect(problem.status, where).toBe(res.statusCode);
            expect(changed(before, after), `rows changed by a rejected request: ${where}`).toEqual([]);
          }
          before = after;
        }),
        { seed: opSeed, numRuns: RUNS, endOnFailure: true },
      );
      // The administrator's session survived (no request signed it out or disabled it).
      expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: adminCookie } })).statusCode).toBe(
        200,
      );
    });
  }

  it('got past validation too: the real ids and valid-looking bodies reached the services', () => {
    const count = (pred: (status: number) => boolean) =>
      [...statuses].filter(([status]) => pred(status)).reduce((n, [, k]) => n + k, 0);
    const seen = JSON.stringify(Object.fromEntries(statuses));
    if (process.env.FUZZ_SHOW_STATUSES) console.info(`statuses answered: ${seen}`);
    expect(
      count((s) => s >= 200 && s < 300),
      seen,
    ).toBeGreaterThan(50);
    expect(
      count((s) => s === 404),
      seen,
    ).toBeGreaterThan(50);
    expect(
      count((s) => s === 409 || s === 422),
      seen,
    ).toBeGreaterThan(0);
  });
});
