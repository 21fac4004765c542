/**
 * Reads PDFs back with Debian's poppler-utils (pdftotext, pdfinfo) so the tests check what a
 * reader gets, not what the code meant to draw. A missing tool is an error, never a skipped test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(tool: 'pdftotext' | 'pdfinfo', args: string[], pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'smin-pdf-'));
  const file = join(dir, 'doc.pdf');
  try {
    writeFileSync(file, pdf);
    return execFileSync(tool, [...args.map((a) => (a === '{file}' ? file : a))], { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} not found: install poppler-utils (apt-get install -y poppler-utils)`);
    }
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF as `pdftotext -layout` gives it. */
export const pdfText = (pdf: Buffer): string => run('pdftotext', ['-layout', '{file}', '-'], pdf);

/** The fields `pdfinfo` prints (Title, Pages, Page size, …). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const info: Record<string, string> = {};
  for (const row of run('pdfinfo', ['{file}'], pdf).split('\n')) {
    const colon = row.indexOf(':');
    if (colon > 0) info[row.slice(0, colon).trim()] = row.slice(colon + 1).trim();
  }
  return info;
}

/** Number of pages, from `pdfinfo`. */
export const pdfPages = (pdf: Buffer): number => Number(pdfInfo(pdf).Pages);

/** Text with every run of white space made one space, for phrases that layout may spread out. */
export const flat = (text: string): string => text.replace(/\s+/g, ' ');
