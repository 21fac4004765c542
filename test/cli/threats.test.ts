import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capSchemaErrors } from '../support/xmllint';
import { type CliTarget, createCliTarget, smin } from './cli-support';

const SLOW = 90_000;
let target: CliTarget;
let files: string;

beforeAll(async () => {
  target = await createCliTarget({ migrated: true });
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'smin-cli-threats-'));
});
afterAll(async () => {
  await target?.dispose();
  if (files) fs.rmSync(files, { recursive: true, force: true });
});

describe('smin threats and advisories', () => {
  it(
    'imports levels for an area, exports every published advisory as schema-valid CAP and an SRM as PDF',
    async () => {
      const areas = path.join(files, 'areas.csv');
      fs.writeFileSync(areas, 'code,name,country\nKEN-01,Nairobi,KEN\n');
      expect((await smin([...target.args, 'import', 'areas', areas])).code).toBe(0);
      const levels = path.join(files, 'levels.csv');
      fs.writeFileSync(
        levels,
        'area,category,level,date\nKEN-01,armed conflict,2,2026-10-01\nKEN-01,terrorism,4,2026-10-01\nKEN-01,crime,4,2026-10-01\nKEN-01,civil-unrest,3,2026-10-01\nKEN-01,crime,0,2026-10-02\n',
      );
      const imported = await smin([...target.args, 'threats', 'import', levels, '--format', 'json']);
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({
        total: 5,
        published: 1,
        rejected: [{ line: 6, field: 'level' }],
      });

      // No advisory is published yet: the export writes nothing, then the demo publishes some.
      const out = path.join(files, 'cap');
      const empty = await smin([...target.args, 'advisories', 'export', '--out', out]);
      expect(empty.stdout).toContain('wrote 0 CAP alerts');
      expect((await smin([...target.args, 'demo', '--scale', 'small'])).code).toBe(0);
      const exported = await smin([...target.args, 'advisories', 'export', '--format', 'cap', '--out', out]);
      expect(exported.code).toBe(0);
      const written = fs.readdirSync(out);
      expect(written.length).toBeGreaterThanOrEqual(8);
      for (const f of written)
        expect(capSchemaErrors(fs.readFileSync(path.join(out, f), 'utf8')), f).toBeNull();
    },
    SLOW * 2,
  );
});
