import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_ROWS } from '../../src/modules/incidents/rules';
import { insertIncidents } from '../support/incident-stats-fixtures';
import { type CliTarget, createCliTarget, hasStackTrace, smin } from './cli-support';

const SLOW = 90_000;
let target: CliTarget;

beforeAll(async () => {
  target = await createCliTarget({ migrated: true });
  const database = await target.open();
  try {
    const db = database.db;
    const org = await db
      .insertInto('organizations')
      .values({ code: 'WFP', name: 'World Food Programme', type: 'programme' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertIncidents(db, [
      {
        occurredOn: '2025-04-01',
        countryCode: 'SDN',
        categoryCode: 'VIOLENT_ATTACK',
        organizationIds: [org.id],
        personnel: [
          { organizationId: org.id, outcome: 'killed', count: 2 },
          { organizationId: org.id, outcome: 'injured' },
        ],
      },
      {
        occurredOn: '2026-02-01',
        countryCode: 'SDN',
        categoryCode: 'ARREST_DETENTION',
        organizationIds: [org.id],
        personnel: [{ organizationId: org.id, outcome: 'arrested_detained' }],
      },
      {
        occurredOn: '2026-03-01',
        countryCode: 'SSD',
        categoryCode: 'CIVIL_UNREST',
        relevance: 'situational',
        personnel: [{ outcome: 'injured', count: 5 }],
      },
    ]);
    await db
      .insertInto('personnel_headcounts')
      .values({ year: 2025, country_code: 'SDN', organization_id: org.id, headcount: 4000 })
      .execute();
  } finally {
    await database.close();
  }
}, SLOW);
afterAll(() => target?.dispose());

describe('smin incidents', () => {
  it(
    'prints statistics per group as JSON and CSV, with rates where the headcount is known',
    async () => {
      const run = await smin([
        ...target.args,
        'incidents',
        'stats',
        '--by',
        'country,year',
        '--format',
        'json',
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual([
        {
          country: 'SDN',
          year: 2025,
          incidents: 1,
          affected: 3,
          killed: 2,
          injured: 1,
          kidnapped: 0,
          arrested: 0,
          headcount: 4000,
          ratePer100k: 75,
        },
        {
          country: 'SDN',
          year: 2026,
          incidents: 1,
          affected: 1,
          killed: 0,
          injured: 0,
          kidnapped: 0,
          arrested: 1,
          headcount: null,
          ratePer100k: null,
        },
        {
          country: 'SSD',
          year: 2026,
          incidents: 1,
          affected: 5,
          killed: 0,
          injured: 5,
          kidnapped: 0,
          arrested: 0,
          headcount: null,
          ratePer100k: null,
        },
      ]);
      const csv = await smin([
        ...target.args,
        'incidents',
        'stats',
        '--by',
        'organization,category',
        '--from',
        '2026-01-01',
        '--format',
        'csv',
      ]);
      expect(csv.code, csv.stderr).toBe(0);
      expect(csv.stdout.trim().split('\n')).toEqual([
        'organization,organizationName,category,categoryName,incidents,affected,killed,injured,kidnapped,arrested,headcount,ratePer100k',
        'WFP,World Food Programme,ARREST_DETENTION,Arrest and detention,1,1,0,0,0,1,,',
        ',,CIVIL_UNREST,Civil unrest (situational),1,5,0,5,0,0,,',
      ]);
      const bad = await smin([...target.args, 'incidents', 'stats', '--by', 'country,outcome']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('--by: outcome is not a grouping');
      expect(hasStackTrace(bad.stderr)).toBe(false);
    },
    SLOW,
  );

  it(
    "prints the Secretary-General's table: 13 rows and a Total row, situational entries left out",
    async () => {
      const run = await smin([
        ...target.args,
        'incidents',
        'report',
        'personnel-affected',
        '--from',
        '2025',
        '--to',
        '2026',
      ]);
      expect(run.code, run.stderr).toBe(0);
      const rows = JSON.parse(run.stdout) as { row: string; byYear: Record<string, number>; total: number }[];
      expect(rows.map((r) => r.row)).toEqual([...REPORT_ROWS, 'Total']);
      expect(rows[0]).toEqual({
        row: 'Fatalities resulting from acts of violence',
        byYear: { '2025': 2, '2026': 0 },
        total: 2,
      });
      expect(rows[2]).toMatchObject({ row: 'Injuries resulting from acts of violence', total: 1 });
      expect(rows[12]).toMatchObject({ row: 'Arrest and detention', byYear: { '2026': 1 } });
      expect(rows[13]).toEqual({ row: 'Total', byYear: { '2025': 3, '2026': 1 }, total: 4 });
      const csv = await smin([
        ...target.args,
        'incidents',
        'report',
        'personnel-affected',
        '--from',
        '2025',
        '--to',
        '2026',
        '--format',
        'csv',
      ]);
      const lines = csv.stdout.trim().split('\n');
      expect(lines).toHaveLength(15);
      expect(lines.at(-1)).toBe('Total,3,1,4');
      const backwards = await smin([
        ...target.args,
        'incidents',
        'report',
        'personnel-affected',
        '--from',
        '2026',
        '--to',
        '2020',
      ]);
      expect(backwards.code).toBe(1);
      expect(backwards.stderr).toContain('--to: must not be before from');
      const categories = await smin(['incidents', 'categories', '--format', 'json']);
      expect(JSON.parse(categories.stdout)).toContainEqual({
        code: 'ROAD_CRASH',
        name: 'Road traffic crash',
        nature: 'safety',
      });
    },
    SLOW,
  );
});
