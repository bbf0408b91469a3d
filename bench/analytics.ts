// `npm run bench -- analytics [--segments 10000000] [--iterations 20] [--raw-runs 3] [--lighthouse-runs 3] [--no-lighthouse]`
// The analytics issue's benchmark (issue 7), in one run on a throwaway PostgreSQL:
// (1) seed (bench/seed-analytics.ts): 1,000 videos of 50 courses, thousands of students and
//     10 million watched segments of simulated sessions over 92 days (BENCH_SEGMENTS or --segments
//     for a smaller run, e.g. 200000);
// (2) the roll-up job (lib/analytics/rollup.ts) over the fresh seed: wall time and segments/s, then
//     a second run with nothing new;
// (3) each dashboard's server query functions (video, course, course students, platform), called
//     in-process as the pages call them, signed in as an admin: p50/p95 over ≥ 20 calls;
// (4) the 2-hour video's retention curve R(t) at 1-second resolution over 90 days, from the roll-ups
//     (videoRetention) and from the raw segments in SQL (every segment expanded to the seconds it
//     covers, distinct views per second), the same range, same run, compared point by point;
// (5) Lighthouse total blocking time of the video analytics page on a production build (reusing
//     bench/lesson-page.ts's Lighthouse runner): desktop, mobile with simulated throttling (its
//     default) and mobile with applied (devtools) throttling, each next to app/baseline — a static
//     page of the same build — audited the same way in the same run.
// Prints a markdown table and writes bench/results/analytics.json.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { nextBin, root } from '../scripts/lib/runtime.mjs';
import { freePort, spawnServer, waitFor200, type Env } from './processes';
import { seedAnalytics, type SeedResult } from './seed-analytics';
import { currentBuild, errorText, fmt, inheritedEnv, logsDir, machineLine, pct, resultsDir, stamp, step, withBenchEnv } from './shared';
import { signInCookieHeader } from './sign-in';
import type { Throttling } from './lesson-page';

const DEFAULT_SEGMENTS = 10_000_000;
const RETENTION_DAYS = 90;
const TARGET_RATIO = 100;
const TARGET_RETENTION_MS = 100;
const TARGET_TBT_MS = 200;
/** The video analytics page, relative to app/ (route groups aside). */
const PAGE_SEGMENTS = ['courses', '[courseId]', 'analytics', 'videos', '[videoId]', 'page.tsx'];

type Timing = { name: string; calls: number; p50: number; p95: number; max: number; mean: number };
type RollupFigures = { seconds: number; segmentsPerSecond: number; result: Record<string, number>; rerunMs: number; rerun: Record<string, number> };
type RetentionFigures = {
  rollup: Timing;
  rawMs: number[];
  rawMedianMs: number;
  ratio: number;
  diffMs: number[];
  diffMedianMs: number;
  diffRatio: number;
  maxAbsDiff: number;
  seconds: number;
  views: number;
  segments: number;
  range: { from: string; to: string };
  diagnostics: { fetchOnly: Timing; plan: string[]; videoDaily: { rows: number; bytes: number; analyzed: string | null } | null };
};
/** One Lighthouse configuration on one page: `page` is the video analytics page or the static baseline of the same build. */
type Lh = { page: 'analytics' | 'baseline'; preset: string; throttling: Throttling; runs: number; tbtMs: number; score: number; lcpMs: number; tbtRuns: number[]; reportFile: string };

const ms = (t0: number) => performance.now() - t0;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function timing(name: string, xs: number[]): Timing {
  return { name, calls: xs.length, p50: round(pct(xs, 50)), p95: round(pct(xs, 95)), max: round(Math.max(...xs)), mean: round(xs.reduce((a, b) => a + b, 0) / xs.length) };
}

/** Whether app/ has the video analytics page (under any route groups). */
function findPage(): string | null {
  const walk = (dir: string, rest: string[]): string | null => {
    if (!rest.length) return dir;
    if (!fs.existsSync(dir)) return null;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.name === rest[0]) {
        const hit = rest.length === 1 ? (e.isFile() ? full : null) : e.isDirectory() ? walk(full, rest.slice(1)) : null;
        if (hit) return hit;
      } else if (e.isDirectory() && /^\(.*\)$/.test(e.name)) {
        const hit = walk(full, rest);
        if (hit) return hit;
      }
    }
    return null;
  };
  return walk(path.join(root, 'app'), PAGE_SEGMENTS);
}

/**
 * R(t) of a video from its raw segments, as one would write it without roll-ups: every segment of the
 * views that started in the range expanded into the seconds it covers (the roll-up's rule: second t
 * when t + 0.5 lies in [from, to)), distinct views per second, divided by the views whose playhead
 * progressed. Uses the indexes the schema has (watch_segments (video_id, created_at), video_views
 * (video_id, started_at)).
 */
function rawRetentionQuery(q: typeof import('drizzle-orm').sql, videoId: string, from: string, to: string, seconds: number) {
  return q`
    with v as (
      select id from video_views
      where video_id = ${videoId} and started_at >= ${from}::date::timestamptz and started_at < (${to}::date + 1)::timestamptz
    ), covered as (
      select s.view_id, t
      from watch_segments s join v on v.id = s.view_id
      cross join lateral generate_series(greatest(0, ceil(s.from_seconds - 0.5)::int), least(${seconds}, ceil(s.to_seconds - 0.5)::int) - 1) t
      where s.video_id = ${videoId} and s.created_at >= ${from}::date::timestamptz and s.created_at < (${to}::date + 2)::timestamptz
    ), per_second as (
      select t, count(distinct view_id) as n from covered group by t
    ), views as (
      select count(*) as n from video_views
      where video_id = ${videoId} and started_at >= ${from}::date::timestamptz and started_at < (${to}::date + 1)::timestamptz and content_seconds > 0
    )
    select coalesce(array_agg(coalesce(p.n, 0)::float8 / nullif(views.n, 0) order by g.t), '{}') as r
    from generate_series(0, ${seconds} - 1) g(t) left join per_second p on p.t = g.t cross join views
    group by views.n`;
}

/**
 * The same R(t) from raw segments, written as well as SQL allows without roll-ups (video.md §5's
 * "difference-array query"): each view's segments merged into their union with window functions,
 * +1/−1 at each union interval's ends, a running sum over the seconds.
 */
function rawRetentionDiffQuery(q: typeof import('drizzle-orm').sql, videoId: string, from: string, to: string, seconds: number) {
  return q`
    with v as (
      select id from video_views
      where video_id = ${videoId} and started_at >= ${from}::date::timestamptz and started_at < (${to}::date + 1)::timestamptz
    ), s as (
      select s.view_id, greatest(0, ceil(s.from_seconds - 0.5)::int) as a, least(${seconds}, ceil(s.to_seconds - 0.5)::int) as b
      from watch_segments s join v on v.id = s.view_id
      where s.video_id = ${videoId} and s.created_at >= ${from}::date::timestamptz and s.created_at < (${to}::date + 2)::timestamptz
    ), ordered as (
      select view_id, a, b, max(b) over (partition by view_id order by a, b rows between unbounded preceding and 1 preceding) as reach
      from s where b > a
    ), grouped as (
      select view_id, a, b, count(*) filter (where reach is null or reach < a) over (partition by view_id order by a, b) as grp from ordered
    ), unions as (
      select min(a) as a, max(b) as b from grouped group by view_id, grp
    ), deltas as (
      select t, sum(d) as d from (select a as t, 1 as d from unions union all select b, -1 from unions) x group by t
    ), curve as (
      select g.t, sum(coalesce(deltas.d, 0)) over (order by g.t) as n from generate_series(0, ${seconds} - 1) g(t) left join deltas on deltas.t = g.t
    ), views as (
      select count(*) as n from video_views
      where video_id = ${videoId} and started_at >= ${from}::date::timestamptz and started_at < (${to}::date + 1)::timestamptz and content_seconds > 0
    )
    select coalesce(array_agg(curve.n::float8 / nullif(views.n, 0) order by curve.t), '{}') as r from curve cross join views group by views.n`;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      segments: { type: 'string', default: process.env.BENCH_SEGMENTS ?? String(DEFAULT_SEGMENTS) },
      iterations: { type: 'string', default: '20' },
      'raw-runs': { type: 'string', default: '3' },
      'lighthouse-runs': { type: 'string', default: '3' },
      'no-lighthouse': { type: 'boolean', default: false },
    },
  });
  const segments = Number(values.segments.replace(/_/g, ''));
  const iterations = Number(values.iterations);
  const rawRuns = Number(values['raw-runs']);
  const lhRuns = Number(values['lighthouse-runs']);
  if (!Number.isInteger(segments) || segments < 1000) throw new Error('--segments (or BENCH_SEGMENTS) must be a whole number, at least 1000');
  if (!Number.isInteger(iterations) || iterations < 1 || !Number.isInteger(rawRuns) || rawRuns < 1 || !Number.isInteger(lhRuns) || lhRuns < 1) throw new Error('--iterations, --raw-runs and --lighthouse-runs take whole numbers ≥ 1');
  fs.mkdirSync(logsDir, { recursive: true });
  const startedAt = new Date();
  const errors: string[] = [];
  const notes: string[] = [];
  let seed = null as SeedResult | null;
  let rollup = null as RollupFigures | null;
  const dashboards: Timing[] = [];
  let retention = null as RetentionFigures | null;
  const lighthouseResults: Lh[] = [];
  let lighthouseNote: string | null = null;
  let seedShows: Record<string, number | null> | null = null;
  let distDir = '';

  await withBenchEnv('lectern-bench-analytics-', async ({ servers, startPg, onCleanup }) => {
    try {
      const pg = await startPg('lectern_bench_analytics');
      const authSecret = crypto.randomBytes(32).toString('base64url');
      // The app's modules read their settings through lib/env.ts: set before the first import of it.
      Object.assign(process.env, { DATABASE_URL: pg.url, AUTH_SECRET: authSecret, LOG_LEVEL: 'warn', ANALYTICS_TIMEZONE: 'UTC' });
      const { db, sql: appSql } = await import('../db/client');
      onCleanup(() => appSql.end({ timeout: 5 }));
      const { sql: q } = await import('drizzle-orm');
      const { createUser } = await import('../db/factories');
      const { createDb } = await import('../db/factory');

      const admin = await createUser(db, { role: 'admin' });
      const actor = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };

      // ── 1. seed ──
      step(`seeding ${fmt(segments)} watched segments (COPY from this process)`);
      const seeder = createDb(pg.url, { max: 1 });
      try {
        seed = await seedAnalytics(seeder.sql, { segments, log: (m) => console.log(`  ${m}`) });
      } finally {
        await seeder.sql.end({ timeout: 5 });
      }
      const s = seed;
      console.log(
        `  ${fmt(s.segments)} segments, ${fmt(s.views)} views (${fmt(s.viewsWithoutSegments)} never started, ${fmt(s.fatalErrors)} fatal errors), ` +
          `${fmt(s.lessonProgress)} lesson progress rows in ${fmt(s.seconds.total, 1)} s ` +
          `(catalogue ${fmt(s.seconds.entities, 1)} s, segments ${fmt(s.seconds.segments, 1)} s, views ${fmt(s.seconds.views, 1)} s, indexes ${fmt(s.seconds.indexes, 1)} s, vacuum analyze ${fmt(s.seconds.vacuum, 1)} s)`,
      );
      console.log(`  2-hour video: ${fmt(s.longVideo.views)} views, ${fmt(s.longVideo.segments)} segments; days ${s.range.from} … ${s.range.to}`);

      // ── 2. the roll-up ──
      if (!fs.existsSync(path.join(root, 'lib', 'analytics', 'rollup.ts'))) throw new Error('lib/analytics/rollup.ts does not exist yet: nothing to measure');
      const { runAnalyticsRollup } = await import('../lib/analytics/rollup');
      step('roll-up over the fresh seed (close idle views, fold every video-day, rebuild course and platform days)');
      let t0 = performance.now();
      const first = await runAnalyticsRollup({ rebuild: true });
      const seconds = ms(t0) / 1000;
      t0 = performance.now();
      const again = await runAnalyticsRollup();
      const rerunMs = ms(t0);
      rollup = { seconds, segmentsPerSecond: first.segments / seconds, result: first, rerunMs, rerun: again };
      console.log(`  ${fmt(seconds, 1)} s: ${fmt(first.segments)} segments → ${fmt(first.segments / seconds)} segments/s; ${JSON.stringify(first)}`);
      console.log(`  second run, nothing new: ${fmt(rerunMs)} ms; ${JSON.stringify(again)}`);
      if (first.closedViews !== s.views) errors.push(`the roll-up closed ${first.closedViews} views; the seed has ${s.views}`);
      if (first.foldedViews !== s.views) errors.push(`the roll-up folded ${first.foldedViews} views; the seed has ${s.views}`);
      if (first.segments !== s.segments) errors.push(`the roll-up read ${first.segments} segments; the seed has ${s.segments}`);
      if (again.foldedViews !== 0) errors.push(`a second roll-up run folded ${again.foldedViews} views again`);

      // ── 3. retention of the 2-hour video, roll-ups vs raw ──
      const { videoRetention } = await import('../lib/analytics/video-queries');
      const range = { from: addDays(s.range.to, -(RETENTION_DAYS - 1)), to: s.range.to };
      const long = s.longVideo;
      step(`retention of the ${fmt(long.durationSeconds)} s video over ${RETENTION_DAYS} days (${range.from} … ${range.to}): roll-ups × ${iterations}, raw segments × ${rawRuns}`);
      const fromRollups = await videoRetention(long.id, range); // warm-up: connection, plan
      const rollupMs: number[] = [];
      for (let i = 0; i < iterations; i++) {
        t0 = performance.now();
        await videoRetention(long.id, range);
        rollupMs.push(ms(t0));
      }
      /** Runs a raw R(t) query `rawRuns` times: its times and its last curve. */
      const timeRaw = async (label: string, query: typeof rawRetentionQuery) => {
        const times: number[] = [];
        let curve: number[] = [];
        for (let i = 0; i < rawRuns; i++) {
          t0 = performance.now();
          const [row] = await db.execute<{ r: number[] }>(query(q, long.id, range.from, range.to, long.durationSeconds));
          times.push(ms(t0));
          curve = (row?.r ?? []).map(Number);
          console.log(`  ${label} run ${i + 1}/${rawRuns}: ${fmt(times.at(-1)!)} ms`);
        }
        return { times, curve };
      };
      const { times: rawMs, curve: fromRaw } = await timeRaw('raw, expanded seconds', rawRetentionQuery);
      const { times: diffMs, curve: fromDiff } = await timeRaw('raw, difference array', rawRetentionDiffQuery);
      const maxDiff = (xs: number[]) => {
        let m = xs.length === fromRollups.length ? 0 : Infinity;
        for (let t = 0; t < Math.min(xs.length, fromRollups.length); t++) m = Math.max(m, Math.abs(xs[t]! - fromRollups[t]!));
        return m;
      };
      const maxAbsDiff = Math.max(maxDiff(fromRaw), maxDiff(fromDiff));
      if (!(maxAbsDiff < 1e-9)) errors.push(`R(t) from roll-ups and from raw segments differ (max |ΔR| ${maxDiff(fromRaw)} for the expansion, ${maxDiff(fromDiff)} for the difference array)`);
      const [{ n: views, segs: segmentsInRange } = { n: 0, segs: 0 }] = await db.execute<{ n: number; segs: number }>(q`
        select count(*) filter (where content_seconds > 0)::int as n, coalesce(sum(segment_count), 0)::int as segs from video_views
        where video_id = ${long.id} and started_at >= ${range.from}::date::timestamptz and started_at < (${range.to}::date + 1)::timestamptz`);
      const rt = timing('videoRetention (roll-ups)', rollupMs);
      // Where the roll-up read's time goes: the two running-total rows it reads (the last on or before the
      // range's end, the last before its start) fetched without decoding or subtracting, the plan, the
      // table's size and statistics.
      const readRows = q`select views_cum, coverage_cum from video_daily where video_id = ${long.id} and day in (
        (select max(day) from video_daily where video_id = ${long.id} and day <= ${range.to}::date),
        (select max(day) from video_daily where video_id = ${long.id} and day < ${range.from}::date))`;
      const fetchMs: number[] = [];
      for (let i = 0; i < iterations; i++) {
        t0 = performance.now();
        await db.execute(readRows);
        fetchMs.push(ms(t0));
      }
      const plan = (await db.execute<{ 'QUERY PLAN': string }>(q`explain (analyze, buffers) ${readRows}`)).map((r) => r['QUERY PLAN']);
      const [table] = await db.execute<{ rows: number; bytes: number; analyzed: string | null }>(q`
        select (select count(*)::int from video_daily) as rows, pg_total_relation_size('video_daily')::float8 as bytes,
          (select coalesce(last_analyze, last_autoanalyze)::text from pg_stat_user_tables where relname = 'video_daily') as analyzed`);
      const diagnostics = { fetchOnly: timing('the two running-total rows, fetched only', fetchMs), plan, videoDaily: table ?? null };
      console.log(`  the same rows fetched without summing: p50 ${fmt(diagnostics.fetchOnly.p50, 1)} ms, p95 ${fmt(diagnostics.fetchOnly.p95, 1)} ms; video_daily ${fmt(table?.rows ?? 0)} rows, ${fmt((table?.bytes ?? 0) / 2 ** 20)} MiB, analysed ${table?.analyzed ?? 'never'}`);
      for (const l of plan) console.log(`    ${l}`);
      const rawMedianMs = pct(rawMs, 50);
      const diffMedianMs = pct(diffMs, 50);
      retention = {
        rollup: rt,
        rawMs: rawMs.map((x) => round(x)),
        rawMedianMs: round(rawMedianMs),
        ratio: rawMedianMs / rt.p50,
        diffMs: diffMs.map((x) => round(x)),
        diffMedianMs: round(diffMedianMs),
        diffRatio: diffMedianMs / rt.p50,
        maxAbsDiff,
        seconds: fromRollups.length,
        views,
        segments: segmentsInRange,
        range,
        diagnostics,
      };
      console.log(`  roll-ups p50 ${fmt(rt.p50, 1)} ms, p95 ${fmt(rt.p95, 1)} ms; raw expansion median ${fmt(rawMedianMs)} ms (${fmt(retention.ratio)}×); raw difference array median ${fmt(diffMedianMs)} ms (${fmt(retention.diffRatio, 1)}×); max |ΔR| ${maxAbsDiff}`);

      // ── 4. dashboards ──
      const { getVideoAnalytics } = await import('../lib/analytics/video-queries');
      const videoSample = [long, ...s.topVideos.filter((v) => v.id !== long.id).slice(0, 9), ...s.topVideos.slice(-10), ...s.topVideos.slice(200, 210)];
      const courseSample = s.courseIds.slice(0, 10).concat(s.courseIds.slice(-10));
      const preset = { preset: '90d' };
      const measure = async (name: string, n: number, fn: (i: number) => Promise<unknown>) => {
        for (let i = 0; i < 2; i++) if (!(await fn(i))) throw new Error(`${name} returned nothing for the admin`);
        const xs: number[] = [];
        for (let i = 0; i < n; i++) {
          const t = performance.now();
          await fn(i);
          xs.push(ms(t));
        }
        const r = timing(name, xs);
        dashboards.push(r);
        console.log(`  ${name}: p50 ${fmt(r.p50, 1)} ms, p95 ${fmt(r.p95, 1)} ms, max ${fmt(r.max, 1)} ms (${r.calls} calls)`);
      };
      const n = Math.max(iterations, videoSample.length);
      step(`dashboards: each server query function ${n} times, 90-day range, as the admin`);
      await measure('video: getVideoAnalytics', n, (i) => getVideoAnalytics(actor, videoSample[i % videoSample.length]!.id, preset));
      await measure('video: getVideoAnalytics, the 2-hour video', iterations, () => getVideoAnalytics(actor, long.id, preset));
      // What the seed shows on the 2-hour video's page: the features the sessions were generated with.
      const shown = await getVideoAnalytics(actor, long.id, preset);
      if (shown) {
        const sm = shown.summary;
        const pctOf = (x: number | null) => (x === null ? '–' : `${fmt(x * 100, 1)} %`);
        seedShows = { views: sm.views, viewStarts: sm.viewStarts, introRetention: sm.introRetention, completionRate: sm.completionRate, failureRate: sm.failureRate, exitsBeforeStartRate: sm.exitsBeforeStartRate, hotspots: shown.hotspots.length, skipZones: shown.skipZones.length, dropOffs: shown.dropOffs.length };
        console.log(
          `  the 2-hour video's page shows: ${fmt(sm.views)} views of ${fmt(sm.viewStarts)} starts, intro retention ${pctOf(sm.introRetention)}, completion ${pctOf(sm.completionRate)}, ` +
            `failures ${pctOf(sm.failureRate)}, exits before start ${pctOf(sm.exitsBeforeStartRate)}; ${shown.hotspots.length} rewatch hotspot(s), ${shown.skipZones.length} skip zone(s), ${shown.dropOffs.length} drop-off(s)`,
        );
      }
      if (fs.existsSync(path.join(root, 'lib', 'analytics', 'course-queries.ts'))) {
        const cq = await import('../lib/analytics/course-queries');
        const { studentListSchema } = await import('../lib/analytics/dashboard-schemas');
        await measure('course: getCourseAnalytics', n, (i) => cq.getCourseAnalytics(actor, courseSample[i % courseSample.length]!, preset));
        await measure('course: listCourseStudents (page 1, by last activity)', n, (i) => cq.listCourseStudents(actor, courseSample[i % courseSample.length]!, studentListSchema.parse({})));
      } else notes.push('lib/analytics/course-queries.ts did not exist: the course dashboard was not measured');
      if (fs.existsSync(path.join(root, 'lib', 'analytics', 'platform-queries.ts'))) {
        const pq = await import('../lib/analytics/platform-queries');
        await measure('platform: getPlatformOverview', n, () => pq.getPlatformOverview(actor, preset));
      } else notes.push('lib/analytics/platform-queries.ts did not exist: the platform dashboard was not measured');

      // ── 5. Lighthouse on the video analytics page ──
      const page = findPage();
      if (values['no-lighthouse']) lighthouseNote = 'skipped (--no-lighthouse)';
      else if (!page) lighthouseNote = `not measured: app/${PAGE_SEGMENTS.join('/')} does not exist yet`;
      else {
        const build = await currentBuild({ ...inheritedEnv(), DATABASE_URL: pg.url });
        distDir = build.distDir;
        notes.push(...build.notes);
        const port = await freePort();
        const base = `http://localhost:${port}`;
        const env: Env = { ...inheritedEnv(), DATABASE_URL: pg.url, AUTH_SECRET: authSecret, APP_URL: base, AUTH_TRUST_HOST: 'true', NODE_ENV: 'production', NEXT_DIST_DIR: build.distDir, NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn', ANALYTICS_TIMEZONE: 'UTC' };
        step(`next start (${build.distDir}) on ${base}`);
        const next = spawnServer('next start (analytics)', [nextBin, 'start', '-p', String(port)], env, path.join(logsDir, 'analytics-server.log'));
        servers.push(next);
        await waitFor200(`${base}/login`, next);
        const cookie = await signInCookieHeader(base, admin);
        const url = `/courses/${long.courseId}/analytics/videos/${long.id}?preset=90d`;
        for (let i = 0; i < 2; i++) {
          const res = await fetch(`${base}${url}`, { headers: { cookie }, redirect: 'manual' });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${url} answered ${res.status} for the admin, expected 200`);
        }
        // The same audits of app/baseline (a static page with one heading, through the same root
        // layout) in the same run: what any page of this build costs on this machine, so the
        // dashboard's own share shows apart from the machine's noise and React's start-up.
        const { lighthouse } = await import('./lesson-page');
        const configs = [
          { preset: 'desktop', throttling: 'simulate' },
          { preset: 'mobile', throttling: 'simulate' },
          { preset: 'mobile', throttling: 'devtools' },
        ] as const;
        for (const c of configs) {
          for (const [pageName, pageUrl] of [['analytics', url], ['baseline', '/baseline']] as const) {
            step(`Lighthouse ${c.preset} (${c.throttling} throttling), ${pageName === 'analytics' ? 'video analytics page of the 2-hour video' : 'static baseline page'}, ${lhRuns} run(s)`);
            try {
              const l = await lighthouse(`${base}${pageUrl}`, cookie, c.preset, lhRuns, `analytics-${pageName}`, c.throttling);
              lighthouseResults.push({ page: pageName, preset: c.preset, throttling: c.throttling, runs: l.runs.length, tbtMs: l.median.tbtMs, score: l.median.score, lcpMs: l.median.lcpMs, tbtRuns: l.runs.map((r) => r.tbtMs), reportFile: path.relative(root, l.findings.reportFile) });
            } catch (e) {
              errors.push(`Lighthouse ${c.preset} ${c.throttling} on ${pageUrl}: ${errorText(e)}`);
              console.error(`✖ ${errors.at(-1)}`);
            }
          }
        }
      }
    } catch (e) {
      errors.push(errorText(e));
      console.error(`✖ ${errors.at(-1)}`);
    }
  });

  // ── report ──
  const lines = [`## Analytics benchmark, ${stamp()} UTC`, '', '| metric | value | target | met? |', '|---|---:|---:|---|'];
  const met = (ok: boolean) => (ok ? '✓ met' : '✖ not met');
  const s = seed;
  if (s) {
    lines.push(`| seed: ${fmt(s.segments)} segments, ${fmt(s.views)} views, ${fmt(s.videos)} videos, ${fmt(s.courses)} courses, ${fmt(s.students)} students, ${s.days} days (s) | ${fmt(s.seconds.total, 1)} | – | – |`);
    lines.push(`| ↳ segments generated + COPY / indexes rebuilt / vacuum analyze (s) | ${fmt(s.seconds.segments, 1)} / ${fmt(s.seconds.indexes, 1)} / ${fmt(s.seconds.vacuum, 1)} | – | – |`);
  }
  if (rollup) {
    const r = rollup;
    lines.push(`| roll-up over the fresh seed: close ${fmt(r.result.closedViews!)} views, fold ${fmt(r.result.foldedVideoDays!)} video-days, ${fmt(r.result.courseDays!)} course-days, ${fmt(r.result.platformDays!)} platform days (s) | **${fmt(r.seconds, 1)}** | – | – |`);
    lines.push(`| ↳ throughput (segments/s) | **${fmt(r.segmentsPerSecond)}** | – | – |`);
    lines.push(`| ↳ second run, nothing new (ms) | ${fmt(r.rerunMs)} | – | – |`);
  }
  if (retention) {
    const r = retention;
    lines.push(`| R(t) of the 2-hour video, 1-s resolution, ${RETENTION_DAYS} days (${fmt(r.views)} views, ${fmt(r.segments)} segments): from roll-ups, p50 / p95 of ${r.rollup.calls} (ms) | **${fmt(r.rollup.p50, 1)}** / ${fmt(r.rollup.p95, 1)} | < ${TARGET_RETENTION_MS} | ${met(r.rollup.p95 < TARGET_RETENTION_MS)} |`);
    lines.push(`| ↳ from raw segments in SQL, each segment expanded to its seconds, distinct views per second: median of ${r.rawMs.length} (ms) | ${fmt(r.rawMedianMs)} | – | – |`);
    lines.push(`| ↳ ratio raw / roll-ups (medians) | **${fmt(r.ratio)}×** | ≥ ${TARGET_RATIO}× | ${met(r.ratio >= TARGET_RATIO)} |`);
    lines.push(`| ↳ from raw segments in SQL, per-view unions + difference array (window functions): median of ${r.diffMs.length} (ms); ratio to roll-ups | ${fmt(r.diffMedianMs)}; ${fmt(r.diffRatio, 1)}× | – | – |`);
    lines.push(`| ↳ largest difference between the two curves, max over t of abs(ΔR) | ${r.maxAbsDiff === 0 ? '0' : r.maxAbsDiff.toExponential(1)} | 0 | ${met(r.maxAbsDiff < 1e-9)} |`);
  }
  for (const d of dashboards) lines.push(`| ${d.name}, p50 / p95 of ${d.calls} (ms) | ${fmt(d.p50, 1)} / **${fmt(d.p95, 1)}** | – | – |`);
  for (const l of lighthouseResults.filter((x) => x.page === 'analytics')) {
    const base = lighthouseResults.find((x) => x.page === 'baseline' && x.preset === l.preset && x.throttling === l.throttling);
    lines.push(`| Lighthouse ${l.preset} (${l.throttling} throttling), video analytics page: total blocking time, median of ${l.runs} (ms) | **${fmt(l.tbtMs)}** (score ${fmt(l.score)}; runs ${l.tbtRuns.map((x) => fmt(x)).join(', ')}) | ≤ ${TARGET_TBT_MS} | ${met(l.tbtMs <= TARGET_TBT_MS)} |`);
    if (base) lines.push(`| ↳ static baseline page, same build, same settings (ms); dashboard − baseline | ${fmt(base.tbtMs)} (runs ${base.tbtRuns.map((x) => fmt(x)).join(', ')}); **${fmt(l.tbtMs - base.tbtMs)}** | – | – |`);
  }
  if (lighthouseNote) lines.push(`| Lighthouse, video analytics page | ${lighthouseNote} | ≤ ${TARGET_TBT_MS} ms TBT | – |`);
  console.log(`\n${lines.join('\n')}\n`);
  console.log(`Machine: ${machineLine()}.`);
  console.log(
    'Everything ran on one machine in one run: PostgreSQL (embedded, fsync off, shared_buffers 128 MB), the seed, the roll-up and the queries (in this process, as the app calls them)' +
      `${lighthouseResults.length ? `, and a \`next start\` of ${distDir} audited by Lighthouse` : ''}. The raw R(t) query expands each segment into the seconds it covers (generate_series) and counts distinct views per second.`,
  );
  for (const n of notes) console.log(`Note: ${n}`);
  for (const e of errors) console.error(`\n✖ ${e}`);

  const file = path.join(resultsDir, 'analytics.json');
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        date: startedAt.toISOString(),
        machine: machineLine(),
        cpus: os.cpus().length,
        settings: { segments, iterations, rawRuns, lighthouseRuns: lhRuns, retentionDays: RETENTION_DAYS, distDir, targets: { ratio: TARGET_RATIO, retentionMs: TARGET_RETENTION_MS, tbtMs: TARGET_TBT_MS } },
        seed: s && { ...s, topVideos: s.topVideos.slice(0, 10), longVideoPage: seedShows },
        rollup,
        retention,
        dashboards,
        lighthouse: lighthouseResults,
        lighthouseNote,
        notes,
        errors,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nWrote ${path.relative(root, file)}.`);
  return errors.length ? 1 : 0;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

if (import.meta.url === `file://${process.argv[1]}`) process.exit(await run(process.argv.slice(2)));
