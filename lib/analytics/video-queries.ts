import 'server-only';
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { courses, lessons, videoDaily, videos } from '@/db/schema';
import { getCourseRole, hasCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { lttbIndices } from './downsample';
import type { VideoAnalyticsDto, VideoCohort, VideoSummary } from './dto';
import { rangeTotals } from './cumulative';
import { biggestDrops, COMPLETED_SHARE, dropOff, peakConcurrent, retention, rewatchHotspots, skipZones, topExits } from './metrics';
import { eachDay, resolveRange, type DayRange } from './schemas';

// Video analytics (issue 7): counters and per-second curves come from the daily roll-ups (O(days ×
// duration), never O(events)); what does not add across days — unique viewers, startup percentiles,
// concurrency, breakdowns — is counted from the view rows of the range, which are kept for ever.

const MAX_POINTS = 1000;
const INTRO_SECONDS = 30;

/** Authors see the analytics of courses they edit; admins of every course; nobody else any. */
export async function canReadCourseAnalytics(actor: SessionUser, courseId: string): Promise<boolean> {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'author') return false;
  return hasCourseRole(await getCourseRole(actor.id, courseId), 'editor');
}

export async function assertAnalyticsAccess(actor: SessionUser, courseId: string) {
  if (!(await canReadCourseAnalytics(actor, courseId))) throw new AppError('FORBIDDEN');
}

/** The [start, end) instants of a range of analytics days, as SQL. */
export function rangeBounds(range: DayRange, tz = env.ANALYTICS_TIMEZONE) {
  return {
    start: sql`(${range.from}::date::timestamp at time zone ${tz})`,
    end: sql`((${range.to}::date + 1)::timestamp at time zone ${tz})`,
  };
}

const rate = (n: number, d: number) => (d > 0 ? n / d : null);

/** Summed roll-up counters of one video over a range. */
async function sumCounters(videoId: string, range: DayRange) {
  const [r] = await db
    .select({
      viewStarts: sql<number>`coalesce(sum(${videoDaily.viewStarts}), 0)::int`,
      views: sql<number>`coalesce(sum(${videoDaily.views}), 0)::int`,
      qualifiedViews: sql<number>`coalesce(sum(${videoDaily.qualifiedViews}), 0)::int`,
      watchSeconds: sql<number>`coalesce(sum(${videoDaily.watchSeconds}), 0)::float8`,
      uniqueWatchSeconds: sql<number>`coalesce(sum(${videoDaily.uniqueWatchSeconds}), 0)::float8`,
      watchedShareSum: sql<number>`coalesce(sum(${videoDaily.watchedShareSum}), 0)::float8`,
      completedViews: sql<number>`coalesce(sum(${videoDaily.completedViews}), 0)::int`,
      reachedEndViews: sql<number>`coalesce(sum(${videoDaily.reachedEndViews}), 0)::int`,
      failedViews: sql<number>`coalesce(sum(${videoDaily.failedViews}), 0)::int`,
      exitsBeforeStart: sql<number>`coalesce(sum(${videoDaily.exitsBeforeStart}), 0)::int`,
      stallMs: sql<number>`coalesce(sum(${videoDaily.stallMs}), 0)::float8`,
      playedMs: sql<number>`coalesce(sum(${videoDaily.playedMs}), 0)::float8`,
    })
    .from(videoDaily)
    .where(and(eq(videoDaily.videoId, videoId), gte(videoDaily.day, range.from), lte(videoDaily.day, range.to)));
  return r!;
}

/** Distinct viewers with at least one view (playhead progressed) in the range: from view rows, never summed days. */
async function uniqueViewers(videoId: string, range: DayRange) {
  const { start, end } = rangeBounds(range);
  const [r] = await db.execute<{ n: number }>(sql`
    select count(distinct coalesce(user_id::text, viewer_key, id::text))::int as n from video_views
    where video_id = ${videoId} and started_at >= ${start} and started_at < ${end} and folded_revision is not null and content_seconds > 0`);
  return r?.n ?? 0;
}

/** R(t) of one video over a range at 1-second resolution, from the roll-ups (the benchmark's subject). */
export async function videoRetention(videoId: string, range: DayRange): Promise<Float64Array> {
  const t = await rangeTotals(videoId, range, ['viewsCum', 'coverageCum']);
  return retention(t.coverage, t.views);
}

export async function getVideoAnalytics(actor: SessionUser, videoId: string, rangeInput: unknown): Promise<VideoAnalyticsDto | null> {
  if (!/^[0-9a-f-]{36}$/i.test(videoId)) return null;
  const [video] = await db
    .select({ id: videos.id, courseId: videos.courseId, lessonId: videos.lessonId, filename: videos.filename, duration: videos.durationSeconds, status: videos.status, courseTitle: courses.title })
    .from(videos)
    .innerJoin(courses, eq(courses.id, videos.courseId))
    .where(eq(videos.id, videoId));
  if (!video || !(await canReadCourseAnalytics(actor, video.courseId))) return null;
  const tz = env.ANALYTICS_TIMEZONE;
  const { range, previous, preset } = resolveRange(rangeInput, tz);
  const { start, end } = rangeBounds(range, tz);
  const lesson = await db.query.lessons.findFirst({ where: eq(lessons.videoId, videoId), columns: { id: true, title: true } });

  const [cur, prev, viewers, prevViewers, secs, perView, daily, breakdown] = await Promise.all([
    sumCounters(videoId, range),
    sumCounters(videoId, previous),
    uniqueViewers(videoId, range),
    uniqueViewers(videoId, previous),
    rangeTotals(videoId, range),
    db.execute<{ p50: number | null; p95: number | null }>(sql`
      select percentile_cont(0.5) within group (order by startup_ms) as p50, percentile_cont(0.95) within group (order by startup_ms) as p95
      from video_views where video_id = ${videoId} and started_at >= ${start} and started_at < ${end} and folded_revision is not null and startup_ms is not null`),
    db
      .select({ day: sql<string>`${videoDaily.day}::text`, views: videoDaily.views, uniqueViewers: videoDaily.uniqueViewers, watchSeconds: videoDaily.watchSeconds })
      .from(videoDaily)
      .where(and(eq(videoDaily.videoId, videoId), gte(videoDaily.day, range.from), lte(videoDaily.day, range.to))),
    db.execute<{ device: string; browser: string; views: number; watch_seconds: number; starts: number; failed: number }>(sql`
      select coalesce(device, 'unknown') as device, coalesce(browser, 'unknown') as browser,
        count(*) filter (where content_seconds > 0)::int as views, coalesce(sum(played_seconds), 0)::float8 as watch_seconds,
        count(*)::int as starts, count(*) filter (where error_fatal)::int as failed
      from video_views where video_id = ${videoId} and started_at >= ${start} and started_at < ${end} and folded_revision is not null
      group by 1, 2 order by 3 desc, 1, 2 limit 50`),
  ]);
  const durationSeconds = video.duration ?? secs.coverage.length;
  const [spans, cohorts] = await Promise.all([
    db.execute<{ s: number; e: number }>(sql`
      select extract(epoch from started_at)::float8 as s, extract(epoch from last_beat_at)::float8 as e from video_views
      where video_id = ${videoId} and started_at >= ${start} and started_at < ${end} and folded_revision is not null and content_seconds > 0`),
    videoCohorts(videoId, video.courseId, durationSeconds, start, end, tz),
  ]);
  const r = retention(secs.coverage, secs.views);
  const drop = dropOff(r);
  const keepR = lttbIndices(r, MAX_POINTS);
  const keepP = lttbIndices(secs.plays, MAX_POINTS);
  const summary: VideoSummary = {
    viewStarts: cur.viewStarts,
    views: cur.views,
    qualifiedViews: cur.qualifiedViews,
    uniqueViewers: viewers,
    watchSeconds: cur.watchSeconds,
    uniqueWatchSeconds: cur.uniqueWatchSeconds,
    avgViewSeconds: rate(cur.watchSeconds, cur.views),
    avgWatchedShare: rate(cur.watchedShareSum, cur.views),
    completionRate: rate(cur.completedViews, cur.views),
    reachedEndRate: rate(cur.reachedEndViews, cur.views),
    introRetention: cur.views > 0 && r.length ? r[Math.min(INTRO_SECONDS, r.length - 1)]! : null,
    startupP50Ms: perView[0]?.p50 ?? null,
    startupP95Ms: perView[0]?.p95 ?? null,
    exitsBeforeStartRate: rate(cur.exitsBeforeStart, cur.viewStarts),
    failureRate: rate(cur.failedViews, cur.viewStarts),
    rebufferShare: rate(cur.stallMs, cur.playedMs + cur.stallMs),
    peakConcurrentViewers: peakConcurrent(spans.map((x) => ({ start: x.s, end: x.e }))),
  };
  const byDay = new Map(daily.map((d) => [d.day, d]));
  return {
    range,
    previous,
    preset,
    timeZone: tz,
    video: { id: video.id, title: lesson?.title ?? video.filename, durationSeconds, lessonId: lesson?.id ?? video.lessonId, courseId: video.courseId, courseTitle: video.courseTitle, status: video.status },
    summary: {
      ...summary,
      previous: {
        views: prev.views,
        uniqueViewers: prevViewers,
        watchSeconds: prev.watchSeconds,
        avgWatchedShare: rate(prev.watchedShareSum, prev.views),
        completionRate: rate(prev.completedViews, prev.views),
      },
    },
    retention: keepR.map((t) => ({ t, retention: r[t]!, dropOff: drop[t]! })),
    plays: keepP.map((t) => ({ t, plays: secs.plays[t]!, viewers: secs.coverage[t]! })),
    hotspots: rewatchHotspots(secs.plays, secs.coverage),
    skipZones: skipZones(secs.skips, secs.coverage),
    dropOffs: biggestDrops(drop),
    exitPoints: topExits(secs.exits),
    daily: eachDay(range).map((day) => ({ day, views: byDay.get(day)?.views ?? 0, uniqueViewers: byDay.get(day)?.uniqueViewers ?? 0, watchSeconds: byDay.get(day)?.watchSeconds ?? 0 })),
    breakdown: breakdown.map((b) => ({ device: b.device, browser: b.browser, views: b.views, watchSeconds: b.watch_seconds, failureRate: rate(b.failed, b.starts) })),
    cohorts,
  };
}

/**
 * §6 #21 by student cohort: the range's views grouped by the month (analytics time zone) in which
 * the viewer enrolled in the course; `cohort` is null for views by anyone not enrolled now (staff,
 * visitors, removed students). The per-view definitions are foldDay's: a view is one whose unique
 * watched seconds are > 0; % watched = min(1, len(U_v)/D); completed when len(U_v) ≥ 0.9·D.
 */
async function videoCohorts(videoId: string, courseId: string, duration: number, start: SQL, end: SQL, tz: string): Promise<VideoCohort[]> {
  const rows = await db.execute<{ cohort: string | null; views: number; viewers: number; watch_seconds: number; avg_watched: number | null; completion_rate: number | null }>(sql`
    select to_char(date_trunc('month', e.enrolled_at at time zone ${tz}), 'YYYY-MM') as cohort,
      count(*)::int as views,
      count(distinct coalesce(v.user_id::text, v.viewer_key, v.id::text))::int as viewers,
      coalesce(sum(v.played_seconds), 0)::float8 as watch_seconds,
      avg(least(1, v.unique_seconds / ${duration}::float8))::float8 as avg_watched,
      avg(case when v.unique_seconds >= ${COMPLETED_SHARE * duration}::float8 then 1 else 0 end)::float8 as completion_rate
    from video_views v
    left join enrollments e on e.course_id = ${courseId} and e.user_id = v.user_id and e.status = 'active'
    where v.video_id = ${videoId} and v.started_at >= ${start} and v.started_at < ${end} and v.folded_revision is not null and v.unique_seconds > 0
    group by 1 order by 1 nulls last`);
  return rows.map((r) => ({ cohort: r.cohort, views: r.views, uniqueViewers: r.viewers, watchSeconds: r.watch_seconds, avgWatchedShare: r.avg_watched, completionRate: r.completion_rate }));
}
