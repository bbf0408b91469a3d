import { customType, date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { courses, lessons } from './courses';
import { videos } from './media';

/**
 * A per-second array of counts stored as little-endian uint32 bytes. A 2-hour video's array is
 * 28 KB; summing 90 of them in JavaScript over typed arrays takes about a millisecond, where
 * unnesting int[] in SQL takes a large part of a second.
 */
export const perSecond = customType<{ data: Uint32Array; driverData: Buffer }>({
  dataType: () => 'bytea',
  toDriver: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength),
  fromDriver: (b) => {
    const copy = new Uint8Array(b);
    return new Uint32Array(copy.buffer, 0, copy.byteLength >> 2);
  },
});

// One row per video and analytics day (ANALYTICS_TIMEZONE) with views, recomputed as a whole from
// the day's closed views whenever one of them changes: folding is a pure function of the raw data, so running
// it twice, or again after a crash half-way, gives the same row (video.md §5–6).
export const videoDaily = pgTable(
  'video_daily',
  {
    videoId: uuid()
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    day: date().notNull(),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    lessonId: uuid().references(() => lessons.id, { onDelete: 'set null' }),
    /** Whole seconds of the video when folded: the length of every per-second array. */
    durationSeconds: integer().notNull(),
    viewStarts: integer().notNull(),
    views: integer().notNull(),
    qualifiedViews: integer().notNull(),
    /** Distinct viewers that day; never add these across days (count view rows instead). */
    uniqueViewers: integer().notNull(),
    watchSeconds: doublePrecision().notNull(),
    uniqueWatchSeconds: doublePrecision().notNull(),
    /** Σ min(1, len(U_v)/D) over views: average % watched = this / views. */
    watchedShareSum: doublePrecision().notNull(),
    completedViews: integer().notNull(),
    reachedEndViews: integer().notNull(),
    failedViews: integer().notNull(),
    exitsBeforeStart: integer().notNull(),
    stallMs: doublePrecision().notNull(),
    playedMs: doublePrecision().notNull(),
    // The per-second arrays are CUMULATIVE: each row holds the sum over this video's days up to and
    // including this one, so any range is two rows (the last on or before its end minus the last
    // before its start) whatever its length: a 90-day curve of a 2-hour video reads 2 × 28 KB.
    /** Σ views up to this day (the retention denominator of a range is a difference of two). */
    viewsCum: integer().notNull(),
    /** viewers(t): views whose watched union covers second t (retention numerator). */
    coverageCum: perSecond().notNull(),
    /** P(t): watched segments covering second t, with repeats. */
    playsCum: perSecond().notNull(),
    /** Views that skipped second t with a forward seek of ≥ 3 s (and did not watch it). */
    skipsCum: perSecond().notNull(),
    /** Non-completing views whose last position was second t. */
    exitsCum: perSecond().notNull(),
    foldedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.day] }), index('video_daily_course_day_idx').on(t.courseId, t.day), index('video_daily_day_idx').on(t.day)],
);

// Per course and day, recomputed by set-based SQL over the source tables for the days that changed.
export const courseDaily = pgTable(
  'course_daily',
  {
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    day: date().notNull(),
    enrollments: integer().notNull(),
    activeStudents: integer().notNull(),
    lessonCompletions: integer().notNull(),
    courseCompletions: integer().notNull(),
    quizAttempts: integer().notNull(),
    quizPassed: integer().notNull(),
    homeworkSubmitted: integer().notNull(),
    homeworkAccepted: integer().notNull(),
    /** Σ and count of (first teacher verdict − submission) in seconds, for the mean time to review. */
    reviewSecondsSum: doublePrecision().notNull(),
    reviewCount: integer().notNull(),
    watchSeconds: doublePrecision().notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.day] }), index('course_daily_day_idx').on(t.day)],
);

// Per platform and day. Active students are distinct across courses, so not the sum of course rows.
export const platformDaily = pgTable('platform_daily', {
  day: date().primaryKey(),
  activeStudents: integer().notNull(),
  newUsers: integer().notNull(),
  enrollments: integer().notNull(),
  lessonCompletions: integer().notNull(),
  courseCompletions: integer().notNull(),
  watchSeconds: doublePrecision().notNull(),
  uploads: integer().notNull(),
  uploadedBytes: doublePrecision().notNull(),
});

// Bookkeeping of the roll-up job (last run, the earliest day the course/platform roll-ups cover).
export const analyticsState = pgTable('analytics_state', {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
