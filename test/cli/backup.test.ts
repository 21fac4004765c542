import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/engine';
import type { AnyDb } from '../../src/modules/backup/catalog';
import { seedDemo } from '../../src/modules/demo/seed.service';
import { adminQuery, postgresUrl, testEngine } from '../support/engines';
import { type CliTarget, createCliTarget, hasStackTrace, smin } from './cli-support';

/**
 * `smin backup` / `smin restore` on the engine under test: the small demo plus rows of every
 * awkward column type are backed up, restored into a fresh database, and EVERY table (listed from
 * information_schema) is compared row for row in its exact text form; the audit chain verifies.
 */
const SLOW = 170_000;
let source: CliTarget;
let restored: CliTarget;
let tmp: string;
let backupFile: string;

async function withDb<T>(target: CliTarget, work: (db: AnyDb) => Promise<T>): Promise<T> {
  const database: Database = await target.open();
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** Every table and sequence of the database, each row in its exact text form, sorted. */
async function contents(db: AnyDb): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
    await sql`SET LOCAL extra_float_digits = 3`.execute(trx);
    const tables = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(trx);
    for (const { name } of tables.rows) {
      // When each migration was applied is the one thing that differs between two installs.
      const rows =
        name === 'schema_migrations'
          ? await sql<{ r: string }>`SELECT name || ' ' || checksum AS r FROM schema_migrations`.execute(trx)
          : await sql<{ r: string }>`SELECT x::text AS r FROM ${sql.table(name)} x`.execute(trx);
      out.set(
        name,
        rows.rows.map((r) => r.r).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    const sequences = await sql<{ name: string }>`
      SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`.execute(trx);
    for (const { name } of sequences.rows) {
      const s = await sql<{
        v: string;
      }>`SELECT last_value::text || ' ' || is_called AS v FROM ${sql.table(name)}`.execute(trx);
      out.set(`sequence ${name}`, [s.rows[0]?.v ?? '']);
    }
  });
  return out;
}

function expectSameContents(a: Map<string, string[]>, b: Map<string, string[]>) {
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [table, rows] of a) {
    const other = b.get(table) ?? [];
    expect(other.length, `row count of ${table}`).toBe(rows.length);
    expect(other, `rows of ${table}`).toEqual(rows);
  }
}

/** Rows of the column types the demo leaves empty: polygon, bytea, odd text and instants. */
async function addAwkwardRows(db: AnyDb): Promise<void> {
  const person = await db.selectFrom('people').select('id').orderBy('id').executeTakeFirstOrThrow();
  const zone = await db
    .insertInto('warden_zones')
    .values({
      code: 'BK-ZONE',
      name: 'Zone "quoted" \\ back\\slash, ünïcødé 区域 ✓',
      country_code: 'AFG',
      kind: 'geographic',
      polygon: JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [69.1, 34.5],
            [69.3, 34.5],
            [69.3, 34.6],
            [69.1, 34.5],
          ],
        ],
      }),
      description: 'line one\nline two\ttab',
      created_at: sql`'2026-03-01 12:34:56.123456+00'::timestamptz`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('warden_zone_rings')
    .values([
      { zone_id: zone.id, part: 0, ring: 0, shape: sql`'((69.1,34.5),(69.3,34.5),(69.3,34.6))'::polygon` },
      {
        zone_id: zone.id,
        part: 0,
        ring: 1,
        shape: sql`'((69.15,34.52),(0.1,-1e-300),(1.7976931348623157e308,0.30000000000000004))'::polygon`,
      },
    ])
    .execute();
  const rollCall = await db
    .insertInto('roll_calls')
    .values({
      reference: 'RC-BK-1',
      title: 'Backup check',
      country_code: 'AFG',
      zone_id: zone.id,
      started_by_label: 'test',
      escalate_after_min: 30,
      started_at: sql`'1999-12-31 23:59:59.999999+00'::timestamptz`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('roll_call_contacts')
    .values({
      roll_call_id: rollCall.id,
      person_id: person.id,
      token_hash: Buffer.from([0, 1, 2, 92, 255, 0, 39, 34, 10]),
      email: "o'brien@example.org",
      phone: null,
    })
    .execute();
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smin-backup-'));
  backupFile = path.join(tmp, 'backup.jsonl.gz');
  source = await createCliTarget({ migrated: true });
  restored = await createCliTarget({ migrated: true });
  await withDb(source, async (db) => {
    await seedDemo(db, { seed: 1, scale: 'small' });
    await addAwkwardRows(db);
  });
}, SLOW);

afterAll(async () => {
  await source?.dispose();
  await restored?.dispose();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('smin backup and smin restore', () => {
  it(
    'round-trips every table row for row; the audit chain verifies; sequences continue past the ids',
    async () => {
      const backup = await smin([...source.args, 'backup', backupFile]);
      expect(backup.stderr).not.toMatch(/error/i);
      expect(backup.code).toBe(0);
      expect(backup.stdout).toMatch(/Backed up .* tables, \d+ rows/);
      expect(fs.readdirSync(tmp)).toEqual(['backup.jsonl.gz']);

      const restore = await smin([...restored.args, 'restore', backupFile]);
      expect(restore.stderr).not.toMatch(/error/i);
      expect(restore.code).toBe(0);
      expect(restore.stdout).toMatch(/Restored .* tables, \d+ rows/);

      const before = await withDb(source, contents);
      const after = await withDb(restored, contents);
      // The awkward values really are there, and the demo filled the tables.
      expect(before.get('warden_zone_rings')?.length).toBe(2);
      expect(before.get('roll_call_contacts')?.some((row) => row.includes('0001025cff0027220a'))).toBe(true);
      expect((before.get('audit_log') ?? []).length).toBeGreaterThan(100);
      expectSameContents(before, after);

      const verify = await smin([...restored.args, 'audit', 'verify']);
      expect(verify.code).toBe(0);
      expect(verify.stdout).toMatch(/audit trail intact: [1-9]\d* entries/);

      // New rows take ids past the restored ones (bigserial sequences), and writes work.
      await withDb(restored, async (db) => {
        const max = await db
          .selectFrom('outbox')
          .select(sql<number>`max(id)`.as('m'))
          .executeTakeFirstOrThrow();
        const next = await sql<{ id: number }>`SELECT nextval('outbox_id_seq')::int AS id`.execute(db);
        expect(next.rows[0]?.id).toBeGreaterThan(Number(max.m ?? 0));
      });
    },
    SLOW,
  );

  it(
    'refuses to restore into a database that holds data, and changes nothing there',
    async () => {
      const before = await withDb(restored, contents);
      // Even forced: the audit trail is append-only and is never replaced.
      for (const force of [['--force']]) {
        const run = await smin([...restored.args, 'restore', backupFile, ...force]);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/not empty/);
        expect(hasStackTrace(run.stderr)).toBe(false);
      }
      expectSameContents(before, await withDb(restored, contents));
    },
    SLOW,
  );

  it(
    'bad input (missing, corrupt, truncated, wrong schema version, damaged row) exits 1 and writes nothing',
    async () => {
      const empty = await createCliTarget({ migrated: true });
      try {
        const pristine = await withDb(empty, contents);
        const whole = fs.readFileSync(backupFile);
        const text = zlib.gunzipSync(whole).toString('utf8');
        const lines = text.split('\n');
        const header = JSON.parse(lines[0] as string);
        const write = (name: string, data: Buffer | string) => {
          const file = path.join(tmp, name);
          fs.writeFileSync(file, data);
          return file;
        };
        const otherVersion = { ...header, migrations: header.migrations.slice(0, -1) };
        // The last row of the file is damaged: its shape is refused before the database is opened.
        const lastRow = lines.findLastIndex((l) => l.startsWith('['));
        const damaged = [...lines];
        damaged[lastRow] = '["only one value"]';
        // A value its column refuses, in the last table whose first column is a uuid: the earlier
        // tables' rows are already inserted when it is found, and must be rolled back.
        const uuidTable = lines.findLastIndex((l, i) => {
          if (!l.startsWith('{"table"')) return false;
          return JSON.parse(l).columns[0].type === 'uuid' && (lines[i + 1] ?? '').startsWith('[');
        });
        const badValue = [...lines];
        const row = JSON.parse(badValue[uuidTable + 1] as string);
        row[0] = 'not-a-uuid';
        badValue[uuidTable + 1] = JSON.stringify(row);
        const cases: [string, RegExp][] = [
          [path.join(tmp, 'missing.gz'), /no such file/],
          [write('corrupt.gz', randomBytes(4096)), /not a readable backup|damaged/],
          [write('truncated.gz', whole.subarray(0, Math.floor(whole.length / 2))), /truncated|incomplete/],
          [write('not-gzip-json.gz', zlib.gzipSync('hello\n')), /not valid JSON|not an OpenSMIN backup/],
          [write('other.gz', zlib.gzipSync('{"format":"something else"}\n')), /not an OpenSMIN backup/],
          [
            write('version.gz', zlib.gzipSync([JSON.stringify(otherVersion), ...lines.slice(1)].join('\n'))),
            /another schema version/,
          ],
          [write('damaged.gz', zlib.gzipSync(damaged.join('\n'))), /damaged: line \d+ is not a row of table/],
          [write('bad-value.gz', zlib.gzipSync(badValue.join('\n'))), /could not be restored.*uuid/],
          [write('cut.gz', zlib.gzipSync(lines.slice(0, lastRow).join('\n'))), /incomplete/],
        ];
        // Files refused before the database is opened run side by side; the last two need it.
        const check = async ([file, message]: [string, RegExp]) => {
          const run = await smin([...empty.args, 'restore', file]);
          expect(run.code, `${path.basename(file)}: ${run.stderr}`).toBe(1);
          expect(run.stderr, path.basename(file)).toMatch(message);
          expect(hasStackTrace(run.stderr), run.stderr).toBe(false);
        };
        const [versionCase, badValueCase] = cases
          .splice(
            cases.findIndex((c) => c[0].endsWith('version.gz')),
            1,
          )
          .concat(
            cases.splice(
              cases.findIndex((c) => c[0].endsWith('bad-value.gz')),
              1,
            ),
          );
        await Promise.all(cases.map(check));
        await check(versionCase as [string, RegExp]);
        await check(badValueCase as [string, RegExp]);
        expectSameContents(pristine, await withDb(empty, contents));
      } finally {
        await empty.dispose();
      }
    },
    SLOW,
  );

  /** The other engine: a fresh PostgreSQL database (PGlite project) or a PGlite directory. */
  const crossEngine = async (): Promise<{
    args: string[];
    open(): Promise<Database>;
    dispose(): Promise<void>;
  }> => {
    if (testEngine() === 'pglite') {
      const name = `smin_backup_${process.pid}_${randomBytes(4).toString('hex')}`;
      await adminQuery(`CREATE DATABASE ${name}`);
      const url = postgresUrl(name);
      return {
        args: ['--database-url', url],
        open: () => openDatabase({ engine: 'postgres', url }),
        dispose: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      };
    }
    const dataDir = path.join(tmp, 'pglite-target');
    return {
      args: ['--data-dir', dataDir],
      open: () => openDatabase({ engine: 'pglite', dataDir }),
      dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  };
  // PGlite → PostgreSQL needs a server: in the PGlite project it runs when DATABASE_URL is set;
  // the PostgreSQL project always runs PostgreSQL → PGlite.
  if (testEngine() === 'postgres' || process.env.DATABASE_URL) {
    it(
      `a backup restores into the other engine (${testEngine() === 'pglite' ? 'PGlite → PostgreSQL' : 'PostgreSQL → PGlite'})`,
      async () => {
        const other = await crossEngine();
        try {
          const migrate = await smin([...other.args, 'db', 'migrate']);
          expect(migrate.code, migrate.stderr).toBe(0);
          const restore = await smin([...other.args, 'restore', backupFile]);
          expect(restore.stderr).not.toMatch(/error|schema version/i);
          expect(restore.code).toBe(0);
          const database = await other.open();
          let after: Map<string, string[]>;
          try {
            after = await contents(database.db);
          } finally {
            await database.close();
          }
          expectSameContents(await withDb(source, contents), after);
          const verify = await smin([...other.args, 'audit', 'verify']);
          expect(verify.code).toBe(0);
          expect(verify.stdout).toMatch(/audit trail intact/);
        } finally {
          await other.dispose();
        }
      },
      SLOW,
    );
  }
});
