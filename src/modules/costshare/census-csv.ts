/**
 * The census file: CSV with the columns `organization,headcount[,counted_in]` (header row first;
 * the same file for `smin costshare apportion` and the API import). Pure: text in, rows or
 * problems naming the row out. Row numbers count data rows from 1 (row 1 is the file's line 2).
 */
import { parse } from 'csv-parse/sync';
import type { ApportionIssue, CensusEntry } from './rules';

const COLUMNS = ['organization', 'headcount', 'counted_in'] as const;
const ALIASES: Record<string, (typeof COLUMNS)[number]> = {
  organization: 'organization',
  org: 'organization',
  headcount: 'headcount',
  counted_in: 'counted_in',
  countedin: 'counted_in',
  'counted in': 'counted_in',
};

export type CensusParse = { ok: true; census: CensusEntry[] } | { ok: false; issues: ApportionIssue[] };

/** A whole number written plainly ("1200"); anything else is not a headcount. */
function headcountOf(cell: string): number {
  const t = cell.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return Number.NaN;
  return Number(t);
}

export function parseCensusCsv(text: string): CensusParse {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return {
      ok: false,
      issues: [{ field: 'file', message: `is not readable CSV: ${(error as Error).message}` }],
    };
  }
  const [header, ...rows] = records;
  if (!header)
    return {
      ok: false,
      issues: [{ field: 'file', message: 'is empty: expected organization,headcount[,counted_in]' }],
    };
  const index: Partial<Record<(typeof COLUMNS)[number], number>> = {};
  const issues: ApportionIssue[] = [];
  header.forEach((h, i) => {
    const name = ALIASES[h.trim().toLowerCase()];
    if (!name)
      issues.push({
        field: `header.${h || `column ${i + 1}`}`,
        message: 'is not a census column (organization, headcount, counted_in)',
      });
    else if (index[name] !== undefined) issues.push({ field: `header.${h}`, message: 'appears twice' });
    else index[name] = i;
  });
  for (const required of ['organization', 'headcount'] as const)
    if (index[required] === undefined)
      issues.push({ field: `header.${required}`, message: 'column is missing' });
  if (issues.length) return { ok: false, issues };
  if (rows.length === 0)
    return { ok: false, issues: [{ field: 'file', message: 'has a header but no rows' }] };
  const census = rows.map((r) => {
    const cell = (c: (typeof COLUMNS)[number]) =>
      index[c] === undefined ? '' : (r[index[c] as number] ?? '');
    const countedIn = cell('counted_in').trim();
    return {
      organization: cell('organization').trim(),
      headcount: headcountOf(cell('headcount')),
      countedIn: countedIn || null,
    };
  });
  return { ok: true, census };
}

/** "row 3.headcount" → "row 3 (line 4) headcount": the data row and the file line it is on. */
export function csvRowField(field: string): string {
  const m = /^row (\d+)\.(.+)$/.exec(field);
  return m ? `row ${m[1]} (line ${Number(m[1]) + 1}) ${m[2]}` : field;
}
