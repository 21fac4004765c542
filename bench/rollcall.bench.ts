/**
 * Crisis drill: a roll call to 10,000 people (`--people N`), the load generator of DOMAIN.md §8's
 * worst day. On each engine: the population is written, a roll call is started for their area
 * (time to enqueue one message per person), the outbox is delivered to a local SMTP server (rate),
 * then everyone answers through the one-tap link over HTTP (`--connections` clients) while a
 * security officer's board is polled, until it shows 100 %. A bare Fastify route and the board's
 * SQL called directly are measured in the same run.
 */
import { deliverDueEmail } from '../src/modules/notifications/delivery.service';
import { createSmtpMailer } from '../src/modules/notifications/email';
import { boardCounts } from '../src/modules/rollcall/rollcall.repository';
import { startRollCall } from '../src/modules/rollcall/rollcall.service';
import { SYSTEM_PRINCIPAL } from '../src/server/auth/principal';
import { seedDrillArea } from '../test/support/drill-fixtures';
import { startSmtpSink } from '../test/support/smtp';
import { benchEngines, freshDatabase, machine } from './lib/engines';
import { arg, startBench } from './lib/harness';
import { load, percentiles, timeCalls } from './lib/load';
import { writeReport } from './lib/report';

const PEOPLE = arg('people', 10_000);
const CONNECTIONS = arg('connections', 10);
const WORKERS = arg('workers', 2);
const SECONDS = arg('seconds', 5);
const FROM = 'opensmin@security.example.org';

const n = (v: number) => Math.round(v).toLocaleString('en');
const s1 = (ms: number) => (ms / 1000).toFixed(1);
const fmt = (r: { p50: number; p95: number }) => `${r.p50} / ${r.p95}`;
const rows: string[][] = [];

for (const engine of benchEngines()) {
  const database = await freshDatabase(engine, 'rollcall');
  const db = database.db;
  const drill = await seedDrillArea(db, { people: PEOPLE, phones: false });
  const bench = await startBench(database);
  const bare = await load(() => bench.bareUrl, { seconds: SECONDS, connections: CONNECTIONS });
  rows.push([engine, 'bare Fastify route (baseline)', fmt(bare), n(bare.rps), '–', String(bare.errors)]);

  // 1. Start: who-is-where, contacts, tokens and one outbox message each, in one transaction.
  let t = performance.now();
  const started = await startRollCall(
    db,
    { principal: SYSTEM_PRINCIPAL, requestId: 'bench' },
    {
      area: drill.areaCode,
      title: 'Crisis drill',
      guidance: 'Stay where you are.',
      escalateAfterMinutes: 60,
    },
    { publicUrl: bench.base },
  );
  const enqueueMs = performance.now() - t;
  rows.push([
    engine,
    `start a roll call: ${n(started.people)} people, ${n(started.contacts)} messages enqueued`,
    `${s1(enqueueMs)} s`,
    `${n(started.people / (enqueueMs / 1000))} people/s`,
    '–',
    '0',
  ]);
  console.log(rows.at(-1)!.join(' | '));

  // 2. Delivery to a local SMTP server by WORKERS concurrent workers (PGlite: one connection).
  const sink = await startSmtpSink();
  const workers = engine === 'pglite' ? 1 : WORKERS;
  t = performance.now();
  const mailers = Array.from({ length: workers }, () => createSmtpMailer({ smtpUrl: sink.url, from: FROM }));
  const reports = await Promise.all(
    mailers.map((m) => deliverDueEmail(db, m, { from: FROM, batchSize: 50 })),
  );
  const deliverMs = performance.now() - t;
  for (const m of mailers) m.close();
  const sent = reports.reduce((a, r) => a + r.sent, 0);
  rows.push([
    engine,
    `deliver to a local SMTP server (${workers} worker${workers === 1 ? '' : 's'}): ${n(sink.received.length)} received`,
    `${s1(deliverMs)} s`,
    `${n(sent / (deliverMs / 1000))} e-mails/s`,
    '–',
    String(PEOPLE - sink.received.length),
  ]);
  console.log(rows.at(-1)!.join(' | '));
  await sink.close();

  // 3. Everyone answers by link; the board is polled until it shows 100 %.
  // Each message's dedupe key names the person it asks (rollcall:<id>:<person>), its URL the token.
  const people = new Map<string, string>();
  for (const r of await db
    .selectFrom('outbox')
    .select(['payload', 'dedupe_key'])
    .where('topic', '=', 'rollcall.ask')
    .execute())
    people.set(
      (r.payload as { url: string }).url.replace(`${bench.base}/r/`, ''),
      r.dedupe_key!.split(':')[2]!,
    );
  const answerLatencies: number[] = [];
  const boardLatencies: number[] = [];
  let answerErrors = 0;
  let done = false;
  let hundredAt = 0;
  const boardUrl = `${bench.base}/api/rollcalls/${started.id}?limit=50`;
  const poll = (async () => {
    while (!done) {
      const q = performance.now();
      const b = (await (await fetch(boardUrl, { headers: bench.headers })).json()) as {
        totals: { accountedPercent: number };
      };
      boardLatencies.push(performance.now() - q);
      if (b.totals.accountedPercent === 100) {
        hundredAt = performance.now();
        done = true;
      } else await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const queue = [...people.entries()];
  t = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let next = queue.pop(); next; next = queue.pop()) {
        const [token, personId] = next;
        const q = performance.now();
        const res = await fetch(`${bench.base}/api/rollcall/answer/${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            answers: [{ personId, answer: Math.random() < 0.02 ? 'need_help' : 'safe' }],
          }),
        });
        await res.arrayBuffer();
        if (res.status !== 200) answerErrors++;
        answerLatencies.push(performance.now() - q);
      }
    }),
  );
  const answeredMs = performance.now() - t;
  await poll;
  const answers = percentiles(answerLatencies);
  rows.push([
    engine,
    `${n(people.size)} answers by one-tap link (POST, ${CONNECTIONS} clients)`,
    fmt(answers),
    `${n(people.size / (answeredMs / 1000))} answers/s`,
    (bare.p50 > 0 ? answers.p50 / bare.p50 : 0).toFixed(0),
    String(answerErrors),
  ]);
  rows.push([
    engine,
    `board shows 100 % after the first answer (polled every 250 ms while answering)`,
    `${s1(hundredAt - t)} s`,
    '–',
    '–',
    '0',
  ]);
  const board = percentiles(boardLatencies);
  rows.push([
    engine,
    'GET the live board during the answers',
    fmt(board),
    '–',
    (board.p50 / bare.p50).toFixed(0),
    '0',
  ]);
  const raw = await timeCalls(() => boardCounts(db, started.id, null, null), 30);
  rows.push([
    engine,
    '  its counts, SQL called directly (after the answers)',
    fmt(raw),
    raw.perSecond.toFixed(0),
    '–',
    '0',
  ]);
  const after = await load(() => boardUrl, {
    seconds: SECONDS,
    connections: CONNECTIONS,
    headers: bench.headers,
  });
  rows.push([
    engine,
    'GET the live board, 10,000 answered',
    fmt(after),
    n(after.rps),
    (bare.rps / after.rps).toFixed(0),
    String(after.errors),
  ]);
  for (const r of rows.slice(-5)) console.log(r.join(' | '));
  await bench.close();
  await database.close();
}

await writeReport('rollcall', {
  title: 'Crisis drill: roll call to 10,000 people (issue 7)',
  command: `DATABASE_URL=postgres://… node --import tsx bench/run.ts rollcall --people ${PEOPLE} --connections ${CONNECTIONS} --workers ${WORKERS}`,
  machine: await machine(),
  header: ['engine', 'what', 'p50 / p95 ms (or time)', 'rate', 'slowdown vs bare', 'errors'],
  rows,
  notes: [
    `${n(PEOPLE)} members of personnel of three organizations at five duty stations of one area, each with an e-mail address (test/support/drill-fixtures.ts). `,
    'Start: the service call that a POST /api/rollcalls makes, timed end to end (who-is-where, contacts, one token and one outbox message per person, the log and the audit entry, one transaction). ',
    `Delivery: deliverDueEmail (the worker app servers run every 5 s) to an SMTP server on loopback (smtp-server from npm, in the bench process), one SMTP transaction per address; ${WORKERS} workers at once on PostgreSQL, one on PGlite (one connection). `,
    `Answers: every person answers through POST /api/rollcall/answer/:token (2 % need help), ${CONNECTIONS} clients on loopback, while a global desk officer's board is fetched every 250 ms; "board shows 100 %" is the time from the first answer to the first board that says so. `,
    "An answer's latency includes the batching window (up to 20 ms: answers are written in batches, one transaction each). Slowdown vs bare compares p50 latencies (answers, board during answers) or throughput (board after) with the bare Fastify route of the same run.",
  ].join(''),
});
process.exit(0);
