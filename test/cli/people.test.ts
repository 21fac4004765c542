import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxWorkbook } from '../../src/modules/incidents/xlsx';
import { type CliTarget, createCliTarget, hasStackTrace, smin } from './cli-support';

const SLOW = 120_000;
let target: CliTarget;
let files: string;

beforeAll(async () => {
  target = await createCliTarget({ migrated: true });
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'smin-cli-people-'));
  const database = await target.open();
  try {
    await database.db
      .insertInto('organizations')
      .values({ code: 'ORGA', name: 'A', type: 'agency' })
      .execute();
  } finally {
    await database.close();
  }
});
afterAll(async () => {
  await target?.dispose();
  if (files) fs.rmSync(files, { recursive: true, force: true });
});

describe('smin people import and smin training import', () => {
  it(
    'imports a staff list (XLSX), reports problems by line, re-imports unchanged; exit 2 when every row is bad',
    async () => {
      const book = path.join(files, 'staff.xlsx');
      fs.writeFileSync(
        book,
        xlsxWorkbook(
          'Staff',
          [['external_id', 'given_name', 'family_name', 'recruitment', 'email']],
          [
            ['S1', 'Amina', 'Diallo', 'international', 'amina@example.org'],
            ['S2', 'Bilal', 'Khan', 'local', ''],
            ['S3', 'Chen', '', 'local', ''],
          ],
        ),
      );
      const first = await smin([
        ...target.args,
        'people',
        'import',
        book,
        '--organization',
        'ORGA',
        '--json',
      ]);
      expect(first.code, first.stderr).toBe(0);
      const r = JSON.parse(first.stdout);
      expect(r).toMatchObject({ total: 3, created: 2, rejectedRows: 1 });
      expect(r.rejected).toEqual([{ line: 4, externalId: 'S3', field: 'family_name', message: 'required' }]);
      expect(r.warnings.map((w: { line: number; field: string }) => [w.line, w.field])).toEqual([
        [3, 'email'],
      ]);

      const again = await smin([...target.args, 'people', 'import', book, '--organization', 'ORGA']);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/0 created, 0 updated, 2 unchanged, 1 rejected/);
      expect(again.stdout).toMatch(/rejected line 4 \(S3\): family_name: required/);

      const bad = path.join(files, 'bad.csv');
      fs.writeFileSync(bad, 'external_id,given_name\nX1,Nobody\n');
      const all = await smin([...target.args, 'people', 'import', bad]);
      expect(all.code).toBe(2);
      expect(hasStackTrace(all.stderr)).toBe(false);

      const training = path.join(files, 'training.csv');
      fs.writeFileSync(
        training,
        'email,course,completed_on\namina@example.org,BSAFE,2024-02-01\nnobody@example.org,BSAFE,2024-02-01\n',
      );
      const t = await smin([...target.args, 'training', 'import', training, '--json']);
      expect(t.code, t.stderr).toBe(0);
      expect(JSON.parse(t.stdout)).toMatchObject({ recorded: 1, rejected: [{ line: 3, field: 'email' }] });
      const missing = await smin([...target.args, 'training', 'import', path.join(files, 'nope.csv')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/no such file/);
    },
    SLOW,
  );
});
