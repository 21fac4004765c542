import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mixData, mixKinds, mixUsers } from '../../bench/lib/load-mix';
import { loadMix } from '../../bench/lib/mix';
import type { Database } from '../../src/db/engine';
import { seedDemo } from '../../src/modules/demo/seed.service';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { createTestDatabase } from '../support/db';

/**
 * The load test's short form (the full one is bench/load.bench.ts): the same realistic mix of reads
 * and writes from 20 concurrent clients for 15 s against a real listening server on the small demo.
 * Zero errors, zero 5xx, and every write the server acknowledged can be read back afterwards. No
 * timing assertions: CI machines vary.
 */
let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, { seed: 1, scale: 'small' });
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
    database,
    serveWeb: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}, 300_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

it('serves a mix of reads and writes from 20 concurrent clients without an error, and keeps every acknowledged write', async () => {
  const users = await mixUsers(database, base, 'smoke');
  const data = await mixData(database);
  const incidents: string[] = [];
  const travel: string[] = [];
  const kinds = mixKinds(data, users, {
    incident: (id) => incidents.push(id),
    travel: (id) => travel.push(id),
  });
  const result = await loadMix(base, kinds, { seconds: 15, connections: 20 });
  console.log(
    `load smoke: ${result.total.requests} requests in ${result.seconds.toFixed(1)} s ` +
      `(${result.total.rps.toFixed(0)}/s), p50/p95/p99 ${result.total.p50}/${result.total.p95}/${result.total.p99} ms; ` +
      `${incidents.length} incidents and ${travel.length} travel requests acknowledged`,
  );
  for (const k of result.kinds) {
    expect(k.requests, `${k.name} was requested`).toBeGreaterThan(0);
    expect({ kind: k.name, errors: k.errors, samples: k.samples }).toEqual({
      kind: k.name,
      errors: 0,
      samples: [],
    });
  }
  expect(result.total.serverErrors).toBe(0);
  expect(incidents.length).toBeGreaterThan(0);
  expect(travel.length).toBeGreaterThan(0);

  // Every acknowledged write reads back through the API, as its author…
  const get = async (path: string, cookie: string) => {
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as { id: string; title?: string } };
  };
  for (const id of incidents) {
    const res = await get(`/api/incidents/${id}`, users.reporter);
    expect(res.status, `incident ${id}`).toBe(200);
    expect(res.body.id).toBe(id);
  }
  for (const id of travel) {
    const res = await get(`/api/travel/requests/${id}`, users.traveller);
    expect(res.status, `travel request ${id}`).toBe(200);
    expect(res.body.id).toBe(id);
  }
  // …and is in the database exactly once.
  const stored = await database.db
    .selectFrom('incidents')
    .select('id')
    .where('title', 'like', 'Load test incident %')
    .execute();
  expect(new Set(stored.map((r) => r.id))).toEqual(new Set(incidents));
  const requests = await database.db
    .selectFrom('travel_requests')
    .select('id')
    .where('purpose', '=', 'Field mission (load test)')
    .execute();
  expect(new Set(requests.map((r) => r.id))).toEqual(new Set(travel));
}, 180_000);
