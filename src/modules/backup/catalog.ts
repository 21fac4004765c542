import { type Kysely, sql } from 'kysely';

/**
 * What a logical backup needs to know about the schema, read from the catalog of the database
 * itself (never a hand-kept list): every table with its columns, primary key and foreign keys, and
 * every sequence.
 */
export interface TableInfo {
  name: string;
  /** Column names in attribute order, with their full SQL type (`numeric(14,2)`, `text[]`, …). */
  columns: { name: string; type: string }[];
  /** Primary-key columns (in key order); every row is dumped in this order. */
  primaryKey: string[];
  /** Tables this one references (other than itself). */
  references: string[];
  /** Foreign keys from the table to itself: dropped while it is restored, then re-added (validated). */
  selfReferences: { name: string; definition: string }[];
}

/** The bookkeeping table of migrations: the backup's header, never restored as data. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * A database handle for tables named at run time (from the catalog): the backup, the restore and
 * their test read and write every table generically, outside the typed schema.
 */
// biome-ignore lint/suspicious/noExplicitAny: table names come from the catalog, not from DB.
export type AnyDb = Kysely<any>;

/** Every base table of the public schema (but the migrations' bookkeeping), parents before children. */
export async function readTables(db: AnyDb): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> ${MIGRATIONS_TABLE}
    ORDER BY table_name`.execute(db);
  const columns = await sql<{ table: string; name: string; type: string }>`
    SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum`.execute(db);
  const keys = await sql<{ table: string; name: string }>`
    SELECT c.relname AS table, a.attname AS name
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
    WHERE n.nspname = 'public' AND k.contype = 'p'
    ORDER BY c.relname, u.ord`.execute(db);
  const foreign = await sql<{ table: string; target: string; name: string; definition: string }>`
    SELECT c.relname AS table, t.relname AS target, k.conname AS name,
           pg_get_constraintdef(k.oid) AS definition
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class t ON t.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND k.contype = 'f'
    ORDER BY c.relname, k.conname`.execute(db);

  const byName = new Map<string, TableInfo>();
  for (const { name } of tables.rows) {
    byName.set(name, { name, columns: [], primaryKey: [], references: [], selfReferences: [] });
  }
  for (const c of columns.rows) byName.get(c.table)?.columns.push({ name: c.name, type: c.type });
  for (const k of keys.rows) byName.get(k.table)?.primaryKey.push(k.name);
  for (const f of foreign.rows) {
    const table = byName.get(f.table);
    if (!table) continue;
    if (f.target === f.table) table.selfReferences.push({ name: f.name, definition: f.definition });
    else if (!table.references.includes(f.target)) table.references.push(f.target);
  }
  return foreignKeyOrder([...byName.values()]);
}

/**
 * Parents before children (a topological sort on the foreign keys, ties by name so the order is
 * stable). A cycle between different tables would make an insert-only restore impossible: refused.
 */
export function foreignKeyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: TableInfo[] = [];
  const visit = (table: TableInfo, path: string[]) => {
    if (done.has(table.name)) return;
    if (visiting.has(table.name)) {
      throw new Error(`foreign keys form a cycle: ${[...path, table.name].join(' → ')}`);
    }
    visiting.add(table.name);
    for (const parent of [...table.references].sort()) {
      const p = byName.get(parent);
      if (p) visit(p, [...path, table.name]);
    }
    visiting.delete(table.name);
    done.add(table.name);
    ordered.push(table);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, []);
  return ordered;
}

export interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

/** Every sequence of the public schema with its current position. */
export async function readSequences(db: AnyDb): Promise<SequenceState[]> {
  const names = await sql<{ name: string }>`
    SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`.execute(
    db,
  );
  const states: SequenceState[] = [];
  for (const { name } of names.rows) {
    const r = await sql<{ last_value: string; is_called: boolean }>`
      SELECT last_value::text AS last_value, is_called FROM ${sql.table(name)}`.execute(db);
    const row = r.rows[0];
    if (row) states.push({ name, lastValue: row.last_value, isCalled: row.is_called });
  }
  return states;
}

/** Sequences owned by a column (bigserial ids): restored past the column's maximum. */
export async function readOwnedSequences(
  db: AnyDb,
): Promise<{ sequence: string; table: string; column: string }[]> {
  const r = await sql<{ sequence: string; table: string; column: string }>`
    SELECT s.relname AS sequence, t.relname AS table, a.attname AS column
    FROM pg_depend d
    JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
    JOIN pg_class t ON t.oid = d.refobjid
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
    JOIN pg_namespace n ON n.oid = s.relnamespace
    WHERE n.nspname = 'public' AND d.deptype IN ('a', 'i')
    ORDER BY 1`.execute(db);
  return r.rows;
}

/**
 * Session settings under which every value's text form is exact and the same on both engines:
 * ISO timestamps in UTC, hex bytea, shortest exact floats.
 */
export async function setExactTextOutput(db: AnyDb): Promise<void> {
  await sql`SET LOCAL DateStyle = 'ISO, YMD'`.execute(db);
  await sql`SET LOCAL TimeZone = 'UTC'`.execute(db);
  await sql`SET LOCAL IntervalStyle = 'postgres'`.execute(db);
  await sql`SET LOCAL bytea_output = 'hex'`.execute(db);
  await sql`SET LOCAL extra_float_digits = 3`.execute(db);
}
