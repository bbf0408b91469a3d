// `npm run db:status`: which migrations are applied, server version, database size, rows per table.
// Read-only. (`npm run …` applies pending migrations before any script; run this file directly
// with DATABASE_URL set to see pending ones before they are applied.)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '@/db/factory';
import { readJournal } from './db-backup';

export type MigrationState = { tag: string; state: 'applied' | 'pending' | 'skipped' };
export type DbStatus = {
  database: string;
  server: string;
  version: string;
  size: string;
  migrations: MigrationState[];
  /** Rows of drizzle.__drizzle_migrations that match no migration in this version's journal. */
  unknownMigrations: number;
  tables: { name: string; rows: number }[];
};

/** Reads the status of the database at `url`. Changes nothing. */
export async function getDbStatus(url: string): Promise<DbStatus> {
  const journal = readJournal();
  const { sql } = createDb(url, { max: 1 });
  try {
    const [info] = await sql<{ database: string; server: string; version: string; size: string }[]>`
      select current_database() as database,
             coalesce(host(inet_server_addr()) || ':' || current_setting('port'), 'local socket') as server,
             current_setting('server_version') as version,
             pg_size_pretty(pg_database_size(current_database())) as size`;
    const [{ exists } = { exists: false }] = await sql<{ exists: boolean }[]>`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`;
    const applied = exists ? (await sql<{ createdAt: string }[]>`select created_at::text as "createdAt" from drizzle.__drizzle_migrations`).map((r) => Number(r.createdAt)) : [];
    const last = Math.max(0, ...applied);
    const migrations = journal.map((m): MigrationState => ({
      tag: m.tag,
      // drizzle applies only migrations newer than the last applied one; an older unapplied one is never run.
      state: applied.includes(m.when) ? 'applied' : m.when > last ? 'pending' : 'skipped',
    }));
    const unknownMigrations = applied.filter((w) => !journal.some((m) => m.when === w)).length;

    const names = await sql<{ name: string }[]>`
      select quote_ident(c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' order by c.relname`;
    const tables = names.length
      ? await sql.unsafe<{ name: string; rows: number }[]>(names.map((t) => `select '${t.name.replace(/'/g, "''")}' as name, count(*)::int as rows from public.${t.name}`).join(' union all '))
      : [];
    return { ...info!, migrations, unknownMigrations, tables: [...tables] };
  } finally {
    await sql.end();
  }
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm run db:status sets it for the embedded server).');
  const s = await getDbStatus(url);
  const count = (state: MigrationState['state']) => s.migrations.filter((m) => m.state === state).length;
  console.log(`Database     ${s.database} on ${s.server}`);
  console.log(`PostgreSQL   ${s.version}`);
  console.log(`Size         ${s.size}`);
  console.log(`\nMigrations   ${count('applied')} applied, ${count('pending')} pending${count('skipped') ? `, ${count('skipped')} skipped` : ''}`);
  for (const m of s.migrations) console.log(`  ${m.state === 'applied' ? '✓' : m.state === 'pending' ? '·' : '!'} ${m.tag.padEnd(40)} ${m.state}`);
  if (count('skipped')) console.log('  ! a skipped migration is older than the last applied one: drizzle will never run it.');
  if (s.unknownMigrations) console.log(`  ! ${s.unknownMigrations} applied migration(s) are unknown to this version: the database was migrated by a newer Lectern.`);
  console.log('\nRows');
  if (!s.tables.length) console.log('  (no tables: run npm run db:migrate)');
  for (const t of s.tables) console.log(`  ${t.name.padEnd(32)} ${String(t.rows).padStart(10)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e: unknown) => {
    console.error(`db:status failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
