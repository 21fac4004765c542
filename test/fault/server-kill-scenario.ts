/**
 * The kill -9 scenario shared by the PostgreSQL fault test and the PGlite one: a fixture built
 * through the API, a burst of concurrent incident reports and travel requests against the real
 * server, SIGKILL in the middle of it, a restart on the same database, and the checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliTarget, createCliTarget, smin } from '../cli/cli-support';
import { admin } from '../support/app';
import { seedTwoScopes } from '../support/fixtures';
import {
  call,
  fixtureApp,
  incidentBody,
  type ServerProcess,
  signIn,
  startServer,
  travelBody,
} from './server-support';

const BURST = 400;
/** The server is killed once this many writes were acknowledged. */
const KILL_AFTER = 60;

export function describeServerKill(engine: string, inFlight: number): void {
  let target: CliTarget;
  let where: { url: string } | { dataDir: string };
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    target = await createCliTarget({ migrated: true });
    const [option, value] = target.args as [string, string];
    where = option === '--database-url' ? { url: value } : { dataDir: value };
    const database = await target.open();
    try {
      const fx = await fixtureApp(database);
      const root = await fx.user('root', admin);
      const f = await seedTwoScopes(root);
      const traveller = await fx.user(
        'trav.a',
        [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGA' }],
        'ORGA',
      );
      const person = await database.db
        .insertInto('people')
        .values({
          organization_id: f.orgA,
          external_id: 'a1',
          kind: 'personnel',
          given_name: 'Ana',
          family_name: 'Traveller',
          recruitment: 'international',
          email: 'ana@example.org',
          duty_station_id: f.stationAfg,
          emergency_contact: '{}',
          user_id: traveller.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await database.db
        .insertInto('training_certificates')
        .values({
          person_id: person.id,
          course_code: 'BSAFE',
          completed_on: '2025-06-01',
          expires_on: '2029-06-01',
        })
        .execute();
      await fx.close();
    } finally {
      await database.close();
    }
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) await s.kill9();
    await target?.dispose();
  });

  interface Ack {
    kind: 'incident' | 'travel';
    i: number;
    id: string;
    answer: Record<string, unknown>;
  }

  describe(`kill -9 of the server (${engine}) during a burst of incident and travel writes`, () => {
    it('keeps every acknowledged write; sessions survive; the audit chain verifies', async () => {
      const first = await startServer(where);
      servers.push(first);
      const rootCookie = await signIn(first.url, 'root');
      const travellerCookie = await signIn(first.url, 'trav.a');

      const acks: Ack[] = [];
      let failed = 0;
      let rejected = 0;
      let killed: Promise<void> | null = null;
      let next = 0;
      const lane = async () => {
        while (next < BURST && !killed) {
          const i = next++;
          const kind = i % 2 === 0 ? 'incident' : 'travel';
          try {
            const res =
              kind === 'incident'
                ? await call(first.url, rootCookie, 'POST', '/api/incidents', incidentBody(i))
                : await call(first.url, travellerCookie, 'POST', '/api/travel/requests', travelBody(i));
            if (res.status >= 200 && res.status < 300) {
              const answer = res.json as Record<string, unknown>;
              acks.push({ kind, i, id: String(answer.id), answer });
              if (acks.length >= KILL_AFTER && !killed) killed = first.kill9();
            } else {
              rejected++;
              if (!killed) throw new Error(`${kind} ${i}: ${res.status} ${JSON.stringify(res.json)}`);
            }
          } catch (error) {
            // After the kill, requests in flight fail (connection reset or refused): not acknowledged.
            if (!killed) throw error;
            failed++;
          }
        }
      };
      await Promise.all(Array.from({ length: inFlight }, lane));
      expect(killed, 'the burst ended before the kill').not.toBeNull();
      await killed;
      console.log(
        `server-kill fault (${engine}): ${acks.length} writes acknowledged before/while SIGKILL, ${failed} cut off, ${rejected} refused`,
      );
      expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(acks.some((a) => a.kind === 'incident') && acks.some((a) => a.kind === 'travel')).toBe(true);

      // Restart on the same database: the session made before the crash is still valid.
      const second = await startServer(where);
      servers.push(second);
      for (const a of acks) {
        if (a.kind === 'incident') {
          const res = await call(second.url, rootCookie, 'GET', `/api/incidents/${a.id}`);
          expect(res.status, `incident ${a.i}`).toBe(200);
          const got = res.json as Record<string, unknown>;
          expect(got).toMatchObject({
            id: a.id,
            reference: a.answer.reference,
            title: `Fault-test robbery ${a.i}`,
            narrative: `Burst write number ${a.i}.`,
            countryCode: 'AFG',
          });
        } else {
          const res = await call(second.url, travellerCookie, 'GET', `/api/travel/requests/${a.id}`);
          expect(res.status, `travel request ${a.i}`).toBe(200);
          const got = res.json as Record<string, unknown>;
          expect(got).toMatchObject({
            id: a.id,
            purpose: `Fault-test mission ${a.i}`,
            status: a.answer.status,
          });
          expect((got.segments as unknown[]).length).toBe(1);
        }
      }
      await second.stop();
      // Every acknowledged incident also has its notice in the outbox (same transaction).
      const database = await target.open();
      try {
        const incidentIds = acks.filter((a) => a.kind === 'incident').map((a) => a.id);
        const notices = await database.db
          .selectFrom('outbox')
          .select('dedupe_key')
          .where('topic', '=', 'incident.submitted')
          .execute();
        const noticed = new Set(notices.map((n) => String(n.dedupe_key).split(':')[1]));
        for (const id of incidentIds) expect(noticed.has(id), `notice of incident ${id}`).toBe(true);
      } finally {
        await database.close();
      }

      const verify = await smin([...target.args, 'audit', 'verify']);
      expect(verify.stderr).toBe('');
      expect(verify.code).toBe(0);
      expect(verify.stdout).toMatch(/audit trail intact/);
    }, 170_000);
  });
}
