import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { MediaProbe } from '../../lib/media/types';
import { videoPlaybackKinds, videoStatuses, type VideoRendition } from '../../lib/video-constants';
import { courses, lessons } from './courses';
import { users } from './users';

export const videoStatus = pgEnum('video_status', videoStatuses);
export const videoPlayback = pgEnum('video_playback', videoPlaybackKinds);

/** What ffprobe found in the source (kept whole for the admin and for re-processing decisions). */
export type VideoProbe = MediaProbe;

// A video belongs to a course (its media library). Objects live under
// `courses/{courseId}/videos/{videoId}/`, so deleting a course's media is one prefix delete.
export const videos = pgTable(
  'videos',
  {
    id: uuid().primaryKey().defaultRandom(),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    // The lesson the upload was started from: when this video becomes playable it replaces that
    // lesson's video. Null for uploads to the course media library.
    lessonId: uuid().references(() => lessons.id, { onDelete: 'set null' }),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    filename: text().notNull(),
    contentType: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    sourceKey: text().notNull(),
    // The S3 multipart upload id while uploading; cleared once the object is complete.
    uploadId: text(),
    partSize: integer().notNull(),
    status: videoStatus().notNull().default('uploading'),
    playback: videoPlayback().notNull().default('none'),
    stage: text(),
    progress: smallint().notNull().default(0),
    // Each processing attempt writes under a fresh revision prefix, so a retried or killed attempt
    // never mixes its files with the one that wins; the loser's prefix is deleted.
    revision: integer().notNull().default(0),
    assetsPrefix: text(),
    probe: jsonb().$type<VideoProbe>(),
    durationSeconds: real(),
    width: integer(),
    height: integer(),
    renditions: jsonb().$type<VideoRendition[]>().notNull().default([]),
    hlsMaster: text(),
    posterKey: text(),
    storyboardKey: text(),
    assetsBytes: bigint({ mode: 'number' }).notNull().default(0),
    assetsCount: integer().notNull().default(0),
    // Why there is no HLS although the video plays (e.g. ffmpeg missing), shown to admins.
    processingNote: text(),
    errorCode: text(),
    errorMessage: text(),
    attempts: integer().notNull().default(0),
    // Written by the worker every few seconds while it processes; a stale one means a dead worker.
    heartbeatAt: timestamp({ withTimezone: true }),
    uploadedAt: timestamp({ withTimezone: true }),
    readyAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('videos_course_idx').on(t.courseId, t.createdAt),
    index('videos_lesson_idx').on(t.lessonId),
    index('videos_status_idx').on(t.status, t.createdAt),
    index('videos_creator_status_idx').on(t.createdById, t.status),
    uniqueIndex('videos_source_key_key').on(t.sourceKey),
    check('videos_progress_range', sql`${t.progress} between 0 and 100`),
    check('videos_size_nonneg', sql`${t.size} >= 0`),
  ],
);

export const videoCaptions = pgTable(
  'video_captions',
  {
    id: uuid().primaryKey().defaultRandom(),
    videoId: uuid()
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    lang: text().notNull(),
    label: text().notNull(),
    key: text().notNull(),
    cues: integer().notNull(),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('video_captions_video_lang_key').on(t.videoId, t.lang)],
);
