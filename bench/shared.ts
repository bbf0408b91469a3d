// The bootstrap every benchmark shares: results and logs folders, a child environment that never
// points at the developer's database, data folder, port or build, a throwaway migrated PostgreSQL, a
// current production build, a temporary folder removed on exit and Ctrl-C, the machine line printed
// under every table, and number formatting.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { needsBuild } from '../scripts/lib/build.mjs';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-pg.mjs';
import { root, tsNode } from '../scripts/lib/runtime.mjs';
import { buildIfNeeded } from './build';
import { runNode, stopServer, type Env, type Server } from './processes';

export const resultsDir = path.join(root, 'bench', 'results');
export const logsDir = path.join(resultsDir, 'logs');

// Settings that would point a child at the developer's database, data folder, port, build or
// object store are dropped; each child gets its own.
const dropped = new Set(['DATABASE_URL', 'AUTH_SECRET', 'APP_URL', 'PORT', 'DATA_DIR', 'NEXT_DIST_DIR', 'EMBEDDED_PG_PORT', 'NODE_ENV']);
export const inheritedEnv = (): Env => Object.fromEntries(Object.entries(process.env).filter(([k]) => !dropped.has(k) && !k.startsWith('S3_')));

// Same browser and flags as playwright.config.ts: Debian's Chromium when present, else Playwright's own.
export const chromiumLaunchOptions = {
  executablePath: [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p)),
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
};

export const step = (msg: string) => console.log(`▶ ${msg}`);
export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);
export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export type Pg = Awaited<ReturnType<typeof startEmbeddedPostgres>>;

/** A throwaway PostgreSQL under `dir` with the app's migrations (and pg-boss's schema) applied. */
export async function startMigratedPg(dir: string, database: string): Promise<Pg> {
  const pg = await startEmbeddedPostgres({ dataDir: dir, persistent: false, fsync: false, database });
  try {
    await runNode([...tsNode, 'db/migrate.ts'], { ...inheritedEnv(), DATABASE_URL: pg.url }, { quiet: true });
  } catch (e) {
    await pg.stop().catch(() => {});
    throw e;
  }
  return pg;
}

/**
 * A current production build: the bench's own .next-bench, else the e2e tier's .next-test when that
 * one is current, else a fresh build into .next-bench (its time is reported, never measured).
 */
export async function currentBuild(env: Env): Promise<{ distDir: string; notes: string[] }> {
  if (!needsBuild('.next-bench')) return { distDir: '.next-bench', notes: [] };
  if (!needsBuild('.next-test')) return { distDir: '.next-test', notes: ['reused the e2e build in .next-test'] };
  step('production build in .next-bench (sources changed since the last one)');
  const b = await buildIfNeeded('.next-bench', env);
  return { distDir: '.next-bench', notes: [...b.notes, ...(b.seconds === null ? [] : [`built .next-bench in ${fmt(b.seconds)} s first (not part of any figure)`])] };
}

const loadAtStart = os.loadavg()[0] ?? 0;

/** CPU, memory, OS, Node and the 1-min load average at the bench's start and now (other work on the machine skews every figure). */
export function machineLine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.platform()} ${os.release()}, Node ${process.version}; 1-min load average ${fmt(loadAtStart, 2)} at the start, ${fmt(os.loadavg()[0] ?? 0, 2)} at the end`;
}

export const cpuName = () => `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`;

export const stamp = () => new Date().toISOString().slice(0, 16).replace('T', ' ');

/** Runs `fn` with a temporary folder (readable by the `postgres` user when running as root), removed afterwards and on Ctrl-C. */
export async function withTempDir<T>(prefix: string, fn: (dir: string, onCleanup: (f: () => Promise<void> | void) => void) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  const cleanups: (() => Promise<void> | void)[] = [];
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const f of cleanups.reverse()) await Promise.resolve().then(f).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    console.error(`\n${sig}: stopping the bench's servers and removing ${dir}…`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(dir, (f) => cleanups.push(f));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}

export type BenchEnv = {
  tmp: string;
  /** Servers the bench starts: stopped at the end, last started first, before PostgreSQL. */
  servers: Server[];
  /** Starts the throwaway PostgreSQL in <tmp>/pg with the app's migrations; stopped at the end. */
  startPg: (database: string) => Promise<Pg>;
  onCleanup: (f: () => Promise<void> | void) => void;
};

/** withTempDir with what every bench runs in it: its servers and a throwaway PostgreSQL, all stopped afterwards and on Ctrl-C. */
export function withBenchEnv<T>(prefix: string, fn: (env: BenchEnv) => Promise<T>): Promise<T> {
  return withTempDir(prefix, async (tmp, onCleanup) => {
    let pg: Pg | null = null;
    const servers: Server[] = [];
    onCleanup(async () => {
      for (const s of servers.reverse()) await stopServer(s);
      await pg?.stop();
    });
    const startPg = async (database: string) => {
      step('starting a throwaway PostgreSQL');
      pg = await startMigratedPg(path.join(tmp, 'pg'), database);
      return pg;
    };
    return fn({ tmp, servers, startPg, onCleanup });
  });
}
