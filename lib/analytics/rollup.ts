import 'server-only';
import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { videoDaily } from '@/db/schema';
import { env } from '@/lib/env';
import { loggerFor } from '@/lib/logger';
import { addTotals, cumColumns, diffTotals, fromCum, type PerSecondTotals } from './cumulative';
import { foldDay, secondsOf, type FoldView } from './metrics';
import { addDays, todayIn } from './schemas';

// The analytics roll-up (video.md §5), run by the worker every few minutes:
//   1. close idle views (no beat for 30 min, or ended/hidden/failed + 2 min);
//   2. fold every (video, day) that has a closed view not yet folded at its current revision — the
//      day's row is recomputed from ALL its closed views, so folding is a pure function of the raw
//      data: running twice, or again after a crash half-way, gives the same rows, and a late beat
//      (which bumps its view's revision) simply makes that view-day dirty again;
//   3. recompute course and platform days touched by step 2 and the last few days (set-based SQL);
//   4. drop raw segment partitions older than the retention (roll-ups stay).

const log = loggerFor('analytics');

const IDLE_MINUTES = 30;
const FINISHED_MINUTES = 2;
/** Days of one video folded in one transaction (bounds the segments held in memory). */
const DAYS_PER_FOLD = 31;
/** Days behind today recomputed on every run for course/platform activity (no change tracking there). */
const RECENT_DAYS = 2;
/** How far back a full rebuild of the course/platform roll-ups goes. */
const MAX_REBUILD_DAYS = 731;
const LAST_RUN_KEY = 'rollup.last_run';

/** When the roll-up last completed (dashboards say how fresh their figures are), or null. */
export async function lastRollupAt(): Promise<string | null> {
  const [row] = await db.execute<{ value: string }>(sql`select value from analytics_state where key = ${LAST_RUN_KEY}`);
  return row?.value ?? null;
}

export type RollupResult = {
  closedViews: number;
  foldedViews: number;
  foldedVideoDays: number;
  segments: number;
  courseDays: number;
  platformDays: number;
  droppedPartitions: number;
};

export type RollupOptions = {
  now?: Date;
  /** Stop after this many video-days (tests use it to simulate a run killed half-way). */
  maxVideoDays?: number;
  /** Recompute the course/platform roll-ups of every day with data (after an import or a seed). */
  rebuild?: boolean;
  /** Fold only these videos (an admin re-fold; tests that share a database with others). */
  onlyVideoIds?: string[];
  timeZone?: string;
  retentionDays?: number;
};

export async function runAnalyticsRollup(opts: RollupOptions = {}): Promise<RollupResult> {
  const now = opts.now ?? new Date();
  const tz = opts.timeZone ?? env.ANALYTICS_TIMEZONE;
  const closedViews = await closeIdleViews(now);
  const folded = await foldDirtyVideoDays(tz, opts.maxVideoDays ?? Infinity, opts.onlyVideoIds);
  let days = [...folded.days];
  const today = todayIn(tz, now);
  for (let i = RECENT_DAYS; i >= 0; i--) days.push(addDays(today, -i));
  if (opts.rebuild) days.push(...(await daysWithData(tz, today)));
  days = [...new Set(days)].sort();
  const { courseDays, platformDays } = folded.stopped ? { courseDays: 0, platformDays: 0 } : await rollUpCoursesAndPlatform(days, tz);
  const droppedPartitions = folded.stopped ? 0 : await dropOldPartitions(now, opts.retentionDays ?? env.ANALYTICS_RAW_RETENTION_DAYS);
  const result = { closedViews, foldedViews: folded.views, foldedVideoDays: folded.videoDays, segments: folded.segments, courseDays, platformDays, droppedPartitions };
  if (!folded.stopped && !opts.onlyVideoIds) {
    await db.execute(sql`
      insert into analytics_state (key, value, updated_at) values (${LAST_RUN_KEY}, ${now.toISOString()}, now())
      on conflict (key) do update set value = excluded.value, updated_at = now()`);
  }
  log.info(result, 'analytics roll-up done');
  return result;
}

async function closeIdleViews(now: Date) {
  const r = await db.execute(sql`
    update video_views set closed_at = ${now.toISOString()}
    where closed_at is null and (
      last_beat_at < ${now.toISOString()}::timestamptz - make_interval(mins => ${IDLE_MINUTES})
      or (state in ('ended', 'hidden', 'error') and last_beat_at < ${now.toISOString()}::timestamptz - make_interval(mins => ${FINISHED_MINUTES})))`);
  return r.count;
}

type ViewRow = {
  id: string;
  viewer: string;
  started_at: Date;
  day: string;
  lesson_id: string | null;
  revision: number;
  skips: [number, number][];
  ended: boolean;
  max_position: number;
  last_position: number;
  stall_ms: number;
  error_fatal: boolean;
  error_code: string | null;
};

async function foldDirtyVideoDays(tz: string, maxVideoDays: number, onlyVideoIds?: string[]) {
  const out = { views: 0, videoDays: 0, segments: 0, days: new Set<string>(), stopped: false };
  const failed = new Set<string>();
  for (;;) {
    const dirty = await db.execute<{ video_id: string; days: string[] }>(sql`
      select video_id, array_agg(day order by day) as days from (
        select distinct video_id, (started_at at time zone ${tz})::date::text as day from video_views
        where closed_at is not null and folded_revision is distinct from revision
          ${onlyVideoIds ? sql`and video_id = any(${sql.param(onlyVideoIds)}::uuid[])` : sql``}
      ) d group by video_id order by video_id limit 200`);
    const todo = dirty.filter((d) => !failed.has(d.video_id));
    if (!todo.length) return out;
    for (const { video_id: videoId, days } of todo) {
      for (let i = 0; i < days.length; i += DAYS_PER_FOLD) {
        let chunk = days.slice(i, i + DAYS_PER_FOLD);
        if (out.videoDays + chunk.length > maxVideoDays) chunk = chunk.slice(0, maxVideoDays - out.videoDays);
        if (!chunk.length) {
          out.stopped = true;
          return out;
        }
        try {
          const r = await foldVideoDays(videoId, chunk, tz);
          out.views += r.views;
          out.segments += r.segments;
          out.videoDays += chunk.length;
          for (const d of chunk) out.days.add(d);
        } catch (e) {
          // One bad video must not stop the others; it is retried on the next run.
          failed.add(videoId);
          log.error({ videoId, err: e instanceof Error ? e.message : String(e) }, 'folding a video failed');
        }
      }
    }
  }
}

/** Recomputes the roll-up rows of one video for some days, in one transaction. */
async function foldVideoDays(videoId: string, days: string[], tz: string) {
  return db.transaction(async (tx) => {
    // One fold of a video at a time: the cumulative chain is read and rewritten as a whole.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`lectern.video_daily:${videoId}`}))`);
    const [video] = await tx.execute<{ course_id: string; lesson_id: string | null; duration: number | null }>(sql`
      select course_id, lesson_id, duration_seconds as duration from videos where id = ${videoId}`);
    if (!video) return { views: 0, segments: 0 };
    const lo = sql`(${days[0]}::date::timestamp at time zone ${tz})`;
    const hi = sql`((${days.at(-1)}::date + 1)::timestamp at time zone ${tz})`;
    // Locking the day's views waits for any beat being written to them, so the segments read next
    // include it, and the revision marked as folded is the one these figures come from.
    const views = await tx.execute<ViewRow>(sql`
      select id, coalesce(user_id::text, viewer_key, id::text) as viewer, started_at, (started_at at time zone ${tz})::date::text as day,
        lesson_id, revision, skips, ended, max_position, last_position, stall_ms, error_fatal, error_code
      from video_views
      where video_id = ${videoId} and started_at >= ${lo} and started_at < ${hi} and closed_at is not null
        and (started_at at time zone ${tz})::date::text = any(${sql.param(days)}::text[])
      order by id for update`);
    // Segments are written after their view started and within its 8-hour ticket: a day of margin.
    const segs = await tx.execute<{ view_id: string; from_seconds: number; to_seconds: number; rate: number }>(sql`
      select view_id, from_seconds, to_seconds, rate from watch_segments
      where video_id = ${videoId} and created_at >= ${lo} and created_at < ${hi} + interval '1 day'`);
    const byView = new Map<string, [number, number, number][]>();
    for (const s of segs) {
      let list = byView.get(s.view_id);
      if (!list) byView.set(s.view_id, (list = []));
      list.push([s.from_seconds, s.to_seconds, s.rate]);
    }
    const maxPos = views.reduce((m, v) => Math.max(m, v.max_position), 0);
    const duration = video.duration && video.duration > 0 ? video.duration : Math.max(1, maxPos);
    const folds: (Record<string, unknown> & { day: string })[] = [];
    const fresh = new Map<string, PerSecondTotals>();
    const marks: { id: string; revision: number; unique: number }[] = [];
    let segments = 0;
    for (const day of days) {
      const dayViews = views.filter((v) => v.day === day);
      const input: FoldView[] = dayViews.map((v) => {
        const s = byView.get(v.id) ?? [];
        segments += s.length;
        return {
          viewer: v.viewer,
          startedAt: new Date(v.started_at),
          segments: s,
          skips: v.skips,
          ended: v.ended,
          maxPosition: v.max_position,
          lastPosition: v.last_position,
          stallMs: v.stall_ms,
          errorFatal: v.error_fatal,
          errorCode: v.error_code,
        };
      });
      const f = foldDay(input, duration);
      dayViews.forEach((v, i) => marks.push({ id: v.id, revision: v.revision, unique: f.uniqueSeconds[i]! }));
      if (!dayViews.length) continue;
      const lessonId = mostCommon(dayViews.map((v) => v.lesson_id)) ?? video.lesson_id;
      folds.push({
        day,
        lesson_id: lessonId,
        duration_seconds: secondsOf(duration),
        view_starts: f.viewStarts,
        views: f.views,
        qualified_views: f.qualifiedViews,
        unique_viewers: f.uniqueViewers,
        watch_seconds: f.watchSeconds,
        unique_watch_seconds: f.uniqueWatchSeconds,
        watched_share_sum: f.watchedShareSum,
        completed_views: f.completedViews,
        reached_end_views: f.reachedEndViews,
        failed_views: f.failedViews,
        exits_before_start: f.exitsBeforeStart,
        stall_ms: f.stallMs,
        played_ms: f.playedMs,
      });
      fresh.set(day, { views: f.views, coverage: f.coverage, plays: f.plays, skips: f.skips, exits: f.exits });
    }

    // Cumulative arrays: this video's rows from the first refolded day on are re-accumulated from
    // the last row before it, with the new per-day values for the refolded days and, for the later
    // days, their old per-day values (the difference of consecutive old cumulative rows).
    const [base] = await tx
      .select(cumColumns)
      .from(videoDaily)
      .where(and(eq(videoDaily.videoId, videoId), lt(videoDaily.day, days[0]!)))
      .orderBy(desc(videoDaily.day))
      .limit(1);
    const later = await tx
      .select({ day: videoDaily.day, ...cumColumns })
      .from(videoDaily)
      .where(and(eq(videoDaily.videoId, videoId), gte(videoDaily.day, days[0]!)))
      .orderBy(asc(videoDaily.day));
    const refolded = new Set(days);
    const kept = new Map<string, PerSecondTotals>();
    let prevOld = fromCum(base ?? null);
    for (const row of later) {
      const cum = fromCum(row);
      if (!refolded.has(row.day)) kept.set(row.day, diffTotals(cum, prevOld));
      prevOld = cum;
    }
    let running = fromCum(base ?? null);
    const cumByDay = new Map<string, PerSecondTotals>();
    for (const day of [...new Set([...fresh.keys(), ...kept.keys()])].sort()) {
      running = addTotals(running, fresh.get(day) ?? kept.get(day)!);
      cumByDay.set(day, running);
    }
    const cumJson = (c: PerSecondTotals) => ({ views_cum: c.views, coverage_cum: hex(c.coverage), plays_cum: hex(c.plays), skips_cum: hex(c.skips), exits_cum: hex(c.exits) });

    await tx.execute(sql`delete from video_daily where video_id = ${videoId} and day::text = any(${sql.param(days)}::text[])`);
    if (folds.length) {
      const rows = folds.map((f) => ({ ...f, ...cumJson(cumByDay.get(f.day)!) }));
      await tx.execute(sql`
        insert into video_daily (video_id, day, course_id, lesson_id, duration_seconds, view_starts, views, qualified_views, unique_viewers,
          watch_seconds, unique_watch_seconds, watched_share_sum, completed_views, reached_end_views, failed_views, exits_before_start,
          stall_ms, played_ms, views_cum, coverage_cum, plays_cum, skips_cum, exits_cum)
        select ${videoId}, day, ${video.course_id}, lesson_id, duration_seconds, view_starts, views, qualified_views, unique_viewers,
          watch_seconds, unique_watch_seconds, watched_share_sum, completed_views, reached_end_views, failed_views, exits_before_start,
          stall_ms, played_ms, views_cum, decode(coverage_cum, 'hex'), decode(plays_cum, 'hex'), decode(skips_cum, 'hex'), decode(exits_cum, 'hex')
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(day date, lesson_id uuid, duration_seconds int, view_starts int, views int,
          qualified_views int, unique_viewers int, watch_seconds float8, unique_watch_seconds float8, watched_share_sum float8, completed_views int,
          reached_end_views int, failed_views int, exits_before_start int, stall_ms float8, played_ms float8,
          views_cum int, coverage_cum text, plays_cum text, skips_cum text, exits_cum text)`);
    }
    if (kept.size) {
      const rows = [...kept.keys()].map((day) => ({ day, ...cumJson(cumByDay.get(day)!) }));
      await tx.execute(sql`
        update video_daily d set views_cum = x.views_cum, coverage_cum = decode(x.coverage_cum, 'hex'), plays_cum = decode(x.plays_cum, 'hex'),
          skips_cum = decode(x.skips_cum, 'hex'), exits_cum = decode(x.exits_cum, 'hex')
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(day date, views_cum int, coverage_cum text, plays_cum text, skips_cum text, exits_cum text)
        where d.video_id = ${videoId} and d.day = x.day`);
    }
    if (marks.length) {
      await tx.execute(sql`
        update video_views w set folded_revision = m.revision, unique_seconds = m.uniq
        from jsonb_to_recordset(${JSON.stringify(marks.map((m) => ({ id: m.id, revision: m.revision, uniq: m.unique })))}::jsonb) as m(id uuid, revision int, uniq real)
        where w.id = m.id`);
    }
    return { views: views.length, segments };
  });
}

const hex = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

function mostCommon<T>(xs: (T | null)[]): T | null {
  const counts = new Map<T, number>();
  for (const x of xs) if (x !== null) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: T | null = null;
  let n = 0;
  for (const [k, c] of counts) if (c > n) [best, n] = [k, c];
  return best;
}

/** Every analytics day with any source data, for a rebuild (bounded to the last two years). */
async function daysWithData(tz: string, today: string): Promise<string[]> {
  const [row] = await db.execute<{ first: string | null }>(sql`
    select least(
      (select min(enrolled_at) from enrollments), (select min(started_at) from video_views), (select min(created_at) from users),
      (select min(started_at) from quiz_attempts), (select min(created_at) from homework_submissions)
    ) at time zone ${tz} as first`);
  if (!row?.first) return [];
  let from = String(row.first).slice(0, 10);
  const floor = addDays(today, -MAX_REBUILD_DAYS);
  if (from < floor) from = floor;
  const out: string[] = [];
  for (let d = from; d <= today; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * Course and platform rows of the given days, recomputed from the source tables in one transaction
 * per table: the old rows of those days are deleted and the new ones inserted, so a rerun is a no-op.
 */
async function rollUpCoursesAndPlatform(days: string[], tz: string) {
  if (!days.length) return { courseDays: 0, platformDays: 0 };
  const daysParam = sql`(${sql.param(days)}::text[])::date[]`;
  const lo = sql`(${days[0]}::date::timestamp at time zone ${tz})`;
  const hi = sql`((${days.at(-1)}::date + 1)::timestamp at time zone ${tz})`;
  const local = (col: string) => sql`(${sql.raw(col)} at time zone ${tz})::date`;
  const within = (col: string) => sql`${sql.raw(col)} >= ${lo} and ${sql.raw(col)} < ${hi}`;
  // Who did anything in a course that day: watched, took a quiz, wrote in a homework thread, completed a lesson.
  const activity = sql`
    select course_id, ${local('started_at')} as day, user_id from video_views where user_id is not null and ${within('started_at')}
    union select course_id, ${local('started_at')}, user_id from quiz_attempts where ${within('started_at')}
    union select s.course_id, ${local('m.created_at')}, m.author_id from homework_messages m join homework_submissions s on s.id = m.submission_id
      where m.role = 'student' and m.author_id is not null and ${within('m.created_at')}
    union select course_id, ${local('completed_at')}, user_id from lesson_progress where ${within('completed_at')}`;

  const courseDays = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lectern.analytics.course_daily'))`);
    await tx.execute(sql`delete from course_daily where day = any(${daysParam})`);
    const r = await tx.execute(sql`
      with facts(course_id, day, metric, value) as (
        select course_id, ${local('enrolled_at')}, 'enrollments', 1::float8 from enrollments where ${within('enrolled_at')}
        union all select course_id, ${local('completed_at')}, 'course_completions', 1 from enrollments where ${within('completed_at')}
        union all select course_id, ${local('completed_at')}, 'lesson_completions', 1 from lesson_progress where ${within('completed_at')}
        union all select course_id, ${local('submitted_at')}, 'quiz_attempts', 1 from quiz_attempts where ${within('submitted_at')}
        union all select course_id, ${local('submitted_at')}, 'quiz_passed', 1 from quiz_attempts where passed and ${within('submitted_at')}
        union all select s.course_id, ${local('m.created_at')}, 'homework_submitted', 1 from homework_messages m join homework_submissions s on s.id = m.submission_id
          where m.kind = 'submission' and ${within('m.created_at')}
        union all select course_id, ${local('accepted_at')}, 'homework_accepted', 1 from homework_submissions where ${within('accepted_at')}
        union all select course_id, ${local('reviewed_at')}, 'review_seconds', extract(epoch from reviewed_at - submitted_at)::float8 from homework_submissions
          where reviewed_at >= submitted_at and ${within('reviewed_at')}
        union all select course_id, ${local('reviewed_at')}, 'review_count', 1 from homework_submissions where reviewed_at >= submitted_at and ${within('reviewed_at')}
        union all select course_id, day, 'watch_seconds', watch_seconds from video_daily where day = any(${daysParam})
        union all select course_id, day, 'active', count(distinct user_id)::float8 from (${activity}) a group by 1, 2
      )
      insert into course_daily (course_id, day, enrollments, active_students, lesson_completions, course_completions, quiz_attempts, quiz_passed,
        homework_submitted, homework_accepted, review_seconds_sum, review_count, watch_seconds)
      select f.course_id, f.day,
        coalesce(sum(value) filter (where metric = 'enrollments'), 0)::int, coalesce(sum(value) filter (where metric = 'active'), 0)::int,
        coalesce(sum(value) filter (where metric = 'lesson_completions'), 0)::int, coalesce(sum(value) filter (where metric = 'course_completions'), 0)::int,
        coalesce(sum(value) filter (where metric = 'quiz_attempts'), 0)::int, coalesce(sum(value) filter (where metric = 'quiz_passed'), 0)::int,
        coalesce(sum(value) filter (where metric = 'homework_submitted'), 0)::int, coalesce(sum(value) filter (where metric = 'homework_accepted'), 0)::int,
        coalesce(sum(value) filter (where metric = 'review_seconds'), 0), coalesce(sum(value) filter (where metric = 'review_count'), 0)::int,
        coalesce(sum(value) filter (where metric = 'watch_seconds'), 0)
      from facts f join courses c on c.id = f.course_id
      where f.day = any(${daysParam})
      group by f.course_id, f.day`);
    return r.count;
  });

  const platformDays = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lectern.analytics.platform_daily'))`);
    await tx.execute(sql`delete from platform_daily where day = any(${daysParam})`);
    const r = await tx.execute(sql`
      with facts(day, metric, value) as (
        select ${local('created_at')}, 'new_users', 1::float8 from users where ${within('created_at')}
        union all select ${local('enrolled_at')}, 'enrollments', 1 from enrollments where ${within('enrolled_at')}
        union all select ${local('completed_at')}, 'course_completions', 1 from enrollments where ${within('completed_at')}
        union all select ${local('completed_at')}, 'lesson_completions', 1 from lesson_progress where ${within('completed_at')}
        union all select ${local('uploaded_at')}, 'uploads', 1 from videos where ${within('uploaded_at')}
        union all select ${local('uploaded_at')}, 'uploaded_bytes', size::float8 from videos where ${within('uploaded_at')}
        union all select day, 'watch_seconds', watch_seconds from video_daily where day = any(${daysParam})
        union all select day, 'active', count(distinct user_id)::float8 from (${activity}) a group by 1
      )
      insert into platform_daily (day, active_students, new_users, enrollments, lesson_completions, course_completions, watch_seconds, uploads, uploaded_bytes)
      select day,
        coalesce(sum(value) filter (where metric = 'active'), 0)::int, coalesce(sum(value) filter (where metric = 'new_users'), 0)::int,
        coalesce(sum(value) filter (where metric = 'enrollments'), 0)::int, coalesce(sum(value) filter (where metric = 'lesson_completions'), 0)::int,
        coalesce(sum(value) filter (where metric = 'course_completions'), 0)::int, coalesce(sum(value) filter (where metric = 'watch_seconds'), 0),
        coalesce(sum(value) filter (where metric = 'uploads'), 0)::int, coalesce(sum(value) filter (where metric = 'uploaded_bytes'), 0)
      from facts where day = any(${daysParam}) group by day`);
    return r.count;
  });
  return { courseDays, platformDays };
}

/** Drops monthly raw-segment partitions that end before the retention horizon. */
async function dropOldPartitions(now: Date, retentionDays: number) {
  const horizon = new Date(now.getTime() - retentionDays * 86_400_000);
  const parts = await db.execute<{ name: string }>(sql`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
    where p.relname = 'watch_segments' and c.relname ~ '^watch_segments_[0-9]{6}$'`);
  let dropped = 0;
  for (const { name } of parts) {
    const y = Number(name.slice(-6, -2));
    const m = Number(name.slice(-2));
    const end = new Date(Date.UTC(y, m, 1)); // first day of the next month
    if (end <= horizon) {
      await db.execute(sql`drop table if exists ${sql.identifier(name)}`);
      dropped++;
    }
  }
  if (dropped) log.info({ dropped, retentionDays }, 'dropped old watch-segment partitions');
  return dropped;
}
