// `npm run db:backup [-- --out file]`: a consistent plain-SQL data dump that `npm run db:restore`
// (or psql) can load. There is no pg_dump for PostgreSQL 18 on the machines Lectern targets, so the
// dump is written here in pg_dump's data-only plain format: header, SET lines, one COPY block per
// table in foreign-key order, then the sequence values.
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type postgres from 'postgres';
import { createDb } from '@/db/factory';
import { migrationsFolder } from '@/db/migrate';

/** Bump when the file layout changes in a way an older restore could not read. */
export const BACKUP_FORMAT = 1;
export const HEADER_TITLE = '-- Lectern database backup';
export const FORMAT_PREFIX = '-- Format: lectern-backup/';
export const TRAILER = '-- Lectern backup complete';
export const MIGRATIONS_TABLE = 'drizzle.__drizzle_migrations';

/** An expected failure: the CLI prints its message without a stack trace. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

// The query surface shared by a pool and a transaction.
type Sql = postgres.ISql;

/** The migrations this version of Lectern ships, oldest first (`when` is drizzle's created_at). */
export function readJournal(): { tag: string; when: number }[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

export type TableInfo = { oid: string; name: string; columns: string[] };
export type BackupSummary = { file: string; bytes: number; tables: { name: string; rows: number }[]; sequences: number };

/**
 * Tables of one schema with their copyable columns, names already quoted by the server
 * (quote_ident, as pg_dump does). Generated columns cannot be loaded by COPY, so they are left out.
 */
export async function listTables(sql: Sql, schema: string): Promise<TableInfo[]> {
  return sql<TableInfo[]>`
    select c.oid::text as oid,
           quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name,
           array(
             select quote_ident(a.attname) from pg_attribute a
             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
             order by a.attnum
           ) as columns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind = 'r'
    order by c.relname`;
}

/** Parents before children, so a plain load never violates a foreign key; ties by name. */
export async function inDependencyOrder(sql: Sql, tables: TableInfo[]): Promise<TableInfo[]> {
  const edges = await sql<{ child: string; parent: string }[]>`
    select conrelid::text as child, confrelid::text as parent from pg_constraint where contype = 'f' and conrelid <> confrelid`;
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const parents = new Map(tables.map((t) => [t.oid, new Set<string>()]));
  for (const e of edges) if (byOid.has(e.child) && byOid.has(e.parent)) parents.get(e.child)!.add(e.parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t.oid) && [...parents.get(t.oid)!].every((p) => done.has(p)));
    // A foreign-key cycle has no valid order; take the rest by name (none exists in Lectern's schema).
    const next = ready.length ? ready : tables.filter((t) => !done.has(t.oid));
    for (const t of next) {
      ordered.push(t);
      done.add(t.oid);
    }
  }
  return ordered;
}

/**
 * Streams `copy … to stdout` into `onChunk`. Two postgres.js 3.4.9 traps are handled here:
 * - the socket can stay paused when the last CopyData and CopyDone arrive in one chunk while the
 *   stream is full (porsager/postgres#499, PR #1016), and every later query on the connection then
 *   hangs. The stream's _read resumes the socket; calling it once more after the end is harmless.
 * - leaving the loop early (say, the disk is full) would strand the rest of the COPY on the
 *   connection, so ROLLBACK could never run. The rest is read and dropped, then the error thrown.
 */
async function copyOut(sql: Sql, statement: string, onChunk: (chunk: Buffer) => Promise<void>) {
  const stream: Readable = await sql.unsafe(statement).readable();
  let failure: unknown = null;
  try {
    for await (const chunk of stream) {
      if (failure) continue;
      await onChunk(chunk as Buffer).catch((e: unknown) => (failure = e));
    }
  } finally {
    stream._read(0);
  }
  if (failure) throw failure;
}

function countLines(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}

const setLines = [
  'SET statement_timeout = 0;',
  'SET lock_timeout = 0;',
  'SET idle_in_transaction_session_timeout = 0;',
  "SET client_encoding = 'UTF8';",
  'SET standard_conforming_strings = on;',
  "SELECT pg_catalog.set_config('search_path', '', false);",
  'SET check_function_bodies = false;',
  'SET xmloption = content;',
  'SET client_min_messages = warning;',
  'SET row_security = off;',
];

/** Writes a full data backup of `url` to `outFile` (atomically: a failed run leaves no file). */
export async function backupDatabase(url: string, outFile: string): Promise<BackupSummary> {
  const file = path.resolve(outFile);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  // Password hashes and reset tokens are in here: readable by the owner only.
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  // A write error (disk full) arrives as an event: keep it so every later step can see it.
  const outFailed = new Promise<never>((_, reject) => out.once('error', reject));
  outFailed.catch(() => {});
  const put = async (text: string | Buffer) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), outFailed]);
  };
  const { sql } = createDb(url, { max: 1 });
  try {
    await Promise.race([once(out, 'open'), outFailed]);
    // One read-only snapshot: every table is dumped as of the same instant.
    const result = await sql.begin('isolation level repeatable read read only', async (tx) => {
      // Settings pg_dump uses too: unambiguous dates and intervals, exact floats.
      await tx`select set_config('datestyle', 'ISO', true), set_config('intervalstyle', 'postgres', true), set_config('extra_float_digits', '3', true)`;
      const [info] = await tx<{ version: string; database: string }[]>`select current_setting('server_version') as version, current_database() as database`;
      const [migrationsTable] = await listTables(tx, 'drizzle');
      if (!migrationsTable || migrationsTable.name !== MIGRATIONS_TABLE) {
        throw new BackupError(`The database "${info!.database}" has no Lectern schema (${MIGRATIONS_TABLE} is missing): run the migrations first (npm run db:migrate).`);
      }
      const tables = await inDependencyOrder(tx, await listTables(tx, 'public'));
      const [latest] = await tx<{ createdAt: string | null; n: number }[]>`select max(created_at)::text as "createdAt", count(*)::int as n from drizzle.__drizzle_migrations`;
      const latestTag = readJournal().find((m) => String(m.when) === latest!.createdAt)?.tag ?? 'unknown to this version of Lectern';

      await put(
        [
          '--',
          HEADER_TITLE,
          '--',
          `${FORMAT_PREFIX}${BACKUP_FORMAT}`,
          `-- Created: ${new Date().toISOString()}`,
          `-- Database: ${info!.database}`,
          `-- Dumped from database version ${info!.version}`,
          `-- Schema version: ${latestTag} (${latest!.n} migration${latest!.n === 1 ? '' : 's'} applied, listed in ${MIGRATIONS_TABLE} below)`,
          '--',
          "-- Data only, in pg_dump's plain format. Restore with `npm run db:restore -- <file>`, which",
          '-- applies the migrations first, or with `psql -v ON_ERROR_STOP=1 -f <file>` into a database',
          '-- already migrated to the same schema version. Either way all data in these tables is replaced.',
          '--',
          '',
          ...setLines,
          '',
          'BEGIN;',
          '',
          `TRUNCATE TABLE ${[migrationsTable, ...tables].map((t) => t.name).join(', ')};`,
          '',
          '',
        ].join('\n'),
      );

      const counts: { name: string; rows: number }[] = [];
      // The migrations table first: a restore reads the schema version before loading anything.
      for (const t of [migrationsTable, ...tables]) {
        const [schema, relname] = t.name.split('.');
        await put(`--\n-- Data for Name: ${relname}; Type: TABLE DATA; Schema: ${schema}\n--\n\n`);
        await put(`COPY ${t.name} (${t.columns.join(', ')}) FROM stdin;\n`);
        let rows = 0;
        await copyOut(tx, `copy ${t.name} (${t.columns.join(', ')}) to stdout`, async (chunk) => {
          rows += countLines(chunk);
          await put(chunk);
        });
        await put('\\.\n\n\n');
        if (t !== migrationsTable) counts.push({ name: t.name, rows });
      }

      // Sequences are not transactional: values read now may be slightly ahead of the snapshot,
      // which only leaves a gap in ids.
      const sequences = await tx<{ name: string; literal: string }[]>`
        select quote_ident(schemaname) || '.' || quote_ident(sequencename) as name,
               quote_literal(quote_ident(schemaname) || '.' || quote_ident(sequencename)) as literal
        from pg_sequences where schemaname in ('public', 'drizzle') order by schemaname, sequencename`;
      if (sequences.length) await put('--\n-- Sequence values\n--\n\n');
      for (const s of sequences) {
        const [v] = await tx.unsafe<{ last_value: string; is_called: boolean }[]>(`select last_value, is_called from ${s.name}`);
        await put(`SELECT pg_catalog.setval(${s.literal}, ${v!.last_value}, ${v!.is_called});\n`);
      }
      await put(`\nCOMMIT;\n\n--\n${TRAILER}\n--\n`);
      return { tables: counts, sequences: sequences.length };
    });
    await Promise.race([new Promise<void>((resolve) => out.end(resolve)), outFailed]);
    fs.renameSync(partial, file);
    return { file, bytes: fs.statSync(file).size, ...result };
  } catch (e) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw e;
  } finally {
    await sql.end();
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

function defaultOutFile(): string {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  // Same data folder as `npm start` (scripts/lib/runtime.mjs): DATA_DIR, else .data.
  const dataDir = path.resolve(root, process.env.DATA_DIR || '.data');
  const stamp = new Date().toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  return path.join(dataDir, 'backups', `lectern-${stamp}.sql`);
}

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log('usage: npm run db:backup [-- --out <file>]\nWrites a plain-SQL data backup (default: .data/backups/lectern-<time>.sql).');
    return;
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new BackupError('DATABASE_URL is not set (npm run db:backup sets it for the embedded server).');
  // npm runs scripts from the project root; a relative path means relative to where the user typed it.
  const out = values.out ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out) : defaultOutFile();
  const summary = await backupDatabase(url, out);
  const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`Backup written: ${summary.file}`);
  console.log(`  ${formatBytes(summary.bytes)}, ${summary.tables.length} tables, ${rows} rows, ${summary.sequences} sequences`);
  for (const t of summary.tables) console.log(`  ${t.name.padEnd(32)} ${String(t.rows).padStart(8)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e: unknown) => {
    console.error(`Backup failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
