// `npm run bench`: the app's cold start and request rates against a bare static page of the same
// production build, measured in one run on one machine. Prints a markdown table and writes
// bench/results/latest.json. Everything runs on a throwaway PostgreSQL and a temporary data
// folder, on free ephemeral ports, from a private build in .next-bench: a developer's database,
// data folder and .next build are never used.
// `npm run bench -- video-upload [--size 2GB]` and `npm run bench -- video-processing [--seconds 600]`
// run one of the video benchmarks instead (opt-in by name: processing 10 minutes of 1080p takes about
// a quarter of an hour on two cores).
// `npm run bench -- lesson-page [--runs 3]`: JavaScript sent to a student's browser and Lighthouse scores of a lesson page.
// `npm run bench -- analytics [--segments 200000]` (or BENCH_SEGMENTS): the analytics roll-up, dashboard queries and
// retention curve over a seed of 10 million watched segments (bench/analytics.ts).
// `npm run bench -- materials [--pages 500] [--documents 10000]`: PDF extraction speed and memory, search p95 over 1M blocks.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../db/factory';
import { createUser } from '../db/factories';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-pg.mjs';
import { nextBin, root, tsNode } from '../scripts/lib/runtime.mjs';
import { buildIfNeeded } from './build';
import { LOAD, measureRate, type RateResult } from './load';
import { freePort, runNode, spawnServer, stopAll, stopServer, waitFor200, type Env } from './processes';
import { signInCookieHeader } from './sign-in';

const DIST_DIR = '.next-bench';
const COLD_RUNS = 3;
const resultsDir = path.join(root, 'bench', 'results');
const logsDir = path.join(resultsDir, 'logs');

// Settings that would point a child at the developer's database, data folder, port or build
// (`with-db.mjs` or a shell may have set them) are dropped; each child gets its own below.
const dropped = new Set(['DATABASE_URL', 'AUTH_SECRET', 'APP_URL', 'PORT', 'DATA_DIR', 'NEXT_DIST_DIR', 'EMBEDDED_PG_PORT', 'NODE_ENV']);
const inherited: Env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !dropped.has(k)));
const authSecret = crypto.randomBytes(32).toString('base64url');

const step = (msg: string) => console.log(`▶ ${msg}`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const logFile = (name: string) => path.join(logsDir, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.log`);

type ColdStart = { oursMs: number[]; baselineMs: number[]; oursMedianMs: number; baselineMedianMs: number; ratio: number };
type Rates = { baseline: RateResult; login: RateResult; dashboard: RateResult };

/** `npm start`'s path (scripts/start.mjs: PostgreSQL, migrations, build check, next start) vs a bare `next start`. */
async function measureColdStart(tmp: string, serverEnv: (port: number) => Env): Promise<ColdStart> {
  const dataDir = path.join(tmp, 'data');

  const ours = async (label: string) => {
    const port = await freePort();
    const env: Env = { ...inherited, DATA_DIR: dataDir, PORT: String(port), NEXT_DIST_DIR: DIST_DIR, EMBEDDED_PG_PORT: String(await freePort()), NEXT_TELEMETRY_DISABLED: '1' };
    const started = performance.now();
    // A build or an install inside the timed window would measure those instead of a start.
    const server = spawnServer(`scripts/start.mjs (${label})`, ['scripts/start.mjs'], env, logFile(`cold-ours-${label}`), { watchFor: /Building the app|Installing dependencies/ });
    try {
      return (await waitFor200(`http://localhost:${port}/login`, server, { abortOnWatched: true })) - started;
    } catch (e) {
      if (server.sawWatched()) {
        throw new Error(
          `scripts/start.mjs began a build or an install although ${DIST_DIR} is current, so its start cannot be timed. ` +
            `Either it does not pass NEXT_DIST_DIR to needsBuild(), or app sources changed while the bench ran.\n${e instanceof Error ? e.message : e}`,
        );
      }
      throw e;
    } finally {
      await stopServer(server, { leaderOnly: true });
    }
  };

  const baseline = async (label: string) => {
    const port = await freePort();
    const started = performance.now();
    const server = spawnServer(`next start (${label})`, [nextBin, 'start', '-p', String(port)], serverEnv(port), logFile(`cold-baseline-${label}`));
    try {
      return (await waitFor200(`http://localhost:${port}/baseline`, server)) - started;
    } finally {
      await stopServer(server);
    }
  };

  step('cold start: initialising a data folder (untimed start and stop)');
  await ours('init');
  const oursMs: number[] = [];
  const baselineMs: number[] = [];
  // Interleaved, so a change in machine load affects both sides alike.
  for (let i = 1; i <= COLD_RUNS; i++) {
    oursMs.push(await ours(`run-${i}`));
    baselineMs.push(await baseline(`run-${i}`));
    console.log(`  run ${i}/${COLD_RUNS}: scripts/start.mjs → /login ${Math.round(oursMs[i - 1]!)} ms, next start → /baseline ${Math.round(baselineMs[i - 1]!)} ms`);
  }
  const oursMedianMs = median(oursMs);
  const baselineMedianMs = median(baselineMs);
  const ms = (x: number) => Math.round(x * 10) / 10;
  return { oursMs: oursMs.map(ms), baselineMs: baselineMs.map(ms), oursMedianMs: ms(oursMedianMs), baselineMedianMs: ms(baselineMedianMs), ratio: oursMedianMs / baselineMedianMs };
}

async function expect200(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers, redirect: 'manual' });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}${res.headers.get('location') ? ` → ${res.headers.get('location')}` : ''}, expected 200 before measuring it`);
}

async function measureRates(databaseUrl: string, serverEnv: (port: number) => Env): Promise<Rates> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  step(`request rates: next start on ${base}`);
  const server = spawnServer('next start (rates)', [nextBin, 'start', '-p', String(port)], serverEnv(port), logFile('rates-server'));
  try {
    await waitFor200(`${base}/baseline`, server);
    const { db, sql } = createDb(databaseUrl, { max: 1 });
    const user = await createUser(db).finally(() => sql.end());
    const cookie = await signInCookieHeader(base, user);
    for (const [route, headers] of [['/baseline', {}], ['/login', {}], ['/dashboard', { cookie }]] as const) await expect200(`${base}${route}`, headers);

    const measure = async (route: string, headers: Record<string, string> = {}) => {
      const r = await measureRate(`${base}${route}`, headers);
      console.log(`  ${route}: ${Math.round(r.requestsPerSecond)} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`);
      return r;
    };
    return { baseline: await measure('/baseline'), login: await measure('/login'), dashboard: await measure('/dashboard', { cookie }) };
  } finally {
    await stopServer(server);
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(cold: ColdStart | null, rates: Rates | null): string {
  const rows = ['| metric | ours | baseline | ratio |', '|---|---:|---:|---:|'];
  if (cold) {
    rows.push(`| cold start to first 200, median of ${COLD_RUNS} (ms): \`node scripts/start.mjs\` → /login vs \`next start\` → /baseline | ${fmt(cold.oursMedianMs)} | ${fmt(cold.baselineMedianMs)} | ${fmt(cold.ratio, 2)}× |`);
  } else {
    rows.push('| cold start to first 200 (ms) | failed | failed | – |');
  }
  if (rates) {
    const b = rates.baseline.requestsPerSecond;
    const flag = (r: RateResult) => (r.non2xx || r.errors || r.timeouts ? ` (${r.non2xx} non-2xx, ${r.errors} errors)` : '');
    rows.push(`| /login, dynamic page, anonymous (req/s) | ${fmt(rates.login.requestsPerSecond)}${flag(rates.login)} | ${fmt(b)} | ${fmt(rates.login.requestsPerSecond / b, 2)} |`);
    rows.push(`| /dashboard, signed in (req/s) | ${fmt(rates.dashboard.requestsPerSecond)}${flag(rates.dashboard)} | ${fmt(b)} | ${fmt(rates.dashboard.requestsPerSecond / b, 2)} |`);
    rows.push(`| /baseline, static bare page (req/s) | ${fmt(b)}${flag(rates.baseline)} | ${fmt(b)} | ${fmt(1, 2)} |`);
  } else {
    rows.push('| request rates (req/s) | failed | failed | – |');
  }
  return rows.join('\n');
}

async function main() {
  fs.mkdirSync(logsDir, { recursive: true });
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter this folder.
  fs.chmodSync(tmp, 0o755);
  let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  const cleanup = async () => {
    await stopAll();
    if (pg) await pg.stop().catch(() => {});
    pg = null;
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.error(`\n${sig}: stopping the bench's servers…`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  const errors: string[] = [];
  const notes: string[] = [];
  let cold: ColdStart | null = null;
  let rates: Rates | null = null;
  let buildSeconds: number | null = null;
  try {
    step('starting a throwaway PostgreSQL');
    const pgOptions = { dataDir: path.join(tmp, 'pg'), persistent: false, fsync: false, database: 'lectern_bench' };
    pg = await startEmbeddedPostgres(pgOptions);
    const databaseUrl = pg.url;
    await runNode([...tsNode, 'db/migrate.ts'], { ...inherited, DATABASE_URL: databaseUrl }, { quiet: true });

    step(`production build in ${DIST_DIR} (only when sources changed)`);
    const build = await buildIfNeeded(DIST_DIR, { ...inherited, DATABASE_URL: databaseUrl });
    buildSeconds = build.seconds;
    notes.push(...build.notes);
    console.log(build.seconds === null ? '  current, not rebuilt' : `  built in ${fmt(build.seconds)} s (not part of any figure)`);

    const serverEnv = (port: number): Env => ({
      ...inherited,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: authSecret,
      APP_URL: `http://localhost:${port}`,
      AUTH_TRUST_HOST: 'true',
      NODE_ENV: 'production',
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
    });

    try {
      cold = await measureColdStart(tmp, serverEnv);
    } catch (e) {
      errors.push(`cold start: ${e instanceof Error ? e.message : e}`);
      console.error(`✖ ${errors.at(-1)}`);
    }
    try {
      rates = await measureRates(databaseUrl, serverEnv);
    } catch (e) {
      errors.push(`request rates: ${e instanceof Error ? e.message : e}`);
      console.error(`✖ ${errors.at(-1)}`);
    }
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
    console.error(`✖ ${errors.at(-1)}`);
  } finally {
    await cleanup();
  }

  const cpus = os.cpus();
  const machine = { cpus: cpus.length, cpuModel: cpus[0]?.model.trim() ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}`, memoryGb: Math.round(os.totalmem() / 2 ** 30), loadAverage1mBefore: loadBefore[0] ?? 0, loadAverage1mAfter: os.loadavg()[0] ?? 0 };
  const unhealthy = rates && Object.values(rates).some((r) => r.non2xx || r.errors || r.timeouts);
  if (unhealthy) errors.push('some measured requests did not answer 2xx (see the table); those rates are not comparable');

  console.log(`\n## Lectern benchmark, ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC\n`);
  console.log(table(cold, rates));
  console.log(
    `\nMachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.platform}, Node ${machine.node}; 1-min load average ${fmt(machine.loadAverage1mBefore, 2)} before, ${fmt(machine.loadAverage1mAfter, 2)} after.`,
  );
  console.log(
    `Cold start ratio: times slower than the bare \`next start\` (which finds PostgreSQL already running). Request-rate ratio: share of the bare page's rate. ` +
      `Rates: autocannon, ${LOAD.connections} connections, ${LOAD.warmupSeconds} s warm-up then ${LOAD.seconds} s per URL, 2xx responses only, one \`next start\` of the ${DIST_DIR} build.`,
  );
  for (const n of notes) console.log(`Note: ${n}`);
  for (const e of errors) console.error(`\n✖ ${e}`);

  const result = {
    date: startedAt.toISOString(),
    machine,
    settings: { distDir: DIST_DIR, coldRuns: COLD_RUNS, ...LOAD, buildSeconds },
    coldStart: cold,
    rates: rates && {
      baseline: rates.baseline,
      login: { ...rates.login, ratioToBaseline: rates.login.requestsPerSecond / rates.baseline.requestsPerSecond },
      dashboard: { ...rates.dashboard, ratioToBaseline: rates.dashboard.requestsPerSecond / rates.baseline.requestsPerSecond },
    },
    notes,
    errors,
  };
  fs.writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`\nWrote ${path.relative(root, path.join(resultsDir, 'latest.json'))}; server logs in ${path.relative(root, logsDir)}/.`);
  process.exit(errors.length ? 1 : 0);
}

// Named benchmarks, run instead of the default one; each prints its own table and sets the exit code.
const named: Record<string, () => Promise<{ run: (argv: string[]) => Promise<number> }>> = {
  'video-upload': () => import('./video-upload'),
  'video-processing': () => import('./video-processing'),
  beats: () => import('./beats'),
  'lesson-page': () => import('./lesson-page'),
  analytics: () => import('./analytics'),
  materials: () => import('./materials'),
};
const [first, ...rest] = process.argv.slice(2);
if (first && !first.startsWith('-')) {
  const load = named[first];
  if (!load) {
    console.error(`Unknown benchmark "${first}". Run \`npm run bench\` for the default one, or one of: ${Object.keys(named).join(', ')}.`);
    process.exit(2);
  }
  try {
    process.exit(await (await load()).run(rest));
  } catch (e) {
    console.error(`✖ ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
} else {
  await main();
}
