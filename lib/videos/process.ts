import 'server-only';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { lessons, videos, type VideoProbe } from '@/db/schema';
import { env } from '@/lib/env';
import { loggerFor } from '@/lib/logger';
import { MediaError } from '@/lib/media/errors';
import { packageQuick, transcodeLadder, type X264Preset } from '@/lib/media/hls';
import { makePoster, makeStoryboard } from '@/lib/media/images';
import { ladderFor } from '@/lib/media/plan';
import { probeMedia } from '@/lib/media/probe';
import { findMediaTools } from '@/lib/media/tools';
import type { Storage } from '@/lib/storage';
import type { VideoStage } from '@/lib/video-constants';
import { videoPrefix, videoRevisionPrefix } from './keys';

// The processing job of one uploaded video: probe → quick playable rendition → HLS ladder → poster →
// storyboard. Each attempt claims a new revision and writes only under `r{revision}/`, so a retried
// or killed attempt cannot leave duplicate renditions: the winner deletes every other revision.

const log = loggerFor('video-process');

/** Errors that retrying cannot fix: the job completes with the video marked failed. */
const PERMANENT: ReadonlySet<string> = new Set(['NO_VIDEO_STREAM', 'UNREADABLE']);
const HEARTBEAT_MS = 5_000;
const PROGRESS_WRITE_MS = 1_500;

export type ProcessOptions = {
  storage: Storage;
  signal?: AbortSignal;
  isLastAttempt?: boolean;
  preset?: X264Preset;
  /** ffmpeg/ffprobe locations; FFMPEG_PATH/FFPROBE_PATH (or PATH) by default. */
  toolPaths?: { ffmpegPath?: string; ffprobePath?: string };
};
export type ProcessOutcome = 'ready' | 'failed' | 'skipped';

const CONTENT_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.jpg': 'image/jpeg',
  '.vtt': 'text/vtt',
};

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full, base)));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/** Uploads every file of `dir` under `prefix` (4 at a time); returns bytes and object count. */
async function uploadDir(storage: Storage, dir: string, prefix: string, signal?: AbortSignal) {
  const files = await listFiles(dir);
  let bytes = 0;
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      signal?.throwIfAborted();
      const rel = files[next++]!;
      const full = path.join(dir, rel);
      const { size } = await stat(full);
      await storage.putStream(prefix + rel, createReadStream(full), { contentLength: size, contentType: CONTENT_TYPES[path.extname(rel)] ?? 'application/octet-stream' });
      bytes += size;
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, files.length) }, worker));
  return { bytes, count: files.length };
}

/** Deletes every revision folder of the video except `keep` (and partial files of dead attempts). */
export async function deleteOtherRevisions(storage: Storage, courseId: string, videoId: string, keep: number) {
  const base = videoPrefix(courseId, videoId);
  const stale: string[] = [];
  for await (const o of storage.listObjects(base)) {
    const m = /^r(\d+)\//.exec(o.key.slice(base.length));
    if (m && Number(m[1]) !== keep) stale.push(o.key);
  }
  for (const key of stale) await storage.deleteObject(key);
  return stale.length;
}

/**
 * Points the lesson the upload was made for at this video once it plays, and retires the video it
 * replaces when that one was uploaded for the same lesson (library videos are never deleted here).
 * Returns the replaced video, whose objects the caller deletes.
 */
export async function attachToLesson(videoId: string) {
  return db.transaction(async (tx) => {
    const [video] = await tx.select({ lessonId: videos.lessonId, duration: videos.durationSeconds }).from(videos).where(eq(videos.id, videoId));
    if (!video?.lessonId) return null;
    const [lesson] = await tx.select({ id: lessons.id, videoId: lessons.videoId }).from(lessons).where(eq(lessons.id, video.lessonId)).for('update');
    if (!lesson || lesson.videoId === videoId) return null;
    await tx
      .update(lessons)
      .set({ videoId, durationSeconds: video.duration === null ? null : Math.round(video.duration), updatedAt: new Date() })
      .where(eq(lessons.id, lesson.id));
    if (!lesson.videoId) return null;
    const [old] = await tx
      .delete(videos)
      .where(and(eq(videos.id, lesson.videoId), eq(videos.lessonId, lesson.id)))
      .returning({ id: videos.id, courseId: videos.courseId });
    return old ?? null;
  });
}

/** Runs (or resumes after a crash) the processing of one video. Throws only for retryable failures. */
export async function processVideo(videoId: string, opts: ProcessOptions): Promise<ProcessOutcome> {
  const { storage, signal } = opts;
  const [video] = await db
    .update(videos)
    .set({
      status: 'processing',
      stage: 'probe',
      progress: 0,
      attempts: sql`${videos.attempts} + 1`,
      revision: sql`${videos.revision} + 1`,
      heartbeatAt: new Date(),
      errorCode: null,
      errorMessage: null,
      updatedAt: new Date(),
    })
    .where(and(eq(videos.id, videoId), inArray(videos.status, ['queued', 'processing', 'failed'])))
    .returning();
  if (!video) return 'skipped'; // deleted, cancelled or already processed

  const revision = video.revision;
  const prefix = videoRevisionPrefix(video.courseId, video.id, revision);
  // Writes are guarded by the revision: a stale attempt (its job failed by the watchdog while it still
  // ran) can no longer touch the row once a newer attempt has claimed it.
  const mine = and(eq(videos.id, videoId), eq(videos.revision, revision));
  const heartbeat = setInterval(() => {
    db.update(videos).set({ heartbeatAt: new Date() }).where(mine).catch(() => {});
  }, HEARTBEAT_MS);
  let lastProgressWrite = 0;
  const setStage = (stage: VideoStage, progress: number, extra: Partial<typeof videos.$inferInsert> = {}) =>
    db.update(videos).set({ stage, progress: Math.round(progress), updatedAt: new Date(), ...extra }).where(mine);
  const progressIn = (stage: VideoStage, from: number, to: number) => (f: number) => {
    const now = Date.now();
    if (now - lastProgressWrite < PROGRESS_WRITE_MS) return;
    lastProgressWrite = now;
    setStage(stage, from + (to - from) * Math.min(1, Math.max(0, f))).catch(() => {});
  };

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'lectern-video-'));
  try {
    const tools = await findMediaTools(opts.toolPaths ?? { ffmpegPath: env.FFMPEG_PATH, ffprobePath: env.FFPROBE_PATH });
    if (!tools.ffmpeg || !tools.ffprobe) {
      // Without ffmpeg the source itself plays (MP4/WebM with Range requests); admins see why.
      await db
        .update(videos)
        .set({ status: 'ready', playback: 'progressive', stage: null, progress: 100, processingNote: 'ffmpeg_missing', readyAt: new Date(), updatedAt: new Date() })
        .where(mine);
      await retire(storage, await attachToLesson(videoId));
      return 'ready';
    }
    const ff = { ffmpeg: tools.ffmpeg, ffprobe: tools.ffprobe };

    const src = path.join(tmp, 'source');
    const obj = await storage.getObject(video.sourceKey);
    await pipeline(obj.body, createWriteStream(src), { signal });

    const probe: VideoProbe = await probeMedia(ff.ffprobe, src);
    await setStage('quick', 5, { probe, durationSeconds: probe.durationSeconds, width: probe.width, height: probe.height });

    let assetsBytes = 0;
    let assetsCount = 0;
    const add = (r: { bytes: number; count: number }) => {
      assetsBytes += r.bytes;
      assetsCount += r.count;
    };

    const quickDir = path.join(tmp, 'out');
    const quick = await packageQuick(ff, src, quickDir, probe, { onProgress: progressIn('quick', 5, 20), signal, preset: opts.preset ?? env.VIDEO_X264_PRESET });
    await uploadDir(storage, quickDir, prefix, signal);
    // The playable prefix moves to this revision only now that its files exist.
    await setStage('ladder', 20, { assetsPrefix: prefix, playback: 'quick', hlsMaster: quick.playlist, renditions: [{ height: quick.height, width: quick.width, bandwidth: quick.bandwidth, playlist: quick.playlist }] });
    // Playable now: the lesson gets this video although the ladder is still to come.
    await retire(storage, await attachToLesson(videoId));

    const ladderDir = path.join(tmp, 'ladder');
    const ladder = await transcodeLadder(ff, src, ladderDir, probe, ladderFor(probe), { onProgress: progressIn('ladder', 20, 85), signal, preset: opts.preset ?? env.VIDEO_X264_PRESET });
    await setStage('upload', 85);
    add(await uploadDir(storage, ladderDir, prefix, signal));
    await setStage('poster', 90, { playback: 'hls', hlsMaster: ladder.master, renditions: ladder.renditions });

    const imagesDir = path.join(tmp, 'images');
    await mkdir(imagesDir, { recursive: true });
    await makePoster(ff, src, path.join(imagesDir, 'poster.jpg'), probe);
    await setStage('storyboard', 93);
    const board = await makeStoryboard(ff, src, imagesDir, probe, { signal });
    add(await uploadDir(storage, imagesDir, prefix, signal));

    // The quick rendition is superseded by the ladder.
    for (const rel of await listFiles(quickDir)) await storage.deleteObject(prefix + rel);

    const [done] = await db
      .update(videos)
      .set({
        status: 'ready',
        stage: null,
        progress: 100,
        posterKey: `${prefix}poster.jpg`,
        storyboardKey: `${prefix}${board.vtt}`,
        assetsBytes,
        assetsCount,
        processingNote: null,
        readyAt: new Date(),
        updatedAt: new Date(),
      })
      .where(mine)
      .returning({ id: videos.id });
    if (done) await deleteOtherRevisions(storage, video.courseId, video.id, revision);
    log.info({ videoId, revision, assetsBytes, assetsCount }, 'video processed');
    return done ? 'ready' : 'skipped';
  } catch (e) {
    const code = e instanceof MediaError ? e.code : 'FAILED';
    const message = e instanceof Error ? e.message : String(e);
    const permanent = PERMANENT.has(code);
    const final = permanent || opts.isLastAttempt;
    await db
      .update(videos)
      .set({ status: final ? 'failed' : 'queued', errorCode: code, errorMessage: message.slice(0, 2000), stage: null, updatedAt: new Date() })
      .where(mine)
      .catch(() => {});
    log.warn({ videoId, revision, code, err: message, final }, 'video processing failed');
    if (permanent) return 'failed';
    throw e;
  } finally {
    clearInterval(heartbeat);
    await rm(tmp, { recursive: true, force: true });
  }
}

async function retire(storage: Storage, old: { id: string; courseId: string } | null) {
  if (!old) return;
  await storage.deletePrefix(videoPrefix(old.courseId, old.id)).catch((e) => log.warn({ videoId: old.id, err: String(e) }, 'could not delete replaced video; the cleanup job will'));
}
