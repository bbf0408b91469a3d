import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { loggerFor } from '@/lib/logger';
import type { Beat, BeatAck } from './beat-protocol';
import { clampSegments, limitByWallTime, type Interval } from './intervals';
import { applyWatchUpdates, type WatchUpdate } from './progress';
import type { ViewTicket } from './ticket';

// Beat ingestion with group commit: every request's beats wait a few milliseconds for others, then
// all of them are written in ONE transaction of a handful of set-based statements (no per-beat
// round trips). A request is answered only after that commit, so an acknowledged beat is durable
// and an unacknowledged one is retried by the browser; (view, seq) uniqueness makes retries and
// duplicate beacons harmless.

const log = loggerFor('beats');
const FLUSH_DELAY_MS = 10;
const MAX_JOBS_PER_FLUSH = 400;
/** Grace added to every elapsed-time bound (clock granularity, network jitter). */
const GRACE_SECONDS = 2;

export type BeatSubmission = { ticket: ViewTicket; beats: Beat[]; device: string | null; browser: string | null };
type Job = { input: BeatSubmission; resolve: (a: BeatAck) => void; reject: (e: unknown) => void };

let queue: Job[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
let flushing = false;

/** Queues one request's beats for the next group commit; resolves once they are durable. */
export function submitBeats(input: BeatSubmission): Promise<BeatAck> {
  return new Promise((resolve, reject) => {
    queue.push({ input, resolve, reject });
    schedule();
  });
}

function schedule() {
  if (timer || flushing) return;
  timer = setTimeout(drain, queue.length >= MAX_JOBS_PER_FLUSH ? 0 : FLUSH_DELAY_MS);
}

async function drain() {
  timer = null;
  flushing = true;
  try {
    while (queue.length) {
      const jobs = queue.slice(0, MAX_JOBS_PER_FLUSH);
      queue = queue.slice(jobs.length);
      try {
        const acks = await writeBeats(jobs.map((j) => j.input));
        jobs.forEach((j, i) => j.resolve(acks[i]!));
      } catch (e) {
        log.warn({ err: e instanceof Error ? e.message : String(e), jobs: jobs.length }, 'beat flush failed; clients will retry');
        for (const j of jobs) j.reject(e);
      }
    }
  } finally {
    flushing = false;
  }
}

/** Rows passed to PostgreSQL as one jsonb parameter (jsonb_to_recordset): one statement for any count. */
const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;
/** A uuid[] parameter: lets the planner use the primary key (it cannot see inside a jsonb set). */
const ids = (values: string[]) => sql`${sql.param(values)}::uuid[]`;
/** Segments one view may store: hours of normal playback; beyond it a client is flooding. */
const MAX_SEGMENTS_PER_VIEW = 5000;
/** Forward seeks shorter than this are scrubbing, not skipping (video.md §4, PeerTube). */
const MIN_SKIP_SECONDS = 3;
/** Skips one view may store, for skip zones; more are a client flooding. */
const MAX_SKIPS_PER_VIEW = 200;

type ViewRow = { id: string; started_at: string | Date; last_seq: number; last_client_at: number | null; played_seconds: number; max_position: number; startup_ms: number | null; segment_count: number };

/** Writes a group of submissions in one transaction and returns one ack per submission. */
export async function writeBeats(subs: BeatSubmission[], now = Date.now()): Promise<BeatAck[]> {
  return db.transaction(async (tx) => {
    // 1. Views: create the ones seen for the first time, then lock all of them (fixed order).
    const views = new Map<string, ViewTicket & { device: string | null; browser: string | null }>();
    for (const s of subs) views.set(s.ticket.viewId, { ...s.ticket, device: s.device, browser: s.browser });
    const vs = [...views.values()].sort((a, b) => a.viewId.localeCompare(b.viewId));
    await tx.execute(sql`
      insert into video_views (id, video_id, lesson_id, course_id, user_id, viewer_key, started_at, device, browser)
      select id, video_id, lesson_id, course_id, user_id, viewer_key, started_at, device, browser
      from jsonb_to_recordset(${json(vs.map((v) => ({ id: v.viewId, video_id: v.videoId, lesson_id: v.lessonId, course_id: v.courseId, user_id: v.userId, viewer_key: v.viewerKey, started_at: new Date(v.startedAt).toISOString(), device: v.device, browser: v.browser })))})
        as x(id uuid, video_id uuid, lesson_id uuid, course_id uuid, user_id uuid, viewer_key text, started_at timestamptz, device text, browser text)
      on conflict (id) do nothing`);
    const rows = await tx.execute<ViewRow>(sql`
      select id, started_at, last_seq, last_client_at, played_seconds, max_position, startup_ms, segment_count from video_views
      where id = any(${ids(vs.map((v) => v.viewId))}) order by id for update`);
    const state = new Map(rows.map((r) => [r.id, { ...r, last_client_at: r.last_client_at === null ? null : Number(r.last_client_at) }]));

    // 2. Idempotency: only (view, seq) pairs never seen before are applied.
    const pairs = new Map<string, { viewId: string; beat: Beat }>();
    for (const s of subs) for (const b of s.beats) pairs.set(`${s.ticket.viewId}:${b.seq}`, { viewId: s.ticket.viewId, beat: b });
    const all = [...pairs.values()];
    const fresh = all.length
      ? await tx.execute<{ view_id: string; seq: number }>(sql`
          insert into view_beats (view_id, seq)
          select view_id, seq from jsonb_to_recordset(${json(all.map((p) => ({ view_id: p.viewId, seq: p.beat.seq })))}) as x(view_id uuid, seq int)
          on conflict do nothing returning view_id, seq`)
      : [];
    const isFresh = new Set(fresh.map((f) => `${f.view_id}:${f.seq}`));

    // 3. Apply fresh beats per view in seq order, bounding claimed watch time by elapsed time.
    const segRows: { viewId: string; videoId: string; lessonId: string; userId: string | null; from: number; to: number; rate: number }[] = [];
    const viewUpdates: Record<string, unknown>[] = [];
    const watch = new Map<string, WatchUpdate>();
    for (const v of vs) {
      const st = state.get(v.viewId);
      if (!st) continue;
      const beats = all.filter((p) => p.viewId === v.viewId && isFresh.has(`${p.viewId}:${p.beat.seq}`)).map((p) => p.beat).sort((a, b) => a.seq - b.seq);
      if (!beats.length) continue;
      const startedMs = new Date(st.started_at).getTime();
      let { last_seq: lastSeq, last_client_at: lastAt, played_seconds: played, max_position: maxPos } = st;
      let content = 0;
      let rejected = 0;
      let segCount = 0;
      let seekCount = 0;
      const skips: [number, number][] = [];
      let stallCount = 0;
      let stallMs = 0;
      let startup = st.startup_ms;
      let last: Beat | null = null;
      let ended = false;
      let error: Beat['error'] | null = null;
      let height: number | null = null;
      const intervals: Interval[] = [];
      for (const b of beats) {
        const at = Math.min(b.at, now);
        const viewBudget = (now - startedMs) / 1000 + GRACE_SECONDS - played;
        // A beat newer than every earlier one may claim what elapsed since the previous beat; a late
        // (reordered) beat only what is left of the whole view's elapsed time.
        const beatBudget = b.seq > lastSeq ? Math.max(0, (at - (lastAt ?? startedMs)) / 1000) + GRACE_SECONDS : Infinity;
        const { kept, wall, rejected: cut } = limitByWallTime(clampSegments(b.segments, v.durationSeconds), Math.min(viewBudget, beatBudget));
        played += wall;
        rejected += cut;
        for (const [from, to, rate] of kept) {
          if (st.segment_count + segCount >= MAX_SEGMENTS_PER_VIEW) {
            played -= (to - from) / rate;
            rejected += (to - from) / rate;
            continue;
          }
          segRows.push({ viewId: v.viewId, videoId: v.videoId, lessonId: v.lessonId, userId: v.userId, from, to, rate });
          intervals.push([from, to]);
          content += to - from;
          segCount++;
        }
        seekCount += b.seeks?.length ?? 0;
        for (const [from, to] of b.seeks ?? []) if (to - from >= MIN_SKIP_SECONDS) skips.push([Math.max(0, from), Math.min(to, v.durationSeconds)]);
        stallCount += b.stalls?.count ?? 0;
        stallMs += b.stalls?.ms ?? 0;
        if (startup === null && b.startupMs !== undefined) startup = b.startupMs;
        if (b.state === 'ended') ended = true;
        if (b.error) error = b.error;
        if (b.rendition) height = b.rendition.height;
        maxPos = Math.max(maxPos, Math.min(b.pos, v.durationSeconds));
        if (b.seq > lastSeq) {
          lastSeq = b.seq;
          lastAt = Math.max(lastAt ?? 0, at);
          last = b;
        }
      }
      const position = last ? Math.min(last.pos, v.durationSeconds) : null;
      viewUpdates.push({
        id: v.viewId,
        last_seq: lastSeq,
        last_at: lastAt,
        state: last?.state ?? null,
        position,
        max_pos: maxPos,
        played,
        content,
        seg_count: segCount,
        rejected,
        startup,
        stall_count: stallCount,
        stall_ms: stallMs,
        seek_count: seekCount,
        skips,
        ended,
        error_code: error?.code ?? null,
        error_fatal: error?.fatal ?? null,
        before_first_frame: error?.beforeFirstFrame ?? null,
        height,
      });
      if (v.userId) {
        const key = `${v.userId}:${v.lessonId}`;
        const w = watch.get(key) ?? { userId: v.userId, lessonId: v.lessonId, courseId: v.courseId, durationSeconds: v.durationSeconds, intervals: [], watchSeconds: 0, lastPosition: null };
        w.intervals.push(...intervals);
        w.watchSeconds += played - st.played_seconds;
        // Near the end, the next visit starts from the beginning rather than at the credits.
        if (position !== null) w.lastPosition = position >= v.durationSeconds - 5 ? 0 : position;
        watch.set(key, w);
      }
    }

    // 4. Segments and view totals, each in one statement.
    if (segRows.length) {
      await tx.execute(sql`
        insert into watch_segments (view_id, video_id, lesson_id, user_id, from_seconds, to_seconds, rate)
        select view_id, video_id, lesson_id, user_id, from_seconds, to_seconds, rate
        from jsonb_to_recordset(${json(segRows.map((r) => ({ view_id: r.viewId, video_id: r.videoId, lesson_id: r.lessonId, user_id: r.userId, from_seconds: r.from, to_seconds: r.to, rate: r.rate })))})
          as x(view_id uuid, video_id uuid, lesson_id uuid, user_id uuid, from_seconds real, to_seconds real, rate real)`);
    }
    if (viewUpdates.length) {
      await tx.execute(sql`
        update video_views w set
          last_seq = v.last_seq, last_client_at = v.last_at, last_beat_at = now(),
          state = coalesce(v.state, w.state), last_position = coalesce(v.position, w.last_position), max_position = v.max_pos,
          played_seconds = v.played, content_seconds = w.content_seconds + v.content, segment_count = w.segment_count + v.seg_count,
          rejected_seconds = w.rejected_seconds + v.rejected, startup_ms = v.startup,
          stall_count = w.stall_count + v.stall_count, stall_ms = w.stall_ms + v.stall_ms, seek_count = w.seek_count + v.seek_count,
          skips = case when jsonb_array_length(w.skips) < ${MAX_SKIPS_PER_VIEW} then w.skips || v.skips else w.skips end, revision = w.revision + 1,
          ended = w.ended or v.ended, error_code = coalesce(v.error_code, w.error_code),
          error_fatal = w.error_fatal or coalesce(v.error_fatal, false), error_before_first_frame = w.error_before_first_frame or coalesce(v.before_first_frame, false),
          rendition_height = coalesce(v.height, w.rendition_height)
        from jsonb_to_recordset(${json(viewUpdates)}) as v(id uuid, last_seq int, last_at bigint, state text, position real, max_pos real, played real, content real,
          seg_count int, rejected real, startup int, stall_count int, stall_ms int, seek_count int, skips jsonb, ended bool, error_code text, error_fatal bool, before_first_frame bool, height int)
        where w.id = v.id and w.id = any(${ids(viewUpdates.map((u) => u.id as string))})`);
    }

    // 5. Students' progress and resume positions.
    const updates = [...watch.values()];
    const progress = await applyWatchUpdates(tx, updates);
    const resume = updates.filter((u) => u.lastPosition !== null);
    if (resume.length) {
      const videoOf = new Map(vs.map((v) => [`${v.userId}:${v.lessonId}`, v.videoId]));
      await tx.execute(sql`
        insert into video_resume (user_id, video_id, position)
        select distinct on (user_id, video_id) user_id, video_id, position
        from jsonb_to_recordset(${json(resume.map((u) => ({ user_id: u.userId, video_id: videoOf.get(`${u.userId}:${u.lessonId}`), position: u.lastPosition })))}) as x(user_id uuid, video_id uuid, position real)
        on conflict (user_id, video_id) do update set position = excluded.position, updated_at = now()`);
    }

    return subs.map((s) => ({
      stored: s.beats.map((b) => b.seq),
      progress: s.ticket.userId ? (progress.get(`${s.ticket.userId}:${s.ticket.lessonId}`) ?? null) : null,
    }));
  });
}
