import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliTarget, createCliTarget, hasStackTrace, smin } from './cli-support';

const SLOW = 60_000;
let target: CliTarget;
let files: string;
const file = (name: string, content: string) => {
  const p = path.join(files, name);
  fs.writeFileSync(p, content);
  return p;
};

beforeAll(async () => {
  target = await createCliTarget({ migrated: false });
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'smin-cli-files-'));
});
afterAll(async () => {
  await target?.dispose();
  if (files) fs.rmSync(files, { recursive: true, force: true });
});

describe('smin without a database', () => {
  it('--help lists the commands and the global options', async () => {
    const r = await smin(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['db', 'demo', 'import', 'user', 'audit', 'serve']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(r.stdout).toContain('--data-dir');
    expect(r.stdout).toContain('--database-url');
  });

  it('refuses a connection string for another engine with a message, not a stack trace', async () => {
    const r = await smin(['--database-url', 'mysql://root@localhost/smin', 'audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL: must be a postgres:// connection string');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('reports a missing import file by name', async () => {
    const missing = path.join(files, 'missing.csv');
    const r = await smin([...target.args, 'import', 'stations', missing]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot read ${missing}: no such file`);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describe('smin db migrate, then imports', () => {
  it(
    'migrates a new database',
    async () => {
      const r = await smin([...target.args, 'db', 'migrate']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/applied migration \S+\.sql/);
      expect(r.stdout).toMatch(/loaded \d+ reference countries/);
    },
    SLOW,
  );

  it(
    'says the database is up to date the second time (global options also after the command)',
    async () => {
      const r = await smin(['db', 'migrate', ...target.args]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Database is up to date');
      expect(r.stdout).not.toContain('applied migration');
    },
    SLOW,
  );

  it(
    'imports areas from CSV',
    async () => {
      const r = await smin([
        ...target.args,
        'import',
        'areas',
        file('areas.csv', 'code,name,country\nKEN-01,Nairobi,KEN\n'),
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('areas: 1 rows, 1 created');
    },
    SLOW,
  );

  it(
    'imports stations, keeping the good rows and reporting each bad row with its line',
    async () => {
      const stations = file(
        'stations.csv',
        [
          'code,name,area,lat,lon',
          'KEN-NBO,Nairobi,KEN-01,-1.29,36.82', // line 2: good
          'KEN-KSM,Kisumu,KEN-01,-0.09,34.77', // line 3: good
          'KEN-OUT,Outside,KEN-01,40.0,36.8', // line 4: a point outside the country
          'KEN-LAT,Off the globe,KEN-01,200,36.8', // line 5: not a latitude at all
          'KEN-BAD,Bad,NOPE-01,-1,36', // line 6: unknown area
          'KEN-COL,Extra,KEN-01,-1,36,surplus', // line 7: one column too many
          '',
        ].join('\n'),
      );
      const r = await smin([...target.args, 'import', 'stations', stations]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('stations: 6 rows, 2 created, 0 updated, 0 unchanged, 4 rejected');
      const rejected = r.stdout.split('\n').filter((l) => l.startsWith('line '));
      expect(rejected).toEqual([
        'line 4: lat: (40, 36.8) is outside KEN',
        expect.stringMatching(/^line 5: lat: /),
        'line 6: area: no area has the code NOPE-01',
        'line 7: row: 6 columns, header has 5',
      ]);

      // The good rows are in the database, with their values.
      const database = await target.open();
      try {
        const rows = await database.db
          .selectFrom('duty_stations')
          .select(['code', 'lat', 'lon'])
          .orderBy('code')
          .execute();
        expect(rows).toEqual([
          { code: 'KEN-KSM', lat: -0.09, lon: 34.77 },
          { code: 'KEN-NBO', lat: -1.29, lon: 36.82 },
        ]);
      } finally {
        await database.close();
      }
    },
    SLOW,
  );

  it(
    'exits 2 when every row is rejected, and prints the result as JSON with --format json',
    async () => {
      const bad = file('bad.csv', 'code,name,area,lat,lon\nKEN-X1,X,NOPE-01,-1,36\nKEN-X2,Y,KEN-01,95,36\n');
      const r = await smin([...target.args, 'import', 'stations', bad, '--format', 'json']);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout)).toMatchObject({
        kind: 'stations',
        total: 2,
        created: 0,
        rejected: [
          { line: 2, field: 'area' },
          { line: 3, field: 'lat' },
        ],
      });
      expect(r.stderr).toContain('every row');
      expect(hasStackTrace(r.stderr)).toBe(false);
    },
    SLOW,
  );
});
