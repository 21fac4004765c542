import fs from 'node:fs';
import { readTable } from '../../modules/people/import-table';
import { importPeople, type RowProblem } from '../../modules/people/people-import.service';
import { importTraining } from '../../modules/people/training-import.service';
import { CLI_ACTOR } from '../actor';
import { type CliContext, say } from '../context';
import { configOf, withDatabase } from '../database';
import { CliError } from '../errors';
import { startProgress } from '../progress';
import { ALL_REJECTED_EXIT_CODE } from './incidents-import.action';

async function readRows(file: string) {
  const data = await fs.promises.readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  return readTable(new Uint8Array(data)).rows;
}

const problems = (kind: string, list: RowProblem[]) => {
  for (const p of list)
    say(`${kind} line ${p.line}${p.externalId ? ` (${p.externalId})` : ''}: ${p.field}: ${p.message}`);
};

function allRejected(file: string, total: number, rejectedRows: number) {
  if (total > 0 && rejectedRows === total)
    throw new CliError(`every row of ${file} was rejected; nothing was imported`, ALL_REJECTED_EXIT_CODE);
}

export async function importPeopleAction(
  context: CliContext,
  file: string,
  opts: { organization?: string; json?: boolean },
): Promise<void> {
  const rows = await readRows(file);
  const result = await withDatabase(configOf(context), { create: false }, async ({ db }) => {
    const progress = startProgress(`importing ${rows.length} people`, { unit: 'rows', total: rows.length });
    try {
      return await importPeople(db, CLI_ACTOR, rows, {
        organization: opts.organization,
        onProgress: (done) => progress.update(done),
      });
    } finally {
      progress.stop();
    }
  });
  if (opts.json) say(JSON.stringify(result, null, 2));
  else {
    say(
      `${result.total} rows, ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejectedRows} rejected, ${result.warnings.length} warnings`,
    );
    problems('rejected', result.rejected);
    problems('warning', result.warnings);
  }
  allRejected(file, result.total, result.rejectedRows);
}

export async function importTrainingAction(
  context: CliContext,
  file: string,
  opts: { organization?: string; json?: boolean },
): Promise<void> {
  const rows = await readRows(file);
  const result = await withDatabase(configOf(context), { create: false }, async ({ db }) => {
    const progress = startProgress(`importing ${rows.length} completions`, {
      unit: 'rows',
      total: rows.length,
    });
    try {
      return await importTraining(db, CLI_ACTOR, rows, {
        organization: opts.organization,
        onProgress: (done) => progress.update(done),
      });
    } finally {
      progress.stop();
    }
  });
  const rejectedRows = new Set(result.rejected.map((r) => r.line)).size;
  if (opts.json) say(JSON.stringify(result, null, 2));
  else {
    say(
      `${result.total} rows, ${result.recorded} recorded, ${result.unchanged} unchanged, ${rejectedRows} rejected`,
    );
    problems('rejected', result.rejected);
  }
  allRejected(file, result.total, rejectedRows);
}
