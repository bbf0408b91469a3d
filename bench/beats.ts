// `npm run bench -- beats [--seconds 20] [--connections 10,50] [--rounds 1] [--viewers 2000] [--routes beats,noop,bare]
//                         [--no-fsync] [--pg-stats] [--profile]`
// Playback beat ingestion (POST /api/beats: size cap, JSON, strict zod, ticket HMAC, rate limit, group
// commit) against a no-op route handler of the same production build (POST /api/bench/noop, present
// only with BENCH_ROUTES=1), both fed the same kind of bodies by autocannon over loopback, phases
// interleaved. A third reference, "bare", posts the same bodies made unparseable to /api/beats: the
// route reads them and answers 400 — a no-op that, like the beats route, skips proxy.ts (the no-op
// route does not). Afterwards the database is checked: every (view, seq) sent is stored exactly once,
// every segment once, none clamped, and re-sent duplicates add nothing; then an in-process breakdown
// times the route's parsing and group commits of 1–200 requests. Throwaway PostgreSQL, free ports;
// prints markdown tables and writes bench/results/beats.json.
// Alone: node --conditions=react-server --import tsx bench/beats.ts [options]
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-pg.mjs';
import { nextBin, root, tsNode } from '../scripts/lib/runtime.mjs';
import { freePort, runNode, spawnServer, stopAll, waitFor200, type Env, type Server } from './processes';
import { currentBuild } from './shared';

const DURATION_SECONDS = 600;
/** Tickets are dated this far back, so the elapsed-time bound never clamps a generated segment. */
const TICKET_AGE_MS = 6 * 3600_000;
const WARMUP_SECONDS = 3;
const DUPLICATE_SAMPLE = 1000;
const TARGET_RATIO = 0.7;
/** Views (students) the in-process breakdown writes with; its largest group commit. */
const BREAKDOWN_VIEWS = 200;
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

const resultsDir = path.join(root, 'bench', 'results');
const logsDir = path.join(resultsDir, 'logs');
const dropped = new Set(['DATABASE_URL', 'AUTH_SECRET', 'APP_URL', 'PORT', 'DATA_DIR', 'NEXT_DIST_DIR', 'EMBEDDED_PG_PORT', 'NODE_ENV', 'BENCH_ROUTES', 'NODE_OPTIONS']);
const inherited = (): Env => Object.fromEntries(Object.entries(process.env).filter(([k]) => !dropped.has(k) && !k.startsWith('S3_')));

const step = (msg: string) => console.log(`▶ ${msg}`);
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);
const median = (xs: number[]) => pct(xs, 50);
const round2 = (x: number) => Math.round(x * 100) / 100;

// ── request generation ──

type Segment = [number, number, number];
type Beat = { seq: number; at: number; state: 'playing'; pos: number; rate: number; segments: Segment[]; startupMs?: number; rendition?: { height: number; bitrate: number } };
type View = { viewId: string; ticket: string; seq: number; at: number; pos: number };
/** One generated request: its body, what it carries, and whether the server acknowledged it. */
type Req = { view: View; seqs: number[]; segments: Segment[]; body: string; acked: boolean };

/** A small deterministic generator, so two runs send the same shapes. */
function prng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

/**
 * Views taken round-robin, so one view is never in flight twice at once (its seqs arrive in order,
 * as from one player). Each request carries 1–3 beats 10 s apart; each beat 2–4 touching segments
 * (split where the viewer paused or changed speed) covering 9 s of content at 1×.
 */
class Pool {
  private cursor = 0;
  private rnd: (n: number) => number;
  readonly sent: Req[] = [];
  constructor(
    readonly views: View[],
    private track: boolean,
    seed: number,
  ) {
    this.rnd = prng(seed);
  }

  next(): Req {
    const view = this.views[this.cursor++ % this.views.length]!;
    const beats: Beat[] = [];
    const segments: Segment[] = [];
    for (let n = 1 + this.rnd(3); n > 0; n--) {
      const count = 2 + this.rnd(3);
      if (view.pos + 10 > DURATION_SECONDS) view.pos = 0; // back to the start, as a viewer rewatching
      const segs: Segment[] = [];
      for (let i = 0; i < count; i++) {
        const from = round2(view.pos);
        const to = round2(view.pos + 9 / count);
        segs.push([from, to, 1]);
        view.pos = to;
      }
      view.at += 10_000;
      const beat: Beat = { seq: view.seq++, at: view.at, state: 'playing', pos: view.pos, rate: 1, segments: segs };
      if (beat.seq === 0) Object.assign(beat, { startupMs: 420, rendition: { height: 720, bitrate: 2_500_000 } });
      beats.push(beat);
      segments.push(...segs);
    }
    const req: Req = { view, seqs: beats.map((b) => b.seq), segments, body: JSON.stringify({ viewId: view.viewId, ticket: view.ticket, beats }), acked: false };
    if (this.track) this.sent.push(req);
    return req;
  }
}

// ── CPU accounting (Linux /proc; zeros elsewhere) ──

const TICKS = 100; // USER_HZ
type ProcStat = { pid: number; ppid: number; ticks: number };

function readProcs(): ProcStat[] {
  const out: ProcStat[] = [];
  let names: string[] = [];
  try {
    names = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return out;
  }
  for (const n of names) {
    try {
      const text = fs.readFileSync(`/proc/${n}/stat`, 'utf8');
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      // From the state field on: state ppid … utime(11) stime(12) cutime(13) cstime(14).
      out.push({ pid: Number(n), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** CPU seconds used so far by `rootPid` and all its live descendants (plus the children they reaped). */
function treeCpuSeconds(rootPid: number | undefined, procs = readProcs()): number {
  if (!rootPid) return 0;
  const kids = new Map<number, ProcStat[]>();
  for (const p of procs) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), p]);
  let ticks = 0;
  const stack = procs.filter((p) => p.pid === rootPid);
  while (stack.length) {
    const p = stack.pop()!;
    ticks += p.ticks;
    stack.push(...(kids.get(p.pid) ?? []));
  }
  return ticks / TICKS;
}

/** Busy CPU seconds of the whole machine so far (all cores). */
function machineCpuSeconds(): number {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal
    return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) / TICKS;
  } catch {
    return 0;
  }
}

type Cpu = { server: number; pg: number; bench: number; machine: number };
function cpuNow(pids: { server?: number; pg?: number }): Cpu {
  const procs = readProcs();
  const u = process.cpuUsage();
  return { server: treeCpuSeconds(pids.server, procs), pg: treeCpuSeconds(pids.pg, procs), bench: (u.user + u.system) / 1e6, machine: machineCpuSeconds() };
}

// ── load ──

type RouteKey = 'beats' | 'noop' | 'bare';
type RouteSpec = { key: RouteKey; label: string; path: string; status: number; body: (r: Req) => string };
const ROUTES: Record<RouteKey, RouteSpec> = {
  beats: { key: 'beats', label: '`POST /api/beats`', path: '/api/beats', status: 200, body: (r) => r.body },
  noop: { key: 'noop', label: '`POST /api/bench/noop` (no-op route, through proxy.ts)', path: '/api/bench/noop', status: 200, body: (r) => r.body },
  // A leading "#" makes JSON.parse fail at its first character: the route has read the whole body.
  bare: { key: 'bare', label: '`POST /api/beats`, unparseable body → 400 (no-op that skips proxy.ts)', path: '/api/beats', status: 400, body: (r) => `#${r.body}` },
};

type PhaseResult = {
  route: RouteKey;
  connections: number;
  round: number;
  seconds: number;
  /** Answers with the route's expected status (for beats: 200 with an ack listing every seq). */
  ok: number;
  beats: number;
  requestsPerSecond: number;
  beatsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** CPU seconds used during the phase: the server's process tree, PostgreSQL's, this process (the client), and the rest of the machine. */
  cpu: { server: number; pg: number; bench: number; other: number };
};

/** The parts of autocannon's result and tracker used here (bench/autocannon.d.ts types only the basic call). */
type LoadResult = { duration: number; errors: number; timeouts: number; statusCodeStats: Record<string, { count: number }> };
type Tracker = Promise<LoadResult> & { on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void };
type Ctx = { pending?: Req };

async function load(base: string, route: RouteSpec, pool: Pool, connections: number, seconds: number, round: number, pids: { server?: number; pg?: number }): Promise<PhaseResult> {
  const latencies: number[] = [];
  let ok = 0;
  let beats = 0;
  const opts = {
    url: base,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: route.path,
        headers: { 'content-type': 'application/json', 'user-agent': UA },
        setupRequest: (req: Record<string, unknown>, ctx: Ctx) => {
          const r = pool.next();
          ctx.pending = r;
          return { ...req, body: route.body(r) };
        },
        // With pipelining 1 the context still holds the request this response answers.
        onResponse: (status: number, body: string, ctx: Ctx) => {
          const r = ctx.pending;
          if (!r || status !== route.status) return;
          if (route.key === 'beats') {
            const ack = JSON.parse(body) as { stored?: number[] };
            if (!Array.isArray(ack.stored) || ack.stored.length !== r.seqs.length) return;
            r.acked = true;
          }
          ok++;
          beats += r.seqs.length;
        },
      },
    ],
  };
  const before = cpuNow(pids);
  const tracker = autocannon(opts as unknown as Parameters<typeof autocannon>[0]) as unknown as Tracker;
  tracker.on('response', (_client, status, _bytes, ms) => {
    if (status === route.status) latencies.push(ms);
  });
  const r = await tracker;
  const after = cpuNow(pids);
  const cpu = { server: after.server - before.server, pg: after.pg - before.pg, bench: after.bench - before.bench, machine: after.machine - before.machine };
  return {
    route: route.key,
    connections,
    round,
    seconds: r.duration,
    ok,
    beats,
    requestsPerSecond: ok / r.duration,
    beatsPerSecond: beats / r.duration,
    latencyMs: { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99) },
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count])),
    errors: r.errors,
    timeouts: r.timeouts,
    cpu: { server: cpu.server, pg: cpu.pg, bench: cpu.bench, other: Math.max(0, cpu.machine - cpu.server - cpu.pg - cpu.bench) },
  };
}

/** Sends one request with fetch until it is acknowledged (a client's retries: 429 waits a second, else 200 ms). */
async function deliver(base: string, r: Req): Promise<{ status: number; stored: number[] }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${base}/api/beats`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': UA }, body: r.body });
      const text = await res.text();
      if (res.status === 200) return { status: 200, stored: (JSON.parse(text) as { stored: number[] }).stored };
      if (res.status !== 429 && res.status < 500) return { status: res.status, stored: [] };
      await sleep(res.status === 429 ? 1000 : 200);
    } catch {
      await sleep(200);
    }
    if (attempt > 300) throw new Error(`a batch of view ${r.view.viewId} was never acknowledged`);
  }
}

async function inParallel<T>(items: T[], width: number, fn: (item: T) => Promise<void>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

// ── in-process breakdown ──

type Breakdown = {
  perRequestUs: { jsonParse: number; zod: number; ticket: number; userAgent: number; total: number };
  flushes: { group: number; wallMs: number; nodeCpuMsPerReq: number; pgCpuMsPerReq: number; wallMsPerReq: number }[];
};

const timeUs = (n: number, fn: (i: number) => void) => {
  for (let i = 0; i < Math.min(n, 2000); i++) fn(i); // warm-up: JIT
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return ((performance.now() - t0) * 1000) / n;
};

/**
 * The route's CPU work before the database (JSON.parse, the strict zod schema, the ticket's HMAC,
 * the user-agent classes) per request, and lib/learning/ingest's writeBeats for groups of requests:
 * wall time, this process's CPU (drizzle, postgres.js, the per-beat loop) and PostgreSQL's CPU.
 */
async function breakdown(pool: Pool, pgPid: number): Promise<Breakdown> {
  const { beatBatchSchema } = await import('../lib/learning/beat-protocol');
  const { readViewTicket } = await import('../lib/learning/ticket');
  const { classifyUserAgent } = await import('../lib/learning/user-agent');
  const { writeBeats } = await import('../lib/learning/ingest');
  const { sql: appSql } = await import('../db/client');
  try {
    const bodies = Array.from({ length: 256 }, () => pool.next().body);
    const parsed = bodies.map((b) => JSON.parse(b) as unknown);
    const tickets = parsed.map((p) => (p as { ticket: string }).ticket);
    const N = 20_000;
    const jsonParse = timeUs(N, (i) => JSON.parse(bodies[i % bodies.length]!));
    const zod = timeUs(N, (i) => beatBatchSchema.safeParse(parsed[i % parsed.length]));
    const ticket = timeUs(N, (i) => readViewTicket(tickets[i % tickets.length]!));
    const userAgent = timeUs(N, () => classifyUserAgent(UA));
    const total = timeUs(N, (i) => {
      const p = beatBatchSchema.safeParse(JSON.parse(bodies[i % bodies.length]!));
      if (p.success) readViewTicket(p.data.ticket);
      classifyUserAgent(UA);
    });

    const flushes: Breakdown['flushes'] = [];
    for (const group of [1, 10, 50, BREAKDOWN_VIEWS]) {
      const reps = group >= 50 ? 5 : 20;
      let wall = 0;
      let node = 0;
      let pgCpu = 0;
      for (let r = 0; r < reps + 2; r++) {
        // One request per view, as a flush gathers them; the first rounds warm up (JIT, plans).
        const subs = Array.from({ length: group }, () => {
          const body = beatBatchSchema.parse(JSON.parse(pool.next().body));
          return { ticket: readViewTicket(body.ticket)!, beats: body.beats, device: 'desktop', browser: 'Chrome' };
        });
        // Reading /proc costs milliseconds of this process's CPU: outside the window measured.
        const p0 = treeCpuSeconds(pgPid);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await writeBeats(subs);
        const t1 = performance.now();
        const c1 = process.cpuUsage(c0);
        const p1 = treeCpuSeconds(pgPid);
        if (r < 2) continue;
        wall += t1 - t0;
        node += (c1.user + c1.system) / 1000;
        pgCpu += (p1 - p0) * 1000;
      }
      flushes.push({ group, wallMs: wall / reps, wallMsPerReq: wall / reps / group, nodeCpuMsPerReq: node / reps / group, pgCpuMsPerReq: pgCpu / reps / group });
    }
    return { perRequestUs: { jsonParse, zod, ticket, userAgent, total }, flushes };
  } finally {
    await appSql.end({ timeout: 5 });
  }
}

function breakdownTable(b: Breakdown): string[] {
  const u = b.perRequestUs;
  return [
    '',
    `Route work before the database, per request (in-process, µs): JSON.parse ${fmt(u.jsonParse, 1)}, zod ${fmt(u.zod, 1)}, ticket HMAC ${fmt(u.ticket, 1)}, user agent ${fmt(u.userAgent, 1)}; all together ${fmt(u.total, 1)}.`,
    '',
    '| group commit of N requests (writeBeats, in-process) | wall ms per flush | wall ms per request | Node CPU ms per request | PostgreSQL CPU ms per request |',
    '|---:|---:|---:|---:|---:|',
    ...b.flushes.map((f) => `| ${f.group} | ${fmt(f.wallMs, 2)} | ${fmt(f.wallMsPerReq, 3)} | ${fmt(f.nodeCpuMsPerReq, 3)} | ${fmt(f.pgCpuMsPerReq, 3)} |`),
  ];
}

// ── the run ──

type Check = { what: string; expected: number; found: number };
type Summary = { route: RouteKey; connections: number; rps: number; beatsPerSecond: number; p50: number; p95: number; p99: number; non2xx: number; cpuMsPerReq: { server: number; pg: number; bench: number; other: number } };

/** Medians over rounds for rates and latencies; CPU per request over all rounds together. */
function summarize(results: PhaseResult[], route: RouteKey, connections: number): Summary | null {
  const rs = results.filter((r) => r.route === route && r.connections === connections);
  if (!rs.length) return null;
  const ok = rs.reduce((n, r) => n + r.ok, 0);
  const per = (k: keyof PhaseResult['cpu']) => (ok ? (rs.reduce((n, r) => n + r.cpu[k], 0) / ok) * 1000 : NaN);
  const expected = String(ROUTES[route].status);
  return {
    route,
    connections,
    rps: median(rs.map((r) => r.requestsPerSecond)),
    beatsPerSecond: median(rs.map((r) => r.beatsPerSecond)),
    p50: median(rs.map((r) => r.latencyMs.p50)),
    p95: median(rs.map((r) => r.latencyMs.p95)),
    p99: median(rs.map((r) => r.latencyMs.p99)),
    non2xx: rs.reduce((n, r) => n + Object.entries(r.statusCodes).filter(([c]) => c !== expected).reduce((m, [, k]) => m + k, 0) + r.errors + r.timeouts, 0),
    cpuMsPerReq: { server: per('server'), pg: per('pg'), bench: per('bench'), other: per('other') },
  };
}

export async function run(argv: string[]): Promise<number> {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '20' },
      connections: { type: 'string', default: '10,50' },
      rounds: { type: 'string', default: '1' },
      viewers: { type: 'string', default: '2000' },
      routes: { type: 'string', default: 'beats,noop,bare' },
      'no-fsync': { type: 'boolean', default: false },
      'pg-stats': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
    },
  });
  const seconds = Number(args.seconds);
  const connectionsList = args.connections.split(',').map(Number);
  const rounds = Number(args.rounds);
  const viewersPerPhase = Number(args.viewers);
  const routeKeys = args.routes.split(',') as RouteKey[];
  if (!(seconds > 0) || !(rounds >= 1) || connectionsList.some((c) => !(c > 0)) || !(viewersPerPhase > 0)) throw new Error('--seconds, --rounds, --connections and --viewers take positive numbers (e.g. --connections 10,50)');
  if (!routeKeys.length || routeKeys.some((k) => !ROUTES[k])) throw new Error(`--routes takes a list of ${Object.keys(ROUTES).join(', ')}`);

  fs.mkdirSync(logsDir, { recursive: true });
  const startedAt = new Date();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-beats-'));
  fs.chmodSync(tmp, 0o755); // as root, PostgreSQL runs as `postgres` and must enter it
  let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  let closeDb: (() => Promise<void>) | null = null;
  const cleanup = async () => {
    await stopAll();
    await closeDb?.().catch(() => {});
    closeDb = null;
    if (pg) await pg.stop().catch(() => {});
    pg = null;
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    console.error(`\n${sig}: stopping the bench's servers…`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const notes: string[] = [];
  try {
    const fsync = !args['no-fsync'];
    step(`starting a throwaway PostgreSQL (fsync ${fsync ? 'on, as in production' : 'off'})`);
    const pgDir = path.join(tmp, 'pg');
    // Persistent only so that --pg-stats can restart it with pg_stat_statements; the folder is removed at the end.
    pg = await startEmbeddedPostgres({ dataDir: pgDir, persistent: true, fsync, database: 'lectern_bench_beats' });
    if (args['pg-stats']) {
      const { default: postgres } = await import('postgres');
      const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
      await admin`alter system set shared_preload_libraries = 'pg_stat_statements'`;
      await admin`alter system set pg_stat_statements.track_planning = on`;
      await admin.end();
      await pg.stop();
      pg = await startEmbeddedPostgres({ dataDir: pgDir, persistent: true, fsync, database: 'lectern_bench_beats' });
    }
    const databaseUrl = pg.url;
    const pgPid = Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    await runNode([...tsNode, 'db/migrate.ts'], { ...inherited(), DATABASE_URL: databaseUrl }, { quiet: true });

    const build = await currentBuild({ ...inherited(), DATABASE_URL: databaseUrl });
    notes.push(...build.notes);

    // The bench mints tickets itself (as the playback endpoint would): same secret as the server.
    const authSecret = crypto.randomBytes(32).toString('base64url');
    Object.assign(process.env, { DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret, LOG_LEVEL: 'silent' });
    const { env } = await import('../lib/env');
    if (env.AUTH_SECRET !== authSecret) throw new Error('lib/env was loaded before the bench set AUTH_SECRET; run the beats bench in a process of its own');
    const { issueViewTicket } = await import('../lib/learning/ticket');
    const { createDb } = await import('../db/factory');
    const { createCourse, createUser } = await import('../db/factories');
    const schema = await import('../db/schema');
    const { eq, sql: q } = await import('drizzle-orm');
    const { db, sql } = createDb(databaseUrl, { max: 4 });
    closeDb = () => sql.end();
    if (args['pg-stats']) await db.execute(q`create extension if not exists pg_stat_statements`);

    // ── seed: one course, one lesson with a 600 s ready video, viewers enrolled ──
    const phases = Array.from({ length: rounds }, (_, round) => connectionsList.flatMap((connections) => (['noop', 'bare', 'beats'] as const).filter((k) => routeKeys.includes(k)).map((route) => ({ round, route, connections })))).flat();
    const beatPhases = phases.filter((p) => p.route === 'beats').length;
    // The route allows each viewer 20 requests at once and 1/s after: views are spread over enough
    // students that the limiter never answers a benchmark request (that would measure the limiter).
    const warmupViewers = Math.ceil(viewersPerPhase / 4);
    const studentCount = viewersPerPhase * beatPhases + warmupViewers + BREAKDOWN_VIEWS;
    step(`seeding a course with a ${DURATION_SECONDS} s video lesson and ${fmt(studentCount)} enrolled students`);
    const author = await createUser(db, { role: 'author' });
    const course = await createCourse(db, { ownerId: author.id, status: 'published', modules: 1, lessonsPerModule: 1 });
    const lessonId = course.modules[0]!.lessonIds[0]!;
    const [video] = await db
      .insert(schema.videos)
      .values({ courseId: course.id, createdById: author.id, filename: 'bench.mp4', contentType: 'video/mp4', size: 1, sourceKey: `courses/${course.id}/videos/bench/source`, partSize: 1, status: 'ready', playback: 'hls', hlsMaster: 'master.m3u8', assetsPrefix: 'x/', durationSeconds: DURATION_SECONDS })
      .returning();
    await db.update(schema.lessons).set({ type: 'video', videoId: video!.id, durationSeconds: DURATION_SECONDS, completionRule: { kind: 'video_coverage', percent: 90 } }).where(eq(schema.lessons.id, lessonId));
    // Set-based: thousands of students in two statements (they never sign in, so no password).
    const students = await db.execute<{ id: string }>(q`
      insert into users (email, name, role) select 'bench-' || i || '@bench.lectern', 'Bench student ' || i, 'student' from generate_series(1, ${studentCount}) i returning id`);
    await db.execute(q`insert into enrollments (course_id, user_id, source) select ${course.id}::uuid, u.id, 'staff' from users u where u.email like 'bench-%@bench.lectern'`);
    const studentIds = students.map((s) => s.id);
    const issuedAt = Date.now() - TICKET_AGE_MS;
    const viewsFor = (userIds: string[]) =>
      userIds.map((userId) => {
        const { ticket, payload } = issueViewTicket({ videoId: video!.id, lessonId, courseId: course.id, userId, viewerKey: null, durationSeconds: DURATION_SECONDS }, issuedAt);
        return { viewId: payload.viewId, ticket, seq: 0, at: payload.startedAt, pos: 0 };
      });
    let nextStudent = 0;
    const takeStudents = (n: number) => studentIds.slice(nextStudent, (nextStudent += n));
    const warmupPool = new Pool(viewsFor(takeStudents(warmupViewers)), true, 1);
    // The references get bodies of the same shape and size (tickets of students who are not in the database).
    const referencePool = new Pool(viewsFor(Array.from({ length: viewersPerPhase }, () => crypto.randomUUID())), false, 2);

    // ── server ──
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const profileDir = path.join(resultsDir, 'beats-profile');
    if (args.profile) fs.rmSync(profileDir, { recursive: true, force: true });
    step(`next start (${build.distDir}) on ${base}${args.profile ? `, CPU profile into ${path.relative(root, profileDir)}/` : ''}`);
    const server: Server = spawnServer(
      'next start (beats)',
      [...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
      {
        ...inherited(),
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: authSecret,
        APP_URL: base,
        AUTH_TRUST_HOST: 'true',
        NODE_ENV: 'production',
        NEXT_DIST_DIR: build.distDir,
        NEXT_TELEMETRY_DISABLED: '1',
        LOG_LEVEL: 'warn',
        BENCH_ROUTES: '1',
      },
      path.join(logsDir, 'beats-server.log'),
    );
    await waitFor200(`${base}/api/health`, server);
    const probe = await fetch(`${base}/api/bench/noop`, { method: 'POST', body: '{}' });
    if (probe.status !== 200) throw new Error(`POST /api/bench/noop answered ${probe.status}: is BENCH_ROUTES in lib/env-schema.ts and app/api/bench/noop in the ${build.distDir} build?`);

    // ── load, interleaved so drifting machine load affects every route alike ──
    const pids = { server: server.child.pid, pg: pgPid };
    step(`warm-up: ${WARMUP_SECONDS} s on each route`);
    for (const k of routeKeys) await load(base, ROUTES[k], k === 'beats' ? warmupPool : referencePool, connectionsList[0]!, WARMUP_SECONDS, -1, pids);
    if (args['pg-stats']) await db.execute(q`select pg_stat_statements_reset()`);
    const beatPools: Pool[] = [warmupPool];
    const results: PhaseResult[] = [];
    for (const p of phases) {
      let pool = referencePool;
      if (p.route === 'beats') beatPools.push((pool = new Pool(viewsFor(takeStudents(viewersPerPhase)), true, 10 + p.connections + p.round)));
      const r = await load(base, ROUTES[p.route], pool, p.connections, seconds, p.round, pids);
      results.push(r);
      const bad = Object.entries(r.statusCodes).filter(([c]) => c !== String(ROUTES[p.route].status));
      console.log(
        `  ${rounds > 1 ? `round ${p.round + 1}: ` : ''}${p.route} ×${p.connections}: ${fmt(r.requestsPerSecond)} req/s, ${fmt(r.beatsPerSecond)} beats/s, p50 ${fmt(r.latencyMs.p50, 1)} ms, p95 ${fmt(r.latencyMs.p95, 1)} ms, ` +
          `CPU server ${fmt(r.cpu.server, 1)} s, PostgreSQL ${fmt(r.cpu.pg, 1)} s, client ${fmt(r.cpu.bench, 1)} s, other ${fmt(r.cpu.other, 1)} s` +
          `${bad.length ? `, ${bad.map(([c, n]) => `${n}× ${c}`).join(', ')}` : ''}${r.errors ? `, ${r.errors} errors` : ''}`,
      );
      await sleep(1000);
    }

    // ── database side of the load ──
    const statements = args['pg-stats']
      ? await db.execute<{ query: string; calls: number; total_ms: number; plan_ms: number; mean_ms: number; rows: number }>(q`
          select regexp_replace(left(query, 90), '\\s+', ' ', 'g') as query, calls::int, total_exec_time::float8 as total_ms, total_plan_time::float8 as plan_ms, mean_exec_time::float8 as mean_ms, rows::int
          from pg_stat_statements where query not ilike '%pg_stat%' order by total_exec_time desc limit 12`)
      : [];
    const tables = await db.execute<{ relname: string; upd: number; hot: number; ins: number }>(q`
      select relname, n_tup_upd::int as upd, n_tup_hot_upd::int as hot, n_tup_ins::int as ins from pg_stat_user_tables
      where relname in ('video_views', 'lesson_progress', 'video_resume', 'view_beats') order by relname`);

    // ── integrity ──
    step('integrity: every batch not acknowledged during the load (in flight at the end, refused, timed out) is delivered now');
    const sent = beatPools.flatMap((p) => p.sent);
    const unacked = sent.filter((r) => !r.acked);
    await inParallel(unacked, 8, async (r) => {
      const res = await deliver(base, r);
      if (res.status !== 200) throw new Error(`a batch was refused with ${res.status} on delivery`);
      r.acked = true;
    });
    const counts = async () => {
      const [row] = await db.execute<{ beats: number; segments: number }>(q`
        select (select count(*)::int from view_beats) as beats, (select count(*)::int from watch_segments) as segments`);
      return row!;
    };
    const beforeDupes = await counts();
    step(`duplicates: re-sending ${fmt(Math.min(DUPLICATE_SAMPLE, sent.length))} acknowledged batches`);
    const rnd = prng(99);
    const sample = Array.from({ length: Math.min(DUPLICATE_SAMPLE, sent.length) }, () => sent[rnd(sent.length)]!);
    let dupesAcked = 0;
    await inParallel(sample, 8, async (r) => {
      const res = await deliver(base, r);
      if (res.status === 200 && res.stored.length === r.seqs.length) dupesAcked++;
    });
    const afterDupes = await counts();

    const expectedPairs = new Set<string>();
    const expectedSegs = new Map<string, number>();
    let expectedSegCount = 0;
    for (const r of sent) {
      for (const s of r.seqs) expectedPairs.add(`${r.view.viewId}:${s}`);
      for (const [a, b] of r.segments) {
        const k = `${r.view.viewId}:${a.toFixed(2)}:${b.toFixed(2)}`;
        expectedSegs.set(k, (expectedSegs.get(k) ?? 0) + 1);
        expectedSegCount++;
      }
    }
    const pairs = await db.execute<{ view_id: string; seq: number }>(q`select view_id, seq from view_beats`);
    const foundPairs = new Set(pairs.map((p) => `${p.view_id}:${p.seq}`));
    const missingPairs = [...expectedPairs].filter((k) => !foundPairs.has(k)).length;
    const extraPairs = [...foundPairs].filter((k) => !expectedPairs.has(k)).length;
    const segs = await db.execute<{ k: string; n: number }>(q`
      select view_id || ':' || to_char(from_seconds, 'FM990.00') || ':' || to_char(to_seconds, 'FM990.00') as k, count(*)::int as n from watch_segments group by 1`);
    let missingSegs = 0;
    let extraSegs = 0;
    const foundSegs = new Map(segs.map((s) => [s.k, s.n]));
    for (const [k, n] of expectedSegs) missingSegs += Math.max(0, n - (foundSegs.get(k) ?? 0));
    for (const [k, n] of foundSegs) extraSegs += Math.max(0, n - (expectedSegs.get(k) ?? 0));
    const [views] = await db.execute<{ n: number; rejected: number; segs: number }>(q`
      select count(*)::int as n, coalesce(sum(rejected_seconds), 0)::float8 as rejected, coalesce(sum(segment_count), 0)::int as segs from video_views`);
    const viewsExpected = new Set(sent.map((r) => r.view.viewId)).size;
    const checks: Check[] = [
      { what: '(view, seq) pairs in view_beats', expected: expectedPairs.size, found: pairs.length },
      { what: '(view, seq) pairs sent but not stored', expected: 0, found: missingPairs },
      { what: '(view, seq) pairs stored but never sent', expected: 0, found: extraPairs },
      { what: 'watch_segments rows', expected: expectedSegCount, found: Number(afterDupes.segments) },
      { what: 'segments sent but not stored', expected: 0, found: missingSegs },
      { what: 'segments stored twice (or never sent)', expected: 0, found: extraSegs },
      { what: 'views (video_views rows)', expected: viewsExpected, found: views!.n },
      { what: 'segment_count summed over views', expected: expectedSegCount, found: views!.segs },
      { what: 'seconds clamped by the elapsed-time bound', expected: 0, found: Math.round(views!.rejected * 100) / 100 },
      { what: 're-sent duplicates acknowledged in full', expected: sample.length, found: dupesAcked },
      { what: 'view_beats rows added by the duplicates', expected: 0, found: afterDupes.beats - beforeDupes.beats },
      { what: 'watch_segments rows added by the duplicates', expected: 0, found: afterDupes.segments - beforeDupes.segments },
    ];

    // ── where a request's time goes, measured in this process on the same database (after the checks: it writes) ──
    step('breakdown: parse/validate/ticket per request, and group commits of 1–200 requests');
    const parts = await breakdown(new Pool(viewsFor(takeStudents(BREAKDOWN_VIEWS)), false, 7), pgPid);

    // ── report ──
    const cpus = os.cpus();
    const lines: string[] = [];
    lines.push(`## Beat ingestion benchmark, ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, '');
    lines.push(
      `| connections | route | req/s | beats/s | p50 ms | p95 ms | p99 ms | unexpected answers | CPU ms per request: server + PostgreSQL | client | rest of the machine |`,
      '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    const ratios: { connections: number; reference: RouteKey; rps: number; cpu: number }[] = [];
    for (const c of connectionsList) {
      const sums = routeKeys.map((k) => summarize(results, k, c)).filter((x): x is Summary => x !== null);
      for (const s of sums) {
        const m = s.cpuMsPerReq;
        lines.push(
          `| ${c} | ${ROUTES[s.route].label} | ${fmt(s.rps)} | ${s.route === 'beats' ? fmt(s.beatsPerSecond) : '–'} | ${fmt(s.p50, 1)} | ${fmt(s.p95, 1)} | ${fmt(s.p99, 1)} | ${s.non2xx} | ${fmt(m.server, 2)} + ${fmt(m.pg, 2)} = ${fmt(m.server + m.pg, 2)} | ${fmt(m.bench, 2)} | ${fmt(m.other, 2)} |`,
        );
      }
      const ours = sums.find((s) => s.route === 'beats');
      for (const ref of sums.filter((s) => s.route !== 'beats')) {
        if (!ours) continue;
        const rps = ours.rps / ref.rps;
        const cpu = (ref.cpuMsPerReq.server + ref.cpuMsPerReq.pg) / (ours.cpuMsPerReq.server + ours.cpuMsPerReq.pg);
        ratios.push({ connections: c, reference: ref.route, rps, cpu });
        lines.push(
          `| ${c} | **ratio beats / ${ref.route}** | **${fmt(rps, 2)}** ${rps >= TARGET_RATIO ? '(≥ 0.7 ✓)' : '(< 0.7 ✖)'} | | ${fmt(ours.p50 / ref.p50, 1)}× | ${fmt(ours.p95 / ref.p95, 1)}× | | | requests per CPU-second: **${fmt(cpu, 2)}** | | |`,
        );
      }
    }
    for (const c of connectionsList) {
      const [noop, bare] = [summarize(results, 'noop', c), summarize(results, 'bare', c)];
      if (noop && bare) lines.push('', `${c} connections: proxy.ts costs the no-op route ≈ ${fmt(noop.cpuMsPerReq.server - bare.cpuMsPerReq.server, 2)} ms of server CPU per request (no-op through the proxy minus the bare no-op); /api/beats is outside its matcher.`);
    }
    lines.push('', '| integrity check | expected | found | |', '|---|---:|---:|---|');
    for (const ch of checks) lines.push(`| ${ch.what} | ${fmt(ch.expected, Number.isInteger(ch.expected) ? 0 : 2)} | ${fmt(ch.found, Number.isInteger(ch.found) ? 0 : 2)} | ${ch.expected === ch.found ? '✓' : '✖'} |`);
    const busy = results.map((r) => (r.cpu.server + r.cpu.pg + r.cpu.bench + r.cpu.other) / r.seconds);
    lines.push(
      '',
      `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}. Client, server and PostgreSQL share it; the whole machine was busy ${fmt(Math.min(...busy), 2)}–${fmt(Math.max(...busy), 2)} cores during the measured phases ("rest of the machine": other processes' CPU per request served — high values mean a noisy neighbour).`,
      `Load: autocannon in the bench process, keep-alive, pipelining 1, ${seconds} s per phase (${rounds} round${rounds > 1 ? 's, medians shown' : ''}) after a ${WARMUP_SECONDS} s warm-up per route, phases interleaved ${phases
        .filter((p) => p.round === 0 && p.connections === connectionsList[0])
        .map((p) => p.route)
        .join(' → ')} per connection count; one \`next start\` of ${build.distDir} (BENCH_ROUTES=1), PostgreSQL with fsync ${fsync ? 'on' : 'off'}, pool 10 connections.`,
      `Requests: ${fmt(viewersPerPhase)} views per beats phase (one enrolled student each, tickets dated ${TICKET_AGE_MS / 3600_000} h back), round-robin; each request 1–3 beats 10 s apart with 2–4 segments each (mean body ${fmt(sent.reduce((n, r) => n + r.body.length, 0) / Math.max(1, sent.length))} bytes). ${fmt(unacked.length)} batches left unacknowledged by the load (in flight when a phase ended) were delivered afterwards, then ${fmt(sample.length)} acknowledged ones re-sent.`,
      `Ratios: req/s of the beats route over the reference's, and requests served per CPU-second of server + PostgreSQL (less sensitive to what else runs on the machine).`,
    );
    lines.push(
      '',
      `Row updates (pg_stat_user_tables, warm-up included): ${tables.map((t) => `${t.relname} ${fmt(t.upd)}, ${fmt(t.upd ? (t.hot / t.upd) * 100 : 0)} % HOT`).join('; ')}. An update that changes an indexed column cannot be HOT: it also writes a new entry into every index of the table.`,
    );
    if (statements.length) {
      lines.push('', '| statement (pg_stat_statements, measured phases) | calls | execution ms | planning ms | mean execution ms | rows |', '|---|---:|---:|---:|---:|---:|');
      for (const st of statements) lines.push(`| \`${st.query.replace(/\|/g, '\\|')}\` | ${fmt(st.calls)} | ${fmt(st.total_ms)} | ${fmt(st.plan_ms)} | ${fmt(st.mean_ms, 3)} | ${fmt(st.rows)} |`);
    }
    lines.push(...breakdownTable(parts));
    for (const n of notes) lines.push(`Note: ${n}`);
    console.log(`\n${lines.join('\n')}`);

    const failed = checks.filter((c) => c.expected !== c.found);
    fs.writeFileSync(
      path.join(resultsDir, 'beats.json'),
      JSON.stringify(
        { date: startedAt.toISOString(), settings: { seconds, rounds, connections: connectionsList, routes: routeKeys, viewersPerPhase, fsync, distDir: build.distDir, warmupSeconds: WARMUP_SECONDS }, results, ratios, checks, tables, statements, breakdown: parts, notes },
        null,
        2,
      ) + '\n',
    );
    console.log(`\nWrote ${path.relative(root, path.join(resultsDir, 'beats.json'))}; server log in ${path.relative(root, logsDir)}/beats-server.log.`);
    if (args.profile) {
      await stopAll(); // each process writes its profile as it exits
      console.log(summarizeProfile(profileDir));
    }
    if (failed.length) {
      for (const f of failed) console.error(`✖ ${f.what}: expected ${f.expected}, found ${f.found}`);
      return 1;
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}

// ── CPU profile summary (--profile) ──

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };

/** Self time by function and by package/area, from the server's .cpuprofile files. */
function summarizeProfile(dir: string): string {
  if (!fs.existsSync(dir)) return `No CPU profile found in ${dir}.`;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const byFn = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  const area = (url: string) => {
    if (!url) return '(native / GC / idle)';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1]!;
    if (url.startsWith('node:')) return 'node core';
    if (/\.next[^/]*\/server\/chunks/.test(url)) return 'app + bundled deps (.next/server/chunks)';
    return url.replace(/^file:\/\//, '').replace(root, '.');
  };
  for (const f of files) {
    const p = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    const hits = new Map<number, number>();
    p.samples.forEach((id, i) => hits.set(id, (hits.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
    for (const n of p.nodes) {
      const us = hits.get(n.id) ?? 0;
      if (!us) continue;
      total += us;
      const name = n.callFrame.functionName || '(anonymous)';
      const key = `${name} ${area(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
      byFn.set(key, (byFn.get(key) ?? 0) + us);
      const a = name === '(idle)' ? '(idle)' : name === '(garbage collector)' ? '(garbage collector)' : area(n.callFrame.url);
      byArea.set(a, (byArea.get(a) ?? 0) + us);
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `| ${k} | ${fmt(us / 1000)} | ${fmt((us / total) * 100, 1)} % |`);
  return ['', `### Server CPU profile (${files.length} file(s), ${fmt(total / 1e6, 1)} s sampled)`, '', '| area | ms | share |', '|---|---:|---:|', ...top(byArea, 15), '', '| function (self time) | ms | share |', '|---|---:|---:|', ...top(byFn, 25)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exit(await run(process.argv.slice(2)));
  } catch (e) {
    console.error(`✖ ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
