import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smin } from './cli-support';

/** `smin costshare apportion`: the real executable, a census file in, the apportionment out. */
const SLOW = 60_000;
let dir: string;
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smin-cli-costshare-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('smin costshare apportion', () => {
  it(
    'apportions a census as JSON and CSV: minimums, counted-in organizations, exact cents',
    async () => {
      const census = file(
        'census.csv',
        'organization,headcount,counted_in\nUNDP,7000,\nUNV,1500,UNDP\nWFP,12000,\nUNICEF,9000,\nITU,3,\nWMO,0,\n',
      );
      const run = await smin([
        'costshare',
        'apportion',
        '--headcounts',
        census,
        '--total',
        '1000000',
        '--minimum',
        '75000',
      ]);
      expect(run.code, run.stderr).toBe(0);
      const rows = JSON.parse(run.stdout) as {
        organization: string;
        headcount: number;
        minimumApplied: boolean;
        amount: number;
        share: number;
      }[];
      expect(rows.map((r) => Object.keys(r))).toEqual(
        rows.map(() => ['organization', 'headcount', 'minimumApplied', 'amount', 'share']),
      );
      expect(rows).toEqual([
        { organization: 'UNDP', headcount: 8500, minimumApplied: false, amount: 244915.26, share: 24.4915 },
        { organization: 'UNV', headcount: 1500, minimumApplied: false, amount: 0, share: 0 },
        { organization: 'WFP', headcount: 12000, minimumApplied: false, amount: 345762.71, share: 34.5763 },
        { organization: 'UNICEF', headcount: 9000, minimumApplied: false, amount: 259322.03, share: 25.9322 },
        { organization: 'ITU', headcount: 3, minimumApplied: true, amount: 75000, share: 7.5 },
        { organization: 'WMO', headcount: 0, minimumApplied: true, amount: 75000, share: 7.5 },
      ]);
      const cents = rows.reduce((s, r) => s + Math.round(r.amount * 100), 0);
      expect(cents).toBe(100_000_000);

      const csv = await smin([
        'costshare',
        'apportion',
        '--headcounts',
        census,
        '--total',
        '1000000.00',
        '--minimum',
        '75000',
        '--format',
        'csv',
      ]);
      expect(csv.code).toBe(0);
      expect(csv.stdout.trim().split('\n')).toEqual([
        'organization,headcount,minimumApplied,amount,share',
        'UNDP,8500,false,244915.26,24.4915',
        'UNV,1500,false,0.00,0.0000',
        'WFP,12000,false,345762.71,34.5763',
        'UNICEF,9000,false,259322.03,25.9322',
        'ITU,3,true,75000.00,7.5000',
        'WMO,0,true,75000.00,7.5000',
      ]);
    },
    SLOW,
  );

  it(
    'bad input: exits non-zero with the row and field named, on stderr',
    async () => {
      const cases: [string, string[], RegExp][] = [
        ['organization,headcount\nA,5\nB,-3\n', [], /row 2 \(line 3\) headcount: must not be negative/],
        ['organization,headcount\nA,5\nB,\n', [], /row 2 \(line 3\) headcount: is missing or not a number/],
        [
          'organization,headcount\nA,5\nA,3\n',
          [],
          /row 2 \(line 3\) organization: A is listed twice \(first on row 1\)/,
        ],
        [
          'organization,headcount,counted_in\nA,5,\nB,3,Z\n',
          [],
          /row 2 \(line 3\) counted_in: Z is not in the census/,
        ],
        ['organization,headcount,counted_in\nA,5,B\nB,3,A\n', [], /row 1 \(line 2\) counted_in: .*cycle/],
        ['organization,people\nA,5\n', [], /header.people: is not a census column/],
        [
          'organization,headcount\nA,5\nB,6\nC,7\n',
          ['--minimum', '400'],
          /--minimum: 400.00 for each of the 3 billable organizations is 1200.00, more than the total 1000.00/,
        ],
        ['organization,headcount\nA,5\n', ['--total', '12.345'], /--total: "12.345" is not an amount/],
      ];
      // Independent runs: in parallel, two at a time (the machine has two cores).
      const check = async ([text, extra, message]: (typeof cases)[number], i: number) => {
        const p = file(`bad-${i}.csv`, text);
        const opts = { '--total': '1000', '--minimum': '100' } as Record<string, string>;
        for (let k = 0; k < extra.length; k += 2) opts[extra[k] as string] = extra[k + 1] as string;
        const run = await smin(['costshare', 'apportion', '--headcounts', p, ...Object.entries(opts).flat()]);
        expect(run.code, text).toBe(1);
        expect(run.stderr, text).toMatch(message);
        expect(run.stdout).toBe('');
      };
      for (let i = 0; i < cases.length; i += 2)
        await Promise.all(cases.slice(i, i + 2).map((c, j) => check(c, i + j)));
      const missing = await smin([
        'costshare',
        'apportion',
        '--headcounts',
        path.join(dir, 'nope.csv'),
        '--total',
        '1',
        '--minimum',
        '0',
      ]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('no such file or directory');
    },
    SLOW,
  );
});
