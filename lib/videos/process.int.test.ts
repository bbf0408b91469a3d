import { afterAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { enroll, createUser } from '@/db/factories';
import { courses, lessons } from '@/db/schema';
import { actorOf, makeActor } from '@/lib/courses/test-utils';
import { getBoss } from '@/lib/jobs/client';
import { createBoss, QUEUES } from '@/lib/jobs/queues';
import { getStorage } from '@/lib/storage';
import { videoPrefix } from './keys';
import { runStorageCleanup, runWatchdog } from './maintenance';
import { getMediaFile, getPlayback } from './playback';
import { processVideo } from './process';
import { courseWithVideoLesson, makeTestAudio, testVideoBytes, uploadBytes, videoRow } from './test-utils';

afterAll(async () => (await getBoss()).stop({ graceful: false, wait: true }));

const storage = getStorage();
const keysUnder = async (prefix: string) => {
  const keys: string[] = [];
  for await (const o of storage.listObjects(prefix)) keys.push(o.key.slice(prefix.length));
  return keys.sort();
};

describe('video processing', () => {
  it('probes, packages, transcodes a ladder, makes poster and storyboard, and gives the lesson its video', async () => {
    const owner = await makeActor('author');
    const { course, lesson } = await courseWithVideoLesson(owner);
    const up = await uploadBytes(owner, course.id, await testVideoBytes({ seconds: 8, width: 854, height: 480 }), { lessonId: lesson.id });

    expect(await processVideo(up.videoId, { storage, preset: 'ultrafast' })).toBe('ready');
    const v = (await videoRow(up.videoId))!;
    expect(v).toMatchObject({ status: 'ready', playback: 'hls', progress: 100, revision: 1, hlsMaster: 'master.m3u8', width: 854, height: 480, attempts: 1 });
    expect(v.durationSeconds).toBeCloseTo(8, 0);
    expect(v.renditions.map((r) => r.height)).toEqual([480, 360]);
    expect(v.assetsCount).toBeGreaterThan(6);

    const files = await keysUnder(videoPrefix(course.id, up.videoId));
    expect(files).toContain('source');
    expect(files).toContain('r1/master.m3u8');
    expect(files).toContain('r1/v480/index.m3u8');
    expect(files).toContain('r1/poster.jpg');
    expect(files).toContain('r1/storyboard.vtt');
    // The quick rendition is removed once the ladder replaces it.
    expect(files.some((f) => f.startsWith('r1/quick/'))).toBe(false);

    const [l] = await db.select().from(lessons).where(eq(lessons.id, lesson.id));
    expect(l!.videoId).toBe(up.videoId);
    expect(l!.durationSeconds).toBe(8);
  });

  it('serves playlists only with a valid token, with segments rewritten to signed object URLs that play', async () => {
    const owner = await makeActor('author');
    const { course, lesson } = await courseWithVideoLesson(owner);
    const up = await uploadBytes(owner, course.id, await testVideoBytes({ seconds: 8, width: 640, height: 360 }), { lessonId: lesson.id });
    await processVideo(up.videoId, { storage, preset: 'ultrafast' });

    const info = (await getPlayback(owner, up.videoId))!;
    expect(info.hlsUrl).toMatch(new RegExp(`^/api/videos/${up.videoId}/hls/master\\.m3u8\\?t=\\d+\\.[\\w-]{43}$`));
    const token = new URL(info.hlsUrl!, 'http://x').searchParams.get('t');
    const master = await getMediaFile(up.videoId, 'master.m3u8', token);
    expect(master.status).toBe(200);
    expect(master.body).toMatch(/RESOLUTION=640x360/);
    expect(master.body).toContain(`v360/index.m3u8?t=${token}`);

    const media = await getMediaFile(up.videoId, 'v360/index.m3u8', token);
    expect(media.status).toBe(200);
    const segment = media.body.split('\n').find((line) => line.startsWith('http') && line.includes('.m4s'))!;
    expect(segment).toContain('X-Amz-Signature=');
    const res = await fetch(segment);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const board = await getMediaFile(up.videoId, 'storyboard.vtt', token);
    expect(board.body).toMatch(/^WEBVTT/);
    expect(board.body).toMatch(/X-Amz-Signature=[^#\s]+#xywh=\d+,\d+,\d+,\d+/);

    expect((await getMediaFile(up.videoId, 'master.m3u8', null)).status).toBe(403);
    expect((await getMediaFile(up.videoId, 'master.m3u8', token!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status).toBe(403);
    expect((await getMediaFile(up.videoId, 'master.m3u8', `1.${token!.split('.')[1]}`)).status).toBe(403);
    expect((await getMediaFile(up.videoId, '../source', token)).status).toBe(404);
    expect((await getMediaFile(up.videoId, 'v360/seg_00000.m4s', token)).status).toBe(404);
  });

  it('lets only staff, enrolled students of a published lesson, and anyone for a free preview watch', async () => {
    const owner = await makeActor('author');
    const { course, lesson } = await courseWithVideoLesson(owner);
    const up = await uploadBytes(owner, course.id, await testVideoBytes({ seconds: 3 }), { lessonId: lesson.id });
    await processVideo(up.videoId, { storage, preset: 'ultrafast' });
    const student = actorOf(await createUser(db, { role: 'student' }));
    const otherAuthor = await makeActor('author');
    const admin = await makeActor('admin');

    const asLesson = { lessonId: lesson.id };
    expect(await getPlayback(admin, up.videoId)).not.toBeNull();
    expect(await getPlayback(otherAuthor, up.videoId, asLesson)).toBeNull();
    await enroll(db, course.id, student.id);
    // Enrolled, but the lesson and course are drafts: nothing to watch yet.
    expect(await getPlayback(student, up.videoId, asLesson)).toBeNull();
    await db.update(lessons).set({ status: 'published' }).where(eq(lessons.id, lesson.id));
    await db.update(courses).set({ status: 'published' }).where(eq(courses.id, course.id));
    const watching = await getPlayback(student, up.videoId, asLesson);
    expect(watching?.view?.ticket).toBeTruthy();
    // Outside a lesson a student gets nothing: access is always decided per lesson.
    expect(await getPlayback(student, up.videoId)).toBeNull();
    expect(await getPlayback(null, up.videoId, asLesson)).toBeNull();
    await db.update(lessons).set({ isFreePreview: true }).where(eq(lessons.id, lesson.id));
    expect(await getPlayback(null, up.videoId, { ...asLesson, viewerKey: 'k' })).not.toBeNull();
  });

  it('marks a file without a video stream failed with the reason, without retrying', async () => {
    const owner = await makeActor('author');
    const { course } = await courseWithVideoLesson(owner);
    // An MP4 container holding only audio: it passes the container sniff, ffprobe finds no video.
    const up = await uploadBytes(owner, course.id, await makeTestAudio(), { filename: 'podcast.mp4' });
    expect(await processVideo(up.videoId, { storage })).toBe('failed');
    expect(await videoRow(up.videoId)).toMatchObject({ status: 'failed', errorCode: 'NO_VIDEO_STREAM', playback: 'none' });
  });

  it('survives a killed attempt: the retry finishes and leaves exactly one set of renditions', async () => {
    const owner = await makeActor('author');
    const { course, lesson } = await courseWithVideoLesson(owner);
    const up = await uploadBytes(owner, course.id, await testVideoBytes({ seconds: 20, width: 1280, height: 720 }), { lessonId: lesson.id });

    const killer = new AbortController();
    const first = processVideo(up.videoId, { storage, signal: killer.signal, preset: 'ultrafast' });
    // Kill it while the ladder encodes (after the quick rendition made it playable).
    for (let i = 0; i < 200; i++) {
      const v = await videoRow(up.videoId);
      if (v?.stage === 'ladder') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    killer.abort();
    await expect(first).rejects.toMatchObject({ code: 'ABORTED' });
    const mid = (await videoRow(up.videoId))!;
    expect(mid).toMatchObject({ status: 'queued', playback: 'quick', revision: 1, errorCode: 'ABORTED' });

    expect(await processVideo(up.videoId, { storage, preset: 'ultrafast' })).toBe('ready');
    const done = (await videoRow(up.videoId))!;
    expect(done).toMatchObject({ status: 'ready', playback: 'hls', revision: 2, attempts: 2 });
    const files = await keysUnder(videoPrefix(course.id, up.videoId));
    expect(files.filter((f) => f.startsWith('r1/'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('master.m3u8'))).toEqual(['r2/master.m3u8']);
    expect(done.renditions.map((r) => r.height)).toEqual([720, 480, 360]);
  });

  it('replaces a lesson video: the new one takes over once playable and the old one is deleted', async () => {
    const owner = await makeActor('author');
    const { course, lesson } = await courseWithVideoLesson(owner);
    const bytes = await testVideoBytes({ seconds: 3 });
    const first = await uploadBytes(owner, course.id, bytes, { lessonId: lesson.id });
    await processVideo(first.videoId, { storage, preset: 'ultrafast' });
    const second = await uploadBytes(owner, course.id, bytes, { lessonId: lesson.id, filename: 'take2.mp4' });
    // Until the new one plays, the lesson keeps the old one.
    expect((await db.select().from(lessons).where(eq(lessons.id, lesson.id)))[0]!.videoId).toBe(first.videoId);
    await processVideo(second.videoId, { storage, preset: 'ultrafast' });
    expect((await db.select().from(lessons).where(eq(lessons.id, lesson.id)))[0]!.videoId).toBe(second.videoId);
    expect(await videoRow(first.videoId)).toBeUndefined();
    expect(await keysUnder(videoPrefix(course.id, first.videoId))).toEqual([]);
  });
});

describe('watchdog and clean-up', () => {
  it('fails the job of a worker that stopped sending heartbeats, so pg-boss retries it', async () => {
    const owner = await makeActor('author');
    const { course } = await courseWithVideoLesson(owner);
    const up = await uploadBytes(owner, course.id, await testVideoBytes({ seconds: 3 }));
    const boss = createBoss(process.env.DATABASE_URL!, { worker: false });
    await boss.start();
    try {
      // A worker takes the job, claims the video, then dies (no more heartbeats).
      const [job] = await boss.fetch(QUEUES.processVideo, { batchSize: 50 }).then((jobs) => jobs.filter((j) => (j.data as { videoId: string }).videoId === up.videoId));
      expect(job).toBeDefined();
      await db.execute(sql`update videos set status = 'processing', heartbeat_at = now() - interval '5 minutes' where id = ${up.videoId}`);

      const r = await runWatchdog(
        { fail: (id, reason) => boss.fail(QUEUES.processVideo, id, { message: reason }), send: (videoId) => boss.send(QUEUES.processVideo, { videoId }) },
        60,
      );
      expect(r.retried).toContain(up.videoId);
      const state = await db.execute(sql`select state, retry_count from pgboss.job where id = ${job!.id}`);
      expect(state[0]).toMatchObject({ state: 'retry' });
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });

  it('aborts stale uploads and deletes objects no row accounts for, keeping the current revision', async () => {
    const owner = await makeActor('author');
    const { course } = await courseWithVideoLesson(owner);
    const done = await uploadBytes(owner, course.id, await testVideoBytes({ seconds: 3 }));
    await processVideo(done.videoId, { storage, preset: 'ultrafast' });
    const stale = await uploadBytes(owner, course.id, await testVideoBytes({ seconds: 3 }), { complete: false });
    const base = videoPrefix(course.id, done.videoId);
    await storage.putObject(`${base}r0/leftover.m4s`, 'x');
    const orphan = `courses/${course.id}/videos/00000000-0000-4000-8000-000000000000/source`;
    await storage.putObject(orphan, 'orphan');

    // Four days on. Scoped to this course: other test files share the bucket and database.
    const r = await runStorageCleanup(storage, { staleHours: 72, graceMinutes: 0, now: new Date(Date.now() + 4 * 24 * 3600_000), courseId: course.id });
    expect(r.error).toBeUndefined();
    expect(r.abortedUploads).toBeGreaterThanOrEqual(1);
    expect(await videoRow(stale.videoId)).toBeUndefined();
    expect(await storage.exists(orphan)).toBe(false);
    expect(await storage.exists(`${base}r0/leftover.m4s`)).toBe(false);
    expect(await storage.exists(`${base}r1/master.m3u8`)).toBe(true);
    expect(await storage.exists(`${base}source`)).toBe(true);
  });
});

describe('without ffmpeg', () => {
  it('plays the source progressively with Range requests and says why there is no HLS', async () => {
    const owner = await makeActor('author');
    const { course, lesson } = await courseWithVideoLesson(owner);
    const bytes = await testVideoBytes({ seconds: 3 });
    const up = await uploadBytes(owner, course.id, bytes, { lessonId: lesson.id });
    const missing = { ffmpegPath: '/nonexistent/ffmpeg', ffprobePath: '/nonexistent/ffprobe' };
    expect(await processVideo(up.videoId, { storage, toolPaths: missing })).toBe('ready');
    expect(await videoRow(up.videoId)).toMatchObject({ status: 'ready', playback: 'progressive', processingNote: 'ffmpeg_missing' });

    const info = (await getPlayback(owner, up.videoId))!;
    expect(info.hlsUrl).toBeNull();
    const res = await fetch(info.progressiveUrl!, { headers: { range: 'bytes=100-199' } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes.subarray(100, 200));
    // The lesson gets the video: it plays, so it counts as ready for publishing.
    expect((await db.select().from(lessons).where(eq(lessons.id, lesson.id)))[0]!.videoId).toBe(up.videoId);
  });
});
