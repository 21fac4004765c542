import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { Database } from '../../db/engine';
import type { AnyDb } from './catalog';
import {
  MIGRATIONS_TABLE,
  readOwnedSequences,
  readSequences,
  readTables,
  type SequenceState,
  setExactTextOutput,
  type TableInfo,
} from './catalog';

/**
 * Logical backups, portable between PGlite and PostgreSQL: a gzipped file of JSON lines.
 *
 *   {"format":"opensmin-backup","version":1,"createdAt":…,"engine":…,"migrations":[{name,checksum}…]}
 *   {"table":"countries","columns":[{"name":"code","type":"character(3)"}…]}
 *   ["AFG","Afghanistan",…]            one line per row, every value in its exact text form (or null)
 *   {"end":"countries","rows":250}
 *   … every table, parents before children, rows in primary-key order …
 *   {"sequences":[{"name":…,"lastValue":"42","isCalled":true}…]}
 *   {"complete":true,"tables":72,"rows":12345}
 *
 * Rows are streamed through a cursor in one read-only snapshot, so a database of millions of rows
 * never has to fit in memory; the restore streams them back in batches inside one transaction.
 */
export const BACKUP_FORMAT = 'opensmin-backup';
export const BACKUP_VERSION = 1;

/** An expected failure (bad file, wrong schema, non-empty target): its message is for the user. */
export class BackupError extends Error {}

interface Header {
  format: string;
  version: number;
  createdAt: string;
  engine: string;
  migrations: { name: string; checksum: string }[];
}

export interface BackupReport {
  tables: number;
  rows: number;
}

const FETCH_ROWS = 2_000;
const BATCH_ROWS = 2_000;
const BATCH_BYTES = 4 * 1024 * 1024;

/** Writes a backup of the whole database to `file` (written beside it, then renamed into place). */
export async function backupDatabase(
  database: Database,
  file: string,
  onProgress?: (rows: number) => void,
): Promise<BackupReport> {
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.partial-${process.pid}`);
  const out = fs.createWriteStream(partial, { flags: 'wx' });
  const gzip = zlib.createGzip();
  gzip.pipe(out);
  const failed = new Promise<never>((_, reject) => {
    out.on('error', reject);
    gzip.on('error', reject);
  });
  failed.catch(() => {});
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await Promise.race([once(gzip, 'drain'), failed]);
  };
  try {
    const report = await (database.db as AnyDb)
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        await setExactTextOutput(trx);
        const migrations = await sql<{ name: string; checksum: string }>`
          SELECT name, checksum FROM ${sql.table(MIGRATIONS_TABLE)} ORDER BY name`.execute(trx);
        const header: Header = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          engine: database.engine,
          migrations: migrations.rows,
        };
        await write(JSON.stringify(header));
        const tables = await readTables(trx);
        let total = 0;
        for (const table of tables) {
          await write(JSON.stringify({ table: table.name, columns: table.columns }));
          const values = sql.join(table.columns.map((c) => sql`${sql.ref(c.name)}::text`));
          const order = (table.primaryKey.length ? table.primaryKey : table.columns.map((c) => c.name)).map(
            (c) => sql.ref(c),
          );
          await sql`DECLARE smin_backup NO SCROLL CURSOR FOR
            SELECT to_json(ARRAY[${values}]::text[])::text AS line FROM ${sql.table(table.name)}
            ORDER BY ${sql.join(order)}`.execute(trx);
          let rows = 0;
          for (;;) {
            const page = await sql<{
              line: string;
            }>`FETCH FORWARD ${sql.raw(String(FETCH_ROWS))} FROM smin_backup`.execute(trx);
            for (const r of page.rows) await write(r.line);
            rows += page.rows.length;
            total += page.rows.length;
            if (page.rows.length) onProgress?.(total);
            if (page.rows.length < FETCH_ROWS) break;
          }
          await sql`CLOSE smin_backup`.execute(trx);
          await write(JSON.stringify({ end: table.name, rows }));
        }
        await write(JSON.stringify({ sequences: await readSequences(trx) }));
        await write(JSON.stringify({ complete: true, tables: tables.length, rows: total }));
        return { tables: tables.length, rows: total };
      });
    gzip.end();
    await Promise.race([finished(out), failed]);
    fs.renameSync(partial, file);
    return report;
  } catch (error) {
    gzip.destroy();
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/** The lines of a gzipped file, one at a time; a damaged or truncated file fails with a BackupError. */
async function* readLines(file: string): AsyncGenerator<string> {
  const source = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      const text = rest + (chunk as Buffer).toString('utf8');
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) yield line;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw error;
    throw new BackupError(
      `${file} is not a readable backup: ${code === 'Z_BUF_ERROR' ? 'the file is truncated' : 'the compressed data is damaged'} (${(error as Error).message})`,
    );
  } finally {
    source.destroy();
  }
  if (rest) yield rest;
}

/** Reads the next line as JSON, or fails naming the line. */
async function next(lines: AsyncGenerator<string>, file: string, where: { line: number }): Promise<unknown> {
  const r = await lines.next();
  if (r.done)
    throw new BackupError(
      `${file} is incomplete: it ends at line ${where.line} before the end of the backup`,
    );
  where.line++;
  try {
    return JSON.parse(r.value);
  } catch {
    throw new BackupError(`${file} is damaged: line ${where.line} is not valid JSON`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseHeader(value: unknown, file: string): Header {
  if (!isObject(value) || value.format !== BACKUP_FORMAT) {
    throw new BackupError(`${file} is not an OpenSMIN backup (its first line is not a backup header)`);
  }
  if (value.version !== BACKUP_VERSION) {
    throw new BackupError(
      `${file} is a backup in format version ${String(value.version)}; this program reads version ${BACKUP_VERSION}`,
    );
  }
  if (!Array.isArray(value.migrations))
    throw new BackupError(`${file} is damaged: its header lists no migrations`);
  return value as unknown as Header;
}

/** The first migration on which the backup and the database disagree, for the message. */
function firstDifference(
  backup: { name: string; checksum: string }[],
  here: { name: string; checksum: string }[],
): string {
  for (let i = 0; i < Math.max(backup.length, here.length); i++) {
    const b = backup[i];
    const h = here[i];
    if (!h) return `the backup has migration ${b?.name}, which this database lacks`;
    if (!b) return `this database has migration ${h.name}, which the backup lacks`;
    if (b.name !== h.name) return `the backup has ${b.name} where this database has ${h.name}`;
    if (b.checksum !== h.checksum) return `migration ${b.name} differs`;
  }
  return 'the same migrations';
}

/**
 * Reads the whole file once without any database: a damaged, truncated or incomplete file is
 * refused before anything is opened. Rows are checked for shape (a list of texts or nulls, as
 * many as the table's columns) and every table's row count against the one the backup recorded.
 */
export async function verifyBackupFile(file: string): Promise<BackupReport & { header: Header }> {
  if (!fs.existsSync(file)) throw new BackupError(`${file}: no such file`);
  if (fs.statSync(file).isDirectory()) throw new BackupError(`${file} is a directory, not a backup file`);
  const where = { line: 0 };
  const lines = readLines(file);
  try {
    const header = parseHeader(await next(lines, file, where), file);
    let tables = 0;
    let total = 0;
    let sequences = false;
    for (;;) {
      const item = await next(lines, file, where);
      if (!isObject(item))
        throw new BackupError(`${file} is damaged: line ${where.line} is not where a table starts`);
      if (typeof item.table === 'string' && Array.isArray(item.columns)) {
        const name = item.table;
        const width = item.columns.length;
        let rows = 0;
        for (;;) {
          const value = await next(lines, file, where);
          if (Array.isArray(value)) {
            if (value.length !== width || !value.every((v) => v === null || typeof v === 'string')) {
              throw new BackupError(`${file} is damaged: line ${where.line} is not a row of table ${name}`);
            }
            rows++;
            continue;
          }
          if (!isObject(value) || value.end !== name) {
            throw new BackupError(
              `${file} is damaged: table ${name} does not end where expected (line ${where.line})`,
            );
          }
          if (value.rows !== rows) {
            throw new BackupError(
              `${file} is damaged: table ${name} should hold ${String(value.rows)} rows, it holds ${rows}`,
            );
          }
          break;
        }
        tables++;
        total += rows;
      } else if (Array.isArray(item.sequences)) {
        sequences = true;
      } else if (item.complete === true) {
        if (!sequences) throw new BackupError(`${file} is incomplete: it lacks the sequences`);
        if (item.tables !== tables || item.rows !== total) {
          throw new BackupError(
            `${file} is damaged: it should hold ${String(item.tables)} tables and ${String(item.rows)} rows`,
          );
        }
        if (!(await lines.next()).done)
          throw new BackupError(`${file} is damaged: there is data after its end`);
        return { header, tables, rows: total };
      } else {
        throw new BackupError(`${file} is damaged: line ${where.line} is not a table, sequence list or end`);
      }
    }
  } finally {
    await lines.return(undefined);
  }
}

export interface RestoreOptions {
  /** Replace the data of a database that already holds some (never its audit trail). */
  force: boolean;
  onProgress?: (rows: number) => void;
}

/** Describes a schema version for messages: how many migrations, and the last one. */
function describeSchema(migrations: { name: string }[]): string {
  const last = migrations.at(-1)?.name ?? 'none';
  return `${migrations.length} migrations, the last ${last}`;
}

/**
 * Restores a backup into an empty database of the same schema version, in one transaction: on any
 * failure nothing is written. Rows are only inserted (the audit trail is append-only and its hash
 * chain is restored byte for byte); sequences are set past the restored ids.
 */
export async function restoreDatabase(
  database: Database,
  file: string,
  options: RestoreOptions,
): Promise<BackupReport> {
  if (!fs.existsSync(file)) throw new BackupError(`${file}: no such file`);
  if (fs.statSync(file).isDirectory()) throw new BackupError(`${file} is a directory, not a backup file`);
  const where = { line: 0 };
  const lines = readLines(file);
  try {
    const header = parseHeader(await next(lines, file, where), file);
    const db = database.db as AnyDb;
    return await db.transaction().execute(async (trx) => {
      await setExactTextOutput(trx);
      const applied = (
        await sql<{ name: string; checksum: string }>`
          SELECT name, checksum FROM ${sql.table(MIGRATIONS_TABLE)} ORDER BY name`.execute(trx)
      ).rows;
      const same =
        applied.length === header.migrations.length &&
        applied.every(
          (m, i) => m.name === header.migrations[i]?.name && m.checksum === header.migrations[i]?.checksum,
        );
      if (!same) {
        throw new BackupError(
          `${file} was made from another schema version (${describeSchema(header.migrations)}) than this database ` +
            `(${describeSchema(applied)}; ${firstDifference(header.migrations, applied)}); ` +
            'restore it into a database migrated by the same OpenSMIN version',
        );
      }
      const tables = await readTables(trx);
      const byName = new Map(tables.map((t) => [t.name, t]));
      await refuseNonEmpty(trx, tables, options.force);

      // Triggers that derive rows (change counters, inbox entries) must not fire: the backup holds
      // the derived rows already. Foreign keys from a table to itself are checked once it is whole.
      const withTriggers = (
        await sql<{ table: string }>`
          SELECT DISTINCT c.relname AS table FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND NOT g.tgisinternal ORDER BY 1`.execute(trx)
      ).rows
        .map((r) => r.table)
        // The audit trail's triggers refuse updates and deletes only; they stay on (inserts only).
        .filter((t) => t !== 'audit_log');
      for (const t of withTriggers) await sql`ALTER TABLE ${sql.table(t)} DISABLE TRIGGER USER`.execute(trx);
      for (const t of tables) {
        for (const fk of t.selfReferences) {
          await sql`ALTER TABLE ${sql.table(t.name)} DROP CONSTRAINT ${sql.ref(fk.name)}`.execute(trx);
        }
      }
      // Reference rows the migrations loaded (countries, libraries), or a forced target's data.
      for (const t of [...tables].reverse()) {
        if (t.name === 'audit_log') continue;
        await sql`DELETE FROM ${sql.table(t.name)}`.execute(trx);
      }

      const seen = new Set<string>();
      let total = 0;
      let sequences: SequenceState[] | null = null;
      for (;;) {
        const item = await next(lines, file, where);
        if (!isObject(item))
          throw new BackupError(`${file} is damaged: line ${where.line} is not where a table starts`);
        if (typeof item.table === 'string') {
          const table = byName.get(item.table);
          if (!table)
            throw new BackupError(`${file} holds table ${item.table}, which this database does not have`);
          if (seen.has(table.name))
            throw new BackupError(`${file} is damaged: table ${table.name} appears twice`);
          const same = JSON.stringify(item.columns) === JSON.stringify(table.columns);
          if (!same)
            throw new BackupError(`${file}: the columns of table ${table.name} differ from this database's`);
          seen.add(table.name);
          await restoreTable(trx, table, lines, file, where, (n) => {
            total += n;
            options.onProgress?.(total);
          });
        } else if (Array.isArray(item.sequences)) {
          sequences = item.sequences as SequenceState[];
        } else if (item.complete === true) {
          break;
        } else {
          throw new BackupError(
            `${file} is damaged: line ${where.line} is not a table, sequence list or end`,
          );
        }
      }
      const missing = tables.filter((t) => !seen.has(t.name)).map((t) => t.name);
      if (missing.length)
        throw new BackupError(`${file} is incomplete: it lacks table(s) ${missing.join(', ')}`);
      if (!sequences) throw new BackupError(`${file} is incomplete: it lacks the sequences`);
      await restoreSequences(trx, sequences);

      for (const t of tables) {
        for (const fk of t.selfReferences) {
          await sql`ALTER TABLE ${sql.table(t.name)} ADD CONSTRAINT ${sql.ref(fk.name)} ${sql.raw(fk.definition)}`.execute(
            trx,
          );
        }
      }
      for (const t of withTriggers) await sql`ALTER TABLE ${sql.table(t)} ENABLE TRIGGER USER`.execute(trx);
      return { tables: tables.length, rows: total };
    });
  } finally {
    await lines.return(undefined);
  }
}

/** An empty database: no audit entry and no user. The audit trail is never replaced, even forced. */
async function refuseNonEmpty(trx: AnyDb, tables: TableInfo[], force: boolean): Promise<void> {
  const count = async (table: string) =>
    tables.some((t) => t.name === table)
      ? Number(
          (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]?.n ??
            0,
        )
      : 0;
  const audit = await count('audit_log');
  if (audit > 0) {
    throw new BackupError(
      `this database is not empty: its audit trail holds ${audit} entries, which can never be removed ` +
        '(the trail is append-only); restore into a new database (`smin db migrate` on an empty one)',
    );
  }
  const users = await count('users');
  if (users > 0 && !force) {
    throw new BackupError(
      `this database is not empty (${users} users); restore into a new database, or give --force to replace its data`,
    );
  }
}

/** Inserts one table's rows, streamed in batches; checks the count the backup recorded. */
async function restoreTable(
  trx: AnyDb,
  table: TableInfo,
  lines: AsyncGenerator<string>,
  file: string,
  where: { line: number },
  onRows: (n: number) => void,
): Promise<number> {
  const width = table.columns.length;
  const values = sql.join(table.columns.map((c, i) => sql`(e->>${sql.raw(String(i))})::${sql.raw(c.type)}`));
  const columns = sql.join(table.columns.map((c) => sql.ref(c.name)));
  let batch: string[] = [];
  let bytes = 0;
  let rows = 0;
  const flush = async () => {
    if (!batch.length) return;
    const json = `[${batch.join(',')}]`;
    try {
      await sql`INSERT INTO ${sql.table(table.name)} (${columns})
        SELECT ${values} FROM json_array_elements(CAST(${json}::text AS json)) AS e`.execute(trx);
    } catch (error) {
      // A value its column does not accept, or a key twice: the file does not fit this database.
      if (typeof (error as { code?: unknown }).code !== 'string') throw error;
      throw new BackupError(
        `${file}: table ${table.name} could not be restored (rows before line ${where.line + 1}): ${(error as Error).message}`,
      );
    }
    onRows(batch.length);
    batch = [];
    bytes = 0;
  };
  for (;;) {
    const r = await lines.next();
    if (r.done) throw new BackupError(`${file} is incomplete: it ends inside table ${table.name}`);
    where.line++;
    const line = r.value;
    if (line.startsWith('[')) {
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw new BackupError(
          `${file} is damaged: line ${where.line} (table ${table.name}) is not valid JSON`,
        );
      }
      if (
        !Array.isArray(row) ||
        row.length !== width ||
        !row.every((v) => v === null || typeof v === 'string')
      ) {
        throw new BackupError(`${file} is damaged: line ${where.line} is not a row of table ${table.name}`);
      }
      batch.push(line);
      bytes += line.length;
      rows++;
      if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
      continue;
    }
    await flush();
    let end: unknown;
    try {
      end = JSON.parse(line);
    } catch {
      throw new BackupError(`${file} is damaged: line ${where.line} is not valid JSON`);
    }
    if (!isObject(end) || end.end !== table.name) {
      throw new BackupError(
        `${file} is damaged: table ${table.name} does not end where expected (line ${where.line})`,
      );
    }
    if (end.rows !== rows) {
      throw new BackupError(
        `${file} is damaged: table ${table.name} should hold ${String(end.rows)} rows, it holds ${rows}`,
      );
    }
    return rows;
  }
}

/** Puts every sequence where the backup found it, and never below the highest id restored. */
async function restoreSequences(trx: AnyDb, sequences: SequenceState[]): Promise<void> {
  const present = new Set((await readSequences(trx)).map((s) => s.name));
  for (const s of sequences) {
    if (!present.has(s.name))
      throw new BackupError(`the backup holds sequence ${s.name}, which this database does not have`);
    if (!/^-?\d+$/.test(s.lastValue))
      throw new BackupError(`the backup's sequence ${s.name} has an invalid value`);
    await sql`SELECT setval(${s.name}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`.execute(trx);
  }
  for (const o of await readOwnedSequences(trx)) {
    await sql`SELECT setval(${o.sequence}::regclass, m) FROM (SELECT max(${sql.ref(o.column)})::bigint AS m
      FROM ${sql.table(o.table)}) x
      WHERE m IS NOT NULL AND m > (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM ${sql.table(o.sequence)})`.execute(
      trx,
    );
  }
}
