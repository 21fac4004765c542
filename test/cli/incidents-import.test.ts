import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSindSample, SIND_SAMPLE_PATH } from '../support/sind-sample';
import { type CliTarget, createCliTarget, hasStackTrace, smin } from './cli-support';

const SLOW = 120_000;
let target: CliTarget;
let files: string;
const sample = loadSindSample();

beforeAll(async () => {
  target = await createCliTarget({ migrated: true });
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'smin-cli-incidents-'));
});
afterAll(async () => {
  await target?.dispose();
  if (files) fs.rmSync(files, { recursive: true, force: true });
});

type Result = {
  total: number;
  created: number;
  unchanged: number;
  rejected: { eventId: string; field: string }[];
};

describe('smin incidents import and export', () => {
  it(
    'imports the whole SiND sample (re-import is checked by the API test)',
    async () => {
      const first = await smin([
        ...target.args,
        'incidents',
        'import',
        '--format',
        'sind',
        SIND_SAMPLE_PATH,
        '--json',
      ]);
      expect(first.code, first.stderr).toBe(0);
      const r: Result = JSON.parse(first.stdout);
      expect(r.total).toBe(sample.length);
      expect(r.created + new Set(r.rejected.map((x) => x.eventId)).size).toBe(sample.length);
      // The refusals are places outside their country's outline (see the API test).
      expect(r.rejected.every((x) => x.field === 'Latitude')).toBe(true);

      const database = await target.open();
      try {
        const { n } = await database.db
          .selectFrom('incidents')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('source', '=', 'sind')
          .executeTakeFirstOrThrow();
        expect(n).toBe(r.created);
      } finally {
        await database.close();
      }
    },
    SLOW,
  );

  it(
    'exports CSV, XLSX and GeoJSON',
    async () => {
      const csv = path.join(files, 'incidents.csv');
      const out = await smin([
        ...target.args,
        'incidents',
        'export',
        '--format',
        'csv',
        '--country',
        'SSD',
        '--out',
        csv,
      ]);
      expect(out.code, out.stderr).toBe(0);
      const lines = fs.readFileSync(csv, 'utf8').trim().split('\n');
      expect(lines[1]).toMatch(/^#event\+id,/);
      expect(lines.length - 2).toBeGreaterThan(150);
      const xlsx = path.join(files, 'incidents.xlsx');
      expect(
        (await smin([...target.args, 'incidents', 'export', '--format', 'xlsx', '--out', xlsx])).code,
      ).toBe(0);
      expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
      const geo = await smin([
        ...target.args,
        'incidents',
        'export',
        '--format',
        'geojson',
        '--country',
        'AFG',
      ]);
      expect(geo.code, geo.stderr).toBe(0);
      const fc = JSON.parse(geo.stdout);
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features.length + fc.withoutCoordinates).toBe(
        sample.filter((x) => x['Country ISO'] === 'AFG').length,
      );
    },
    SLOW,
  );

  it('exits with 2 when every row is rejected, and 1 on a bad option, without a stack trace', async () => {
    const bad = path.join(files, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify([{ ...sample[0], 'SiND Event ID': 1, Date: 'yesterday' }]));
    const r = await smin([...target.args, 'incidents', 'import', '--format', 'sind', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('index 0 (event 1): Date: "yesterday" is not a date (YYYY-MM-DD)');
    expect(r.stderr).toContain('every row');
    expect(hasStackTrace(r.stderr)).toBe(false);
    const opt = await smin([...target.args, 'incidents', 'export', '--country', 'Kenya']);
    expect(opt.code).toBe(1);
    expect(opt.stderr).toContain('--country');
    expect(hasStackTrace(opt.stderr)).toBe(false);
  });
});
