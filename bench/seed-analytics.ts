// Seed for the analytics benchmark (bench/analytics.ts): 50 published courses of 20 video lessons
// (1,000 videos of 2–60 min, one of them 2 hours), thousands of enrolled students, and playback
// sessions over the last 92 days until `segments` watched segments exist (default 10 million).
//
// Sessions are simulated one by one with a seeded generator (the same options and `now` give the same data):
// each video has an intro drop, two drop-off cliffs, a section people rewatch (backward seeks
// replaying it) and a section people skip (forward seeks, stored in video_views.skips); views play at
// 1–2× (some change speed half-way), pause, stall, resume from an earlier position; a few never start
// (no segments, no startup time) and a few fail with a fatal error. As the player does (video.md §4),
// a beat every 10 s of wall time carries the content played since the previous one, and a seek,
// speed change, pause or the end sends one at once: a segment never spans a beat.
//
// Every video_views row agrees with its segments (played = Σ len/rate, content = Σ len, count, max and
// last position, ended, beats → revision), is open (closed_at null) and idle for hours, so the
// roll-up closes and folds all of them. lesson_progress holds each student's union per lesson.
//
// Fast path: rows are generated in this process and streamed with COPY (PostgreSQL parses while
// Node generates: the two cores work in parallel); watch_segments' two indexes are dropped for the
// load and rebuilt from their own definitions afterwards, then the tables are vacuumed and analysed.
// Monthly partitions for the past months are created with the migration's naming
// (watch_segments_YYYYMM), as ensure_watch_segment_partitions only creates current and future ones.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Sql } from 'postgres';

export type SeedOptions = {
  /** Watched segments to generate (the last view may add a few more). */
  segments: number;
  /** Seed of the generator. */
  seed?: number;
  /** Days of history, ending 6 hours before `now`. */
  days?: number;
  students?: number;
  now?: Date;
  log?: (msg: string) => void;
};

export type SeedVideo = { id: string; courseId: string; lessonId: string; durationSeconds: number; views: number; segments: number };

export type SeedResult = {
  segments: number;
  views: number;
  viewsWithoutSegments: number;
  fatalErrors: number;
  courses: number;
  videos: number;
  students: number;
  enrollments: number;
  lessonProgress: number;
  days: number;
  /** Analytics days (UTC) the views started in. */
  range: { from: string; to: string };
  longVideo: SeedVideo;
  /** Videos by number of views, most first. */
  topVideos: SeedVideo[];
  courseIds: string[];
  authorIds: string[];
  seconds: { entities: number; segments: number; views: number; indexes: number; vacuum: number; total: number };
};

export const COURSES = 50;
export const LESSONS_PER_COURSE = 20;
const MODULES_PER_COURSE = 4;
const AUTHORS = 10;
export const LONG_VIDEO_SECONDS = 7200;
/** Share of all views that go to the 2-hour video (it is a popular course's third lesson). */
const LONG_VIDEO_VIEW_SHARE = 0.02;
const BEAT_SECONDS = 10;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

// ── deterministic randomness ──

/** xoshiro128** — fast, 32-bit state words, good enough for synthetic data. */
function generator(seed: number) {
  let a = seed >>> 0 || 1;
  let b = Math.imul(seed, 0x9e3779b9) >>> 0 || 2;
  let c = 0x243f6a88;
  let d = 0x85a308d3;
  const next = () => {
    const r = Math.imul(((Math.imul(b, 5) << 7) | (Math.imul(b, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = ((d << 11) | (d >>> 21)) >>> 0;
    return r;
  };
  for (let i = 0; i < 20; i++) next();
  const random = () => next() / 4294967296;
  const hex8 = () => next().toString(16).padStart(8, '0');
  return {
    random,
    int: (n: number) => Math.floor(random() * n),
    between: (lo: number, hi: number) => lo + random() * (hi - lo),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!,
    gauss: () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
    uuid: () => {
      const h = hex8() + hex8() + hex8() + hex8();
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[next() & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
type Rng = ReturnType<typeof generator>;

// ── COPY ──

const cell = (v: string | number | boolean | null | undefined) => (v === null || v === undefined ? '\\N' : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v));
const line = (values: (string | number | boolean | null | undefined)[]) => values.map(cell).join('\t') + '\n';

/** Streams text rows into `table` with COPY, ~256 KB per chunk, honouring backpressure. */
async function copyInto(sql: Sql, table: string, columns: string[], rows: Iterable<string>) {
  function* chunks() {
    let buf = '';
    for (const r of rows) {
      buf += r;
      if (buf.length > 262_144) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  const writable = await sql.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
  await pipeline(Readable.from(chunks()), writable);
}

// ── the catalogue ──

type Video = {
  id: string;
  courseId: string;
  lessonId: string;
  authorId: string;
  lessonIndex: number;
  duration: number;
  weight: number;
  intro: number;
  cliffs: { at: number; p: number }[];
  complete: number;
  rewatch: { from: number; to: number };
  skip: { from: number; to: number };
  views: number;
  segments: number;
};
type Enrollment = { userId: string; at: number };

const iso = (ms: number) => new Date(ms).toISOString();
const r2 = (x: number) => Math.round(x * 100) / 100;

function durationOf(rnd: Rng): number {
  // Mostly 5–20 minute lectures, some short clips, some long ones: 2–60 minutes.
  const u = rnd.random();
  if (u < 0.15) return Math.round(rnd.between(120, 300));
  if (u < 0.75) return Math.round(rnd.between(300, 1200));
  if (u < 0.95) return Math.round(rnd.between(1200, 2400));
  return Math.round(rnd.between(2400, 3600));
}

function videoShape(rnd: Rng, duration: number) {
  const D = duration;
  const cliffs = [0, 1].map(() => ({ at: Math.round(rnd.between(0.15, 0.85) * D), p: rnd.between(0.03, 0.09) }));
  const rwLen = Math.min(D / 4, rnd.between(10, 45));
  const rwFrom = rnd.between(0.1, 0.8) * D;
  const skLen = Math.min(D / 5, rnd.between(20, 120));
  const skFrom = rnd.between(0.2, 0.75) * D;
  return {
    intro: rnd.between(0.06, 0.2),
    cliffs,
    complete: rnd.between(0.2, 0.5),
    rewatch: { from: rwFrom, to: rwFrom + rwLen },
    skip: { from: skFrom, to: Math.min(D - 1, skFrom + skLen) },
  };
}

// ── one session ──

type Seg = { from: number; to: number; rate: number; at: number };
type Session = {
  segs: Seg[];
  beats: number;
  endAt: number;
  played: number;
  content: number;
  maxPos: number;
  lastPos: number;
  ended: boolean;
  state: string;
  startupMs: number | null;
  stallCount: number;
  stallMs: number;
  seekCount: number;
  skips: [number, number][];
  errorCode: string | null;
  errorFatal: boolean;
  errorBeforeFirstFrame: boolean;
};

const RATES = [1.25, 1.5, 1.5, 1.75, 2, 2] as const;

function simulate(rnd: Rng, v: Video, startMs: number): Session {
  const D = v.duration;
  const s: Session = { segs: [], beats: 1, endAt: startMs, played: 0, content: 0, maxPos: 0, lastPos: 0, ended: false, state: 'paused', startupMs: null, stallCount: 0, stallMs: 0, seekCount: 0, skips: [], errorCode: null, errorFatal: false, errorBeforeFirstFrame: false };
  const kind = rnd.random();
  if (kind < 0.03) {
    // A play intent and nothing else: the viewer left before the first frame.
    s.state = rnd.random() < 0.5 ? 'hidden' : 'paused';
    s.endAt = startMs + rnd.between(2_000, 40_000);
    return s;
  }
  if (kind < 0.038) {
    s.state = 'error';
    s.errorCode = rnd.pick(['hls:manifestLoadError', 'MEDIA_ERR_SRC_NOT_SUPPORTED', 'hls:levelLoadError']);
    s.errorFatal = true;
    s.errorBeforeFirstFrame = true;
    s.endAt = startMs + rnd.between(1_000, 15_000);
    return s;
  }
  const failsLater = kind > 0.993;
  s.startupMs = Math.round(Math.min(20_000, 650 * Math.exp(0.65 * rnd.gauss())));

  // Where the viewer stops: intro drop, a cliff, the end, or a decaying share of the rest.
  const start = rnd.random() < 0.1 ? Math.round(rnd.between(0.05, 0.6) * D) : 0;
  let exit: number;
  const u = rnd.random();
  const [c0, c1] = v.cliffs as [{ at: number; p: number }, { at: number; p: number }];
  if (start === 0 && u < v.intro) exit = Math.min(D, rnd.between(2, 30));
  else if (u < v.intro + c0.p) exit = c0.at + rnd.between(-3, 3);
  else if (u < v.intro + c0.p + c1.p) exit = c1.at + rnd.between(-3, 3);
  else if (u < v.intro + c0.p + c1.p + v.complete) exit = D;
  else exit = D * (1 - Math.sqrt(rnd.random()));
  if (exit <= start + 1) exit = Math.min(D, start + 1 + rnd.random() * (D - start));
  exit = Math.min(D, exit);

  let rate: number = rnd.random() < 0.72 ? 1 : rnd.pick(RATES);
  type Ev = { at: number; kind: 'rate' | 'skip' | 'back' | 'pause' | 'rewatch' | 'hotskip'; arg: number };
  const events: Ev[] = [];
  const span = exit - start;
  if (rnd.random() < 0.1) events.push({ at: start + rnd.random() * span, kind: 'rate', arg: rnd.random() < 0.3 ? 1 : rnd.pick(RATES) });
  if (rnd.random() < 0.12) events.push({ at: start + rnd.random() * span, kind: 'skip', arg: 3 + rnd.random() * Math.min(120, 0.2 * D) });
  if (rnd.random() < 0.08) events.push({ at: start + rnd.random() * span, kind: 'back', arg: rnd.between(5, 60) });
  for (let n = rnd.random() < 0.25 ? 1 + rnd.int(3) : 0; n > 0; n--) events.push({ at: start + rnd.random() * span, kind: 'pause', arg: rnd.between(3, 300) });
  // The video's hard part: 45 % of the views reaching its end go back and replay it (some twice).
  if (v.rewatch.to > start && v.rewatch.to < exit && rnd.random() < 0.45) events.push({ at: v.rewatch.to, kind: 'rewatch', arg: v.rewatch.from });
  // Its dull part: 40 % of the views reaching it jump over it.
  if (v.skip.from > start && v.skip.from < exit && rnd.random() < 0.4) events.push({ at: v.skip.from, kind: 'hotskip', arg: v.skip.to });
  events.sort((a, b) => a.at - b.at);

  // Stalls happen somewhere during playback; they add wall time, not content.
  if (rnd.random() < 0.15) {
    s.stallCount = 1 + rnd.int(4);
    for (let i = 0; i < s.stallCount; i++) s.stallMs += Math.round(rnd.between(300, 4000));
  }

  let wall = startMs + s.startupMs + s.stallMs; // ms; stalls folded in up front
  let sinceBeat = 0; // wall seconds played since the last beat
  let pending: Seg[] = [];
  const beat = () => {
    if (!pending.length) return;
    for (const p of pending) p.at = wall;
    s.segs.push(...pending);
    pending = [];
    s.beats++;
    sinceBeat = 0;
  };
  const play = (a: number, b: number) => {
    while (b - a > 0.05) {
      const room = (BEAT_SECONDS - sinceBeat) * rate;
      const piece = Math.min(b - a, room);
      const from = r2(a);
      const to = r2(a + piece);
      if (to > from) {
        pending.push({ from, to, rate, at: 0 });
        s.played += (to - from) / rate;
        s.content += to - from;
        if (to > s.maxPos) s.maxPos = to;
      }
      wall += (piece / rate) * 1000;
      sinceBeat += piece / rate;
      a += piece;
      if (sinceBeat >= BEAT_SECONDS - 1e-9) beat();
    }
    s.lastPos = r2(b);
  };

  let pos = start;
  let i = 0;
  while (pos < exit - 0.05) {
    const ev = events[i];
    if (!ev || ev.at >= exit) {
      play(pos, exit);
      pos = exit;
      break;
    }
    i++;
    if (ev.at < pos) continue; // already passed (a seek moved the playhead beyond it)
    play(pos, ev.at);
    pos = ev.at;
    beat(); // the player reports at once on seek, speed change and pause
    if (ev.kind === 'rate') rate = ev.arg;
    else if (ev.kind === 'pause') wall += ev.arg * 1000;
    else if (ev.kind === 'back' || ev.kind === 'rewatch') {
      const to = ev.kind === 'rewatch' ? ev.arg : Math.max(0, pos - ev.arg);
      // Replaying: the playhead goes back, then plays forward again to where the viewer was and on.
      for (let k = ev.kind === 'rewatch' && rnd.random() < 0.3 ? 2 : 1; k > 0; k--) {
        s.seekCount++;
        play(to, pos);
        beat();
      }
    } else {
      const to = ev.kind === 'hotskip' ? ev.arg : Math.min(D, pos + ev.arg);
      s.seekCount++;
      if (to - pos >= 3) s.skips.push([r2(pos), r2(to)]);
      pos = to;
      s.lastPos = r2(pos);
      if (pos >= exit) exit = Math.min(D, pos + rnd.random() * 60);
    }
  }
  beat();
  s.ended = exit >= D - 0.05 && !failsLater;
  s.state = failsLater ? 'error' : s.ended ? 'ended' : rnd.random() < 0.6 ? 'hidden' : 'paused';
  if (failsLater) {
    s.errorCode = rnd.pick(['hls:fragLoadError', 'hls:bufferAppendError', 'MEDIA_ERR_DECODE']);
    s.errorFatal = true;
  }
  s.endAt = wall;
  return s;
}

// ── the seed ──

const DEVICES: [string, string, number][] = [
  ['desktop', 'Chrome', 0.38],
  ['desktop', 'Firefox', 0.09],
  ['desktop', 'Safari', 0.08],
  ['desktop', 'Edge', 0.07],
  ['desktop', 'Yandex', 0.03],
  ['mobile', 'Chrome', 0.16],
  ['mobile', 'Safari', 0.13],
  ['mobile', 'Other', 0.01],
  ['tablet', 'Safari', 0.03],
  ['tablet', 'Chrome', 0.02],
];

export async function seedAnalytics(sql: Sql, opts: SeedOptions): Promise<SeedResult> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const rnd = generator(opts.seed ?? 20261121);
  const days = opts.days ?? 92;
  const studentCount = opts.students ?? 5000;
  const nowMs = (opts.now ?? new Date()).getTime();
  const windowEnd = nowMs - 6 * HOUR;
  const windowStart = windowEnd - days * DAY;

  // ── catalogue: authors, courses, modules, lessons, videos ──
  const authorIds = Array.from({ length: AUTHORS }, () => rnd.uuid());
  const courseIds = Array.from({ length: COURSES }, () => rnd.uuid());
  const moduleIds = courseIds.map(() => Array.from({ length: MODULES_PER_COURSE }, () => rnd.uuid()));
  const videos: Video[] = [];
  for (let c = 0; c < COURSES; c++) {
    const courseWeight = 1 / (c + 1) ** 0.8;
    for (let l = 0; l < LESSONS_PER_COURSE; l++) {
      const long = c === 0 && l === 2;
      const duration = long ? LONG_VIDEO_SECONDS : durationOf(rnd);
      videos.push({ id: rnd.uuid(), courseId: courseIds[c]!, lessonId: rnd.uuid(), authorId: authorIds[c % AUTHORS]!, lessonIndex: l, duration, weight: courseWeight / (1 + 0.12 * l), ...videoShape(rnd, duration), views: 0, segments: 0 });
    }
  }
  const long = videos[2]!;
  const others = videos.reduce((n, v) => (v === long ? n : n + v.weight), 0);
  long.weight = (others * LONG_VIDEO_VIEW_SHARE) / (1 - LONG_VIDEO_VIEW_SHARE);
  const cumulative: number[] = [];
  videos.reduce((n, v) => (cumulative.push(n + v.weight), n + v.weight), 0);
  const totalWeight = cumulative.at(-1)!;
  const pickVideo = () => {
    const x = rnd.random() * totalWeight;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return videos[lo]!;
  };

  // ── students and enrollments (a student takes 1–5 courses, popular ones more often) ──
  const studentIds = Array.from({ length: studentCount }, () => rnd.uuid());
  const byCourse = new Map<string, Enrollment[]>(courseIds.map((id) => [id, []]));
  const courseCum: number[] = [];
  courseIds.reduce((n, _, c) => (courseCum.push(n + 1 / (c + 1) ** 0.8), n + 1 / (c + 1) ** 0.8), 0);
  const pickCourse = () => {
    const x = rnd.random() * courseCum.at(-1)!;
    return courseIds[courseCum.findIndex((w) => w >= x)]!;
  };
  const enrolledAtFor = () => (rnd.random() < 0.5 ? windowStart - rnd.between(1, 60) * DAY : rnd.between(windowStart, windowEnd - 2 * HOUR));
  for (const userId of studentIds) {
    const taken = new Set<string>();
    for (let k = 1 + rnd.int(5); k > 0; k--) taken.add(pickCourse());
    for (const c of taken) byCourse.get(c)!.push({ userId, at: enrolledAtFor() });
  }
  for (const list of byCourse.values()) if (!list.length) list.push({ userId: rnd.pick(studentIds), at: windowStart - DAY });
  const enrollmentCount = [...byCourse.values()].reduce((n, l) => n + l.length, 0);

  log(`catalogue: ${COURSES} courses × ${LESSONS_PER_COURSE} video lessons, ${fmtInt(studentCount)} students, ${fmtInt(enrollmentCount)} enrollments`);
  const createdAt = iso(windowStart - 120 * DAY);
  await copyInto(sql, 'users', ['id', 'email', 'name', 'role', 'created_at'], function* () {
    for (let i = 0; i < AUTHORS; i++) yield line([authorIds[i]!, `analytics-author-${i}@bench.lectern`, `Author ${i + 1}`, 'author', createdAt]);
    for (let i = 0; i < studentCount; i++) yield line([studentIds[i]!, `analytics-student-${i}@bench.lectern`, `Student ${i + 1}`, 'student', iso(windowStart - rnd.between(0, 100) * DAY)]);
  }());
  await copyInto(sql, 'courses', ['id', 'title', 'slug', 'status', 'visibility', 'published_at', 'created_by_id', 'created_at'], function* () {
    for (let c = 0; c < COURSES; c++) yield line([courseIds[c]!, `Analytics bench course ${c + 1}`, `analytics-bench-${c + 1}`, 'published', 'public', createdAt, authorIds[c % AUTHORS]!, createdAt]);
  }());
  await copyInto(sql, 'course_members', ['course_id', 'user_id', 'role'], function* () {
    for (let c = 0; c < COURSES; c++) yield line([courseIds[c]!, authorIds[c % AUTHORS]!, 'owner']);
  }());
  await copyInto(sql, 'course_modules', ['id', 'course_id', 'title', 'position'], function* () {
    for (let c = 0; c < COURSES; c++) for (let m = 0; m < MODULES_PER_COURSE; m++) yield line([moduleIds[c]![m]!, courseIds[c]!, `Module ${m + 1}`, m]);
  }());
  const perModule = LESSONS_PER_COURSE / MODULES_PER_COURSE;
  await copyInto(sql, 'lessons', ['id', 'course_id', 'module_id', 'title', 'type', 'position', 'status', 'is_free_preview', 'duration_seconds', 'completion_rule'], function* () {
    for (const v of videos) {
      const c = courseIds.indexOf(v.courseId);
      const m = Math.floor(v.lessonIndex / perModule);
      yield line([v.lessonId, v.courseId, moduleIds[c]![m]!, `Lecture ${m + 1}.${(v.lessonIndex % perModule) + 1}`, 'video', v.lessonIndex % perModule, 'published', v.lessonIndex === 0, v.duration, '{"kind":"video_coverage","percent":90}']);
    }
  }());
  await copyInto(sql, 'videos', ['id', 'course_id', 'lesson_id', 'created_by_id', 'filename', 'content_type', 'size', 'source_key', 'part_size', 'status', 'playback', 'progress', 'assets_prefix', 'duration_seconds', 'width', 'height', 'hls_master', 'assets_bytes', 'assets_count', 'uploaded_at', 'ready_at', 'created_at'], function* () {
    for (const v of videos) {
      const at = iso(windowStart - rnd.between(1, 30) * DAY);
      const size = Math.round(v.duration * 600_000);
      yield line([v.id, v.courseId, v.lessonId, v.authorId, `lecture-${v.lessonIndex + 1}.mp4`, 'video/mp4', size, `courses/${v.courseId}/videos/${v.id}/source`, 16 * 1024 * 1024, 'ready', 'hls', 100, `courses/${v.courseId}/videos/${v.id}/r1/`, v.duration, 1920, 1080, 'master.m3u8', Math.round(size * 1.4), Math.ceil(v.duration / 6) * 4 + 5, at, at, at]);
    }
  }());
  await sql`update lessons l set video_id = v.id from videos v where v.lesson_id = l.id`;
  await copyInto(sql, 'enrollments', ['course_id', 'user_id', 'source', 'enrolled_at'], function* () {
    for (const [c, list] of byCourse) for (const e of list) yield line([c, e.userId, 'self', iso(e.at)]);
  }());

  // ── partitions for the months seeded, with the migration's naming ──
  await sql`select ensure_watch_segment_partitions(2)`;
  const firstMonth = new Date(windowStart);
  for (let m = new Date(Date.UTC(firstMonth.getUTCFullYear(), firstMonth.getUTCMonth(), 1)); m.getTime() < nowMs; m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) {
    const next = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
    const name = `watch_segments_${m.toISOString().slice(0, 4)}${m.toISOString().slice(5, 7)}`;
    await sql.unsafe(`create table if not exists ${name} partition of watch_segments for values from ('${m.toISOString()}') to ('${next.toISOString()}')`);
  }
  const tEntities = performance.now();

  // ── sessions: segments streamed, view rows kept for a second COPY ──
  const indexes = await sql<{ indexname: string; indexdef: string }[]>`
    select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'watch_segments'`;
  for (const ix of indexes) await sql.unsafe(`drop index ${ix.indexname}`);

  const target = opts.segments;
  const viewLines: string[] = [];
  // Per (student, lesson): the views, for lesson_progress.
  const progress = new Map<string, { userId: string; v: Video; views: { start: number; end: number; lastPos: number; played: number; segs: [number, number][] }[] }>();
  let segTotal = 0;
  let viewCount = 0;
  let noSegments = 0;
  let fatal = 0;
  const startOf = () => {
    // Weekdays busier than weekends; evenings busier than nights (UTC+3 audience).
    for (;;) {
      const t = rnd.between(windowStart, windowEnd);
      const d = new Date(t);
      const hour = (d.getUTCHours() + 3) % 24;
      const w = (d.getUTCDay() % 6 === 0 ? 0.7 : 1) * (hour < 7 ? 0.2 : hour < 17 ? 0.7 : 1);
      if (rnd.random() < w) return t;
    }
  };
  const device = () => {
    let x = rnd.random();
    for (const d of DEVICES) if ((x -= d[2]) < 0) return d;
    return DEVICES[0]!;
  };

  function* segmentRows() {
    while (segTotal < target) {
      const v = pickVideo();
      let start = startOf();
      let userId: string | null = null;
      let viewerKey: string | null = null;
      if (v.lessonIndex === 0 && rnd.random() < 0.15) viewerKey = `anon-${rnd.uuid()}`;
      else {
        const list = byCourse.get(v.courseId)!;
        let e = rnd.pick(list);
        for (let k = 0; k < 4 && e.at > start; k++) e = rnd.pick(list);
        if (e.at > start) start = e.at + rnd.random() * Math.max(0, windowEnd - 3 * HOUR - e.at);
        userId = e.userId;
      }
      const s = simulate(rnd, v, start);
      const viewId = rnd.uuid();
      const [dev, browser] = device();
      viewCount++;
      v.views++;
      v.segments += s.segs.length;
      segTotal += s.segs.length;
      if (!s.segs.length) noSegments++;
      if (s.errorFatal) fatal++;
      const lessonUser = userId ? `${userId}\t${v.lessonId}` : null;
      if (lessonUser && s.segs.length) {
        let p = progress.get(lessonUser);
        if (!p) progress.set(lessonUser, (p = { userId: userId!, v, views: [] }));
        p.views.push({ start, end: s.endAt, lastPos: s.lastPos, played: s.played, segs: mergeIntervals(s.segs.map((x) => [x.from, x.to])) });
      }
      const height = dev === 'mobile' ? rnd.pick([360, 480, 720]) : rnd.pick([720, 1080, 1080]);
      viewLines.push(
        line([
          viewId, v.id, v.lessonId, v.courseId, userId, viewerKey, iso(start), iso(start + (s.startupMs ?? 0)), iso(s.endAt), s.beats - 1, Math.round(s.endAt), s.state,
          s.lastPos, s.maxPos, r2(s.played), r2(s.content), s.segs.length, s.startupMs, s.stallCount, s.stallMs, s.seekCount, s.ended,
          s.errorCode, s.errorFatal, s.errorBeforeFirstFrame, s.segs.length ? height : null, dev, browser, JSON.stringify(s.skips), s.beats,
        ]),
      );
      const head = `${viewId}\t${v.id}\t${v.lessonId}\t${userId ?? '\\N'}\t`;
      for (const g of s.segs) yield `${head}${g.from}\t${g.to}\t${g.rate}\t${iso(g.at)}\n`;
    }
  }
  log(`segments: generating ${fmtInt(target)} and streaming them with COPY`);
  await copyInto(sql, 'watch_segments', ['view_id', 'video_id', 'lesson_id', 'user_id', 'from_seconds', 'to_seconds', 'rate', 'created_at'], segmentRows());
  const tSegments = performance.now();

  log(`views: ${fmtInt(viewCount)} rows; lesson progress: ${fmtInt(progress.size)} rows`);
  await copyInto(
    sql,
    'video_views',
    ['id', 'video_id', 'lesson_id', 'course_id', 'user_id', 'viewer_key', 'started_at', 'first_beat_at', 'last_beat_at', 'last_seq', 'last_client_at', 'state', 'last_position', 'max_position', 'played_seconds', 'content_seconds', 'segment_count', 'startup_ms', 'stall_count', 'stall_ms', 'seek_count', 'ended', 'error_code', 'error_fatal', 'error_before_first_frame', 'rendition_height', 'device', 'browser', 'skips', 'revision'],
    viewLines,
  );
  viewLines.length = 0;
  await copyInto(sql, 'lesson_progress', ['user_id', 'lesson_id', 'course_id', 'status', 'intervals', 'covered_seconds', 'coverage', 'watch_seconds', 'last_position', 'completed_at', 'first_opened_at', 'updated_at'], function* () {
    for (const p of progress.values()) {
      p.views.sort((a, b) => a.start - b.start);
      let union: [number, number][] = [];
      let completedAt: number | null = null;
      let watch = 0;
      for (const view of p.views) {
        union = mergeIntervals([...union, ...view.segs]);
        watch += view.played;
        if (completedAt === null && coveredOf(union) >= 0.9 * p.v.duration) completedAt = view.end;
      }
      const covered = coveredOf(union);
      const last = p.views.at(-1)!;
      yield line([p.userId, p.v.lessonId, p.v.courseId, completedAt === null ? 'in_progress' : 'completed', JSON.stringify(union), r2(covered), Math.min(1, covered / p.v.duration), r2(watch), last.lastPos, completedAt === null ? null : iso(completedAt), iso(p.views[0]!.start), iso(last.end)]);
    }
  }());
  const lessonProgressRows = progress.size;
  progress.clear();
  const tViews = performance.now();

  log('indexes: rebuilding watch_segments indexes from their definitions');
  await sql`set maintenance_work_mem = '256MB'`;
  // pg_indexes shows a partitioned table's index as "ON ONLY": without ONLY it is built on every partition.
  for (const ix of indexes) await sql.unsafe(ix.indexdef.replace(' ON ONLY ', ' ON '));
  const tIndexes = performance.now();
  log('vacuum analyze');
  for (const t of ['watch_segments', 'video_views', 'lesson_progress', 'enrollments', 'videos', 'lessons', 'users']) await sql.unsafe(`vacuum analyze ${t}`);
  const tEnd = performance.now();

  const toSeed = (v: Video): SeedVideo => ({ id: v.id, courseId: v.courseId, lessonId: v.lessonId, durationSeconds: v.duration, views: v.views, segments: v.segments });
  return {
    segments: segTotal,
    views: viewCount,
    viewsWithoutSegments: noSegments,
    fatalErrors: fatal,
    courses: COURSES,
    videos: videos.length,
    students: studentCount,
    enrollments: enrollmentCount,
    lessonProgress: lessonProgressRows,
    days,
    range: { from: iso(windowStart).slice(0, 10), to: iso(windowEnd).slice(0, 10) },
    longVideo: toSeed(long),
    topVideos: [...videos].sort((a, b) => b.views - a.views).map(toSeed),
    courseIds,
    authorIds,
    seconds: { entities: (tEntities - t0) / 1000, segments: (tSegments - tEntities) / 1000, views: (tViews - tSegments) / 1000, indexes: (tIndexes - tViews) / 1000, vacuum: (tEnd - tIndexes) / 1000, total: (tEnd - t0) / 1000 },
  };
}

function mergeIntervals(xs: [number, number][]): [number, number][] {
  xs.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of xs) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
const coveredOf = (xs: [number, number][]) => xs.reduce((n, [a, b]) => n + (b - a), 0);
const fmtInt = (n: number) => n.toLocaleString('en-US');
