import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { courses, lessons } from './courses';
import { videos } from './media';
import { users } from './users';

export const lessonProgressStatuses = ['in_progress', 'completed'] as const;
export const lessonProgressStatus = pgEnum('lesson_progress_status', lessonProgressStatuses);

/** Merged, sorted [from, to] second intervals of a video a student has watched (their union). */
export type WatchedIntervals = [number, number][];

// One row per student and lesson they opened. Coverage is computed here, on the server, from the
// union of the student's accepted watch segments; the player never says "done".
export const lessonProgress = pgTable(
  'lesson_progress',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonId: uuid()
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    status: lessonProgressStatus().notNull().default('in_progress'),
    intervals: jsonb().$type<WatchedIntervals>().notNull().default([]),
    coveredSeconds: real().notNull().default(0),
    /** coveredSeconds / video duration, 0–1. */
    coverage: real().notNull().default(0),
    watchSeconds: real().notNull().default(0),
    lastPosition: real(),
    /** 0–100 when a teacher graded the lesson's homework (assessments issue). */
    grade: integer(),
    completedAt: timestamp({ withTimezone: true }),
    firstOpenedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.lessonId] }), index('lesson_progress_course_user_idx').on(t.courseId, t.userId), index('lesson_progress_user_updated_idx').on(t.userId, t.updatedAt)],
);

// A teacher opened a locked lesson early for one student (sequence and drip no longer apply).
export const lessonUnlocks = pgTable(
  'lesson_unlocks',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonId: uuid()
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    grantedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    reason: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.lessonId] })],
);

// Where each signed-in viewer stopped in each video, whatever the device.
export const videoResume = pgTable(
  'video_resume',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    videoId: uuid()
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    position: real().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.videoId] })],
);

// One playback session of one video in one page (video.md §4–5). The id is issued by the server with
// the view's ticket; `startedAt` is the server's clock then, which bounds the watch time it may claim.
export const videoViews = pgTable(
  'video_views',
  {
    id: uuid().primaryKey(),
    videoId: uuid()
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    lessonId: uuid().references(() => lessons.id, { onDelete: 'set null' }),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Random first-party key of an anonymous viewer (free previews); no personal data. */
    viewerKey: text(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    firstBeatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastBeatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeq: integer().notNull().default(-1),
    /** Client time (ms) of the last accepted beat, for the per-beat elapsed-time bound. */
    lastClientAt: bigint({ mode: 'number' }),
    state: text().notNull().default('playing'),
    lastPosition: real().notNull().default(0),
    maxPosition: real().notNull().default(0),
    /** Σ len/rate of accepted segments: wall time with the playhead moving (watch time). */
    playedSeconds: real().notNull().default(0),
    /** Σ len of accepted segments (content seconds, with repeats). */
    contentSeconds: real().notNull().default(0),
    segmentCount: integer().notNull().default(0),
    /** Played time cut off because it claimed more than the elapsed wall time. */
    rejectedSeconds: real().notNull().default(0),
    startupMs: integer(),
    stallCount: integer().notNull().default(0),
    stallMs: integer().notNull().default(0),
    seekCount: integer().notNull().default(0),
    ended: boolean().notNull().default(false),
    errorCode: text(),
    errorFatal: boolean().notNull().default(false),
    errorBeforeFirstFrame: boolean().notNull().default(false),
    renditionHeight: integer(),
    device: text(),
    browser: text(),
    /** Forward seeks of ≥ 3 s, [from, to] (capped), for skip zones. */
    skips: jsonb().$type<[number, number][]>().notNull().default([]),
    /** Bumped by every applied batch of beats; the roll-up folds a view again when it moved on. */
    revision: integer().notNull().default(0),
    /** Set by the analytics roll-up when it closes an idle view. */
    closedAt: timestamp({ withTimezone: true }),
    /** The revision last folded into the roll-ups (null: never folded). */
    foldedRevision: integer(),
    /** len(U_v): unique seconds watched, set when folded. */
    uniqueSeconds: real(),
  },
  (t) => [
    index('video_views_video_started_idx').on(t.videoId, t.startedAt),
    index('video_views_user_idx').on(t.userId, t.videoId),
    index('video_views_open_idx').on(t.lastBeatAt).where(sql`${t.closedAt} is null`),
    index('video_views_unfolded_idx').on(t.videoId, t.startedAt).where(sql`${t.closedAt} is not null and ${t.foldedRevision} is distinct from ${t.revision}`),
  ],
);

// Idempotency of beats: a (view, seq) is applied once, whatever retries and duplicate beacons do.
export const viewBeats = pgTable(
  'view_beats',
  {
    viewId: uuid()
      .notNull()
      .references(() => videoViews.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.viewId, t.seq] })],
);

// Raw watched segments, partitioned by month on created_at (the migration creates the partitioned
// table; old partitions are dropped by retention while roll-ups stay).
export const watchSegments = pgTable(
  'watch_segments',
  {
    viewId: uuid().notNull(),
    videoId: uuid().notNull(),
    lessonId: uuid(),
    userId: uuid(),
    fromSeconds: real().notNull(),
    toSeconds: real().notNull(),
    rate: real().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('watch_segments_video_idx').on(t.videoId, t.createdAt), index('watch_segments_view_idx').on(t.viewId)],
);
