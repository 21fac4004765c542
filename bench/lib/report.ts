import fs from 'node:fs';
import path from 'node:path';

const REPORT = path.resolve('docs/BENCHMARKS.md');

/**
 * Replaces this benchmark's section of docs/BENCHMARKS.md (between its markers) with a fresh table,
 * leaving the other benchmarks' sections as they were.
 */
export async function writeReport(
  id: string,
  r: { title: string; command: string; machine: string; header: string[]; rows: string[][]; notes: string },
) {
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const table = [
    `| ${r.header.join(' | ')} |`,
    `| ${r.header.map(() => '---').join(' | ')} |`,
    ...r.rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  const section = [
    start,
    `## ${r.title}`,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${r.machine}.`,
    '',
    `\`\`\`sh\n${r.command}\n\`\`\``,
    '',
    table,
    '',
    r.notes,
    end,
  ].join('\n');
  const current = fs.existsSync(REPORT)
    ? fs.readFileSync(REPORT, 'utf8')
    : '# Benchmarks\n\nEvery figure here comes from a command in `bench/` that anyone can rerun; each table says which.\n';
  const next = current.includes(start)
    ? current.replace(new RegExp(`${start}[\\s\\S]*?${end}`), section)
    : `${current.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(REPORT, next);
}
