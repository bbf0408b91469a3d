// `npm run db:restore -- <file> [--force]`: loads a backup written by `npm run db:backup`.
// The whole file is checked before the database is touched; the data is then replaced in one
// transaction, so a failure part-way leaves the database as it was.
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type postgres from 'postgres';
import { createDb } from '@/db/factory';
import { runMigrations } from '@/db/migrate';
import { BACKUP_FORMAT, BackupError, FORMAT_PREFIX, HEADER_TITLE, MIGRATIONS_TABLE, TRAILER, readJournal } from './db-backup';

// The query surface shared by a pool and a transaction.
type Sql = postgres.ISql;

type CopyBlock = { schema: string; table: string; columns: string[]; rows: number };
type SetVal = { sequence: string; value: string; isCalled: boolean };
export type BackupPlan = { blocks: CopyBlock[]; setvals: SetVal[]; migrations: number[] };
export type RestoreSummary = { tables: { name: string; rows: number }[]; sequences: number };

// ---------------------------------------------------------------------------------------------
// Reading the file

/** Reads one identifier at `s[i]`: "quoted" (with "" escapes) or plain (folded to lower case, as SQL does). */
function readIdent(s: string, i: number): [name: string, end: number] | null {
  if (s[i] === '"') {
    let name = '';
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] !== '"') name += s[j];
      else if (s[j + 1] === '"') name += s[++j];
      else return name ? [name, j + 1] : null;
    }
    return null;
  }
  const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(s.slice(i));
  return m ? [m[0].toLowerCase(), i + m[0].length] : null;
}

/** `COPY schema.table (a, b) FROM stdin;` → its parts, or null when the line is anything else. */
export function parseCopyHeader(line: string): Omit<CopyBlock, 'rows'> | null {
  if (!line.startsWith('COPY ')) return null;
  const schema = readIdent(line, 5);
  if (!schema || line[schema[1]] !== '.') return null;
  const table = readIdent(line, schema[1] + 1);
  if (!table || line.slice(table[1], table[1] + 2) !== ' (') return null;
  const columns: string[] = [];
  let i = table[1] + 2;
  for (;;) {
    const col = readIdent(line, i);
    if (!col) return null;
    columns.push(col[0]);
    i = col[1];
    if (line.startsWith(', ', i)) i += 2;
    else break;
  }
  return line.slice(i) === ') FROM stdin;' ? { schema: schema[0], table: table[0], columns } : null;
}

const setvalLine = /^SELECT pg_catalog\.setval\('((?:[^']|'')+)', (-?\d+), (true|false)\);$/;
// Statements the file may carry for psql that a restore through this script does itself or skips.
const passiveLine = /^(SET [a-z_]+ = .+;|SELECT pg_catalog\.set_config\('search_path', '', false\);|BEGIN;|COMMIT;|TRUNCATE TABLE .+;)$/;

function lines(file: string) {
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  // Leaving a loop early closes the interface but not the file.
  rl.once('close', () => input.destroy());
  return rl;
}

/** The first bytes decide cheaply, before a binary file's first "line" is read whole. */
function readPrefix(file: string, bytes: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, fs.readSync(fd, buf, 0, bytes, 0)).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Checks the whole file without touching a database; throws a BackupError naming the problem. */
export async function readBackupPlan(file: string): Promise<BackupPlan> {
  if (!fs.existsSync(file)) throw new BackupError(`Backup file not found: ${file}`);
  if (!fs.statSync(file).isFile()) throw new BackupError(`Not a file: ${file}`);
  const plan: BackupPlan = { blocks: [], setvals: [], migrations: [] };
  const notLectern = (why: string) => new BackupError(`${file} is not a Lectern backup: ${why}. Backups are made with \`npm run db:backup\`.`);
  const prefix = readPrefix(file, 256);
  if (!prefix) throw notLectern('the file is empty');
  if (prefix.includes('PostgreSQL database dump')) throw notLectern('it is a pg_dump file (restore it with psql or pg_restore)');
  if (!prefix.startsWith(`--\n${HEADER_TITLE}\n--\n${FORMAT_PREFIX}`)) throw notLectern('the Lectern backup header is missing');
  let n = 0;
  let block: CopyBlock | null = null;
  let createdAtColumn = -1;
  let last = '';
  let sawTrailer = false;
  // The first problem found; reported after the scan, unless the file turns out to be cut off
  // (a truncated file also looks damaged at its last line, but "incomplete" is the useful news).
  let problem: string | null = null;
  const damaged = (why: string) => void (problem ??= `${file} is damaged or was edited: ${why}`);
  for await (const line of lines(file)) {
    n++;
    if (n <= 4) {
      // --, title, -- (checked above), then the format version.
      if (n === 4 && line !== `${FORMAT_PREFIX}${BACKUP_FORMAT}`) {
        throw new BackupError(`${file} uses backup format ${line.slice(FORMAT_PREFIX.length)}, which this version of Lectern cannot read (it reads format ${BACKUP_FORMAT}). Update Lectern, then restore.`);
      }
      continue;
    }
    if (block) {
      if (line === '\\.') {
        plan.blocks.push(block);
        block = null;
        continue;
      }
      // COPY text format escapes tabs inside values, so a raw tab always separates columns.
      const fields = line.split('\t');
      if (fields.length !== block.columns.length) {
        damaged(`line ${n} has ${fields.length} values where ${block.schema}.${block.table} has ${block.columns.length} columns.`);
      }
      if (createdAtColumn >= 0) {
        const createdAt = Number(fields[createdAtColumn]);
        if (Number.isSafeInteger(createdAt)) plan.migrations.push(createdAt);
        else damaged(`line ${n} holds no migration time.`);
      }
      block.rows++;
      continue;
    }
    if (sawTrailer && line !== '--' && line !== '') damaged(`text after the end marker (line ${n}).`);
    last = line;
    if (line === '' || line.startsWith('--')) {
      if (line === TRAILER) sawTrailer = true;
      continue;
    }
    const copy = parseCopyHeader(line);
    if (copy) {
      const qualified = `${copy.schema}.${copy.table}`;
      if (copy.schema !== 'public' && qualified !== MIGRATIONS_TABLE) damaged(`data for ${qualified}, outside the Lectern schema (line ${n}).`);
      if (plan.blocks.some((b) => b.schema === copy.schema && b.table === copy.table)) damaged(`${qualified} appears twice (line ${n}).`);
      block = { ...copy, rows: 0 };
      createdAtColumn = qualified === MIGRATIONS_TABLE ? copy.columns.indexOf('created_at') : -1;
      if (qualified === MIGRATIONS_TABLE && createdAtColumn < 0) damaged(`${MIGRATIONS_TABLE} has no created_at column (line ${n}).`);
      continue;
    }
    const setval = setvalLine.exec(line);
    if (setval) {
      plan.setvals.push({ sequence: setval[1]!.replace(/''/g, "'"), value: setval[2]!, isCalled: setval[3] === 'true' });
      continue;
    }
    if (passiveLine.test(line)) continue;
    damaged(`unexpected statement on line ${n}: ${line.slice(0, 80)}`);
  }
  if (block) throw new BackupError(`${file} is incomplete: the data for ${block.schema}.${block.table} is cut off. The backup was probably interrupted or truncated.`);
  if (!sawTrailer) throw new BackupError(`${file} is incomplete: it does not end with "${TRAILER}" (the last line is "${last.slice(0, 60)}"). The backup was probably interrupted or truncated.`);
  if (problem) throw new BackupError(problem);
  if (!plan.blocks.some((b) => `${b.schema}.${b.table}` === MIGRATIONS_TABLE)) throw new BackupError(`${file} has no schema version (${MIGRATIONS_TABLE} is missing).`);
  return plan;
}

/**
 * The data can only go into the schema it was taken from: COPY maps columns by name, but a newer
 * schema may need data migrations the rows never went through.
 */
export function checkSchemaVersion(file: string, backup: number[]) {
  const journal = readJournal();
  const tagOf = (when: number) => journal.find((m) => m.when === when)?.tag;
  const sorted = [...backup].sort((a, b) => a - b);
  const unknown = sorted.filter((w) => !tagOf(w));
  const latest = journal.at(-1)?.tag ?? 'none';
  if (unknown.length) {
    throw new BackupError(`${file} was made by a newer version of Lectern: its schema has ${unknown.length} migration(s) this version does not know. Update Lectern to the version that made it, then restore.`);
  }
  if (sorted.length !== journal.length || sorted.some((w, i) => w !== journal[i]!.when)) {
    const theirs = sorted.length ? tagOf(sorted.at(-1)!) : 'none';
    throw new BackupError(
      `${file} is from an older schema (${theirs}); this version of Lectern is at ${latest}. Restoring older backups is not supported: restore it with the Lectern version that made it, then upgrade (the upgrade migrates the data).`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Loading

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
// The app writes this app_settings row at start while no admin exists; it is not user data.
const SETUP_TOKEN_KEY = 'setupTokenHash';

async function publicTables(sql: Sql): Promise<{ name: string; columns: string[] }[]> {
  return sql<{ name: string; columns: string[] }[]>`
    select c.relname as name,
           array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'
    order by c.relname`;
}

/** Names of the public tables that hold rows (the first-run setup token does not count). */
export async function tablesWithData(sql: Sql): Promise<string[]> {
  const found: string[] = [];
  for (const t of await publicTables(sql)) {
    const filter = t.name === 'app_settings' ? ` where key <> '${SETUP_TOKEN_KEY}'` : '';
    const [r] = await sql.unsafe<{ has: boolean }[]>(`select exists (select 1 from public.${quoteIdent(t.name)}${filter}) as has`);
    if (r?.has) found.push(t.name);
  }
  return found;
}

function refuseNonEmpty(tables: string[]): never {
  throw new BackupError(
    `The database already has data (in ${tables.join(', ')}). A restore replaces all of it. ` +
      'If that is what you want, take a backup first (npm run db:backup), then re-run with --force.',
  );
}

/**
 * postgres.js 3.4.9 never settles a COPY FROM writable when the server rejects the data
 * (porsager/postgres#1173): the error is passed to the query's reject, a no-op because the query
 * already resolved with the stream. Hooking reject turns that into a promise we can wait on.
 */
async function copyIn(sql: Sql, statement: string) {
  const query = sql.unsafe(statement) as ReturnType<Sql['unsafe']> & { reject: (e: unknown) => void };
  let fail!: (e: unknown) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {}); // also rejects when the statement itself fails; that error is thrown below
  const reject = query.reject;
  query.reject = (e) => {
    fail(e);
    reject(e);
  };
  const stream: Writable = await query.writable();
  const finished = new Promise<void>((resolve, reject) => stream.once('finish', resolve).once('error', reject));
  finished.catch(() => {}); // observed through the races below
  return {
    write: async (chunk: string) => {
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed, finished]);
    },
    end: async () => {
      stream.end();
      await Promise.race([finished, failed]);
    },
    /** Ends an unfinished COPY with CopyFail, so the connection can go on to ROLLBACK. */
    abort: (e: unknown) => {
      if (!stream.writableEnded) stream.destroy(e instanceof Error ? e : new Error(String(e)));
    },
  };
}

/**
 * Replaces all data in the database at `url` with the backup in `file`. Refuses when the database
 * already has data unless `force`. Runs the migrations first, so an empty database works.
 */
export async function restoreDatabase(url: string, file: string, opts: { force?: boolean } = {}): Promise<RestoreSummary> {
  const plan = await readBackupPlan(file);
  checkSchemaVersion(file, plan.migrations);
  const { sql } = createDb(url, { max: 1 });
  try {
    // Checked before the migrations so that a refusal leaves the database exactly as it was.
    if (!opts.force) {
      const busy = await tablesWithData(sql);
      if (busy.length) refuseNonEmpty(busy);
    }
    await runMigrations(url);
    return await sql.begin(async (tx) => {
      const tables = await publicTables(tx);
      if (!opts.force) {
        const busy = await tablesWithData(tx);
        if (busy.length) refuseNonEmpty(busy);
      }
      // The migrations table is not loaded: migrations wrote it for this very schema version, which
      // checkSchemaVersion has proven to be the backup's.
      const blocks = plan.blocks.filter((b) => b.schema === 'public');
      for (const b of blocks) {
        const target = tables.find((t) => t.name === b.table);
        if (!target) throw new BackupError(`The backup has data for table ${b.table}, which the database does not have.`);
        const missing = b.columns.filter((c) => !target.columns.includes(c));
        if (missing.length) throw new BackupError(`The backup has columns ${missing.join(', ')} of ${b.table}, which the database does not have.`);
      }
      if (tables.length) await tx.unsafe(`truncate table ${tables.map((t) => `public.${quoteIdent(t.name)}`).join(', ')} restart identity cascade`);

      let block: CopyBlock | null = null;
      let copy: Awaited<ReturnType<typeof copyIn>> | null = null;
      let skipping = false;
      let buffer = '';
      try {
        for await (const line of lines(file)) {
          if (copy) {
            if (line !== '\\.') {
              buffer += line + '\n';
              if (buffer.length < 256 * 1024) continue;
            }
            if (buffer) await copy.write(buffer);
            buffer = '';
            if (line === '\\.') {
              await copy.end();
              copy = null;
            }
          } else if (skipping) {
            skipping = line !== '\\.';
          } else if (line.startsWith('COPY ')) {
            const header = parseCopyHeader(line)!;
            // Only the Lectern tables are loaded; the migrations table block is skipped (see above).
            if (header.schema !== 'public') {
              skipping = true;
              continue;
            }
            block = blocks.find((b) => b.table === header.table)!;
            copy = await copyIn(tx, `copy public.${quoteIdent(block.table)} (${block.columns.map(quoteIdent).join(', ')}) from stdin`);
          }
        }
      } catch (e) {
        copy?.abort(e);
        if (e instanceof BackupError || !block) throw e;
        // PostgreSQL's `where` names the COPY line, e.g. "COPY users, line 3, column email".
        const where = (e as { where?: string }).where;
        throw new BackupError(`Loading ${block.table} failed, so no data was changed: ${e instanceof Error ? e.message : String(e)}${where ? ` (${where})` : ''}`);
      }
      const sequences = plan.setvals.filter((s) => s.sequence.startsWith('public.'));
      for (const s of sequences) await tx`select pg_catalog.setval(${s.sequence}::regclass, ${s.value}::bigint, ${s.isCalled})`;
      return { tables: blocks.map((b) => ({ name: `public.${b.table}`, rows: b.rows })), sequences: sequences.length };
    });
  } finally {
    await sql.end();
  }
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  const usage = 'usage: npm run db:restore -- <backup.sql> [--force]\nReplaces all data with the backup. --force is needed when the database already has data.';
  if (values.help) return console.log(usage);
  if (positionals.length !== 1) throw new BackupError(`give exactly one backup file.\n${usage}`);
  const url = process.env.DATABASE_URL;
  if (!url) throw new BackupError('DATABASE_URL is not set (npm run db:restore sets it for the embedded server).');
  // npm runs scripts from the project root; a relative path means relative to where the user typed it.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);
  const summary = await restoreDatabase(url, file, { force: values.force });
  const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`Restored ${file}`);
  console.log(`  ${summary.tables.length} tables, ${rows} rows, ${summary.sequences} sequences`);
  for (const t of summary.tables) console.log(`  ${t.name.padEnd(32)} ${String(t.rows).padStart(8)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e: unknown) => {
    console.error(`Restore failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
