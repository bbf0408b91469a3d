import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { createCourse } from '@/db/factories';
import { courseModules, lessons } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { runFfmpeg } from '@/lib/media/run';
import { makeTestVideo, type TestVideoOptions } from '@/lib/media/testing';
import { completeVideoUpload, createVideoUpload, signUploadPart } from './uploads';

// Helpers for the video integration tests: a course with a video lesson, and the browser's side of
// an upload (PUT each part to its presigned URL) without a browser.

export async function courseWithVideoLesson(owner: SessionUser) {
  const course = await createCourse(db, { ownerId: owner.id });
  const [mod] = await db.insert(courseModules).values({ courseId: course.id, title: 'Module', position: 0 }).returning();
  const [lesson] = await db.insert(lessons).values({ courseId: course.id, moduleId: mod!.id, title: 'Video lesson', type: 'video', position: 0 }).returning();
  return { course, lesson: lesson! };
}

const videoCache = new Map<string, Promise<Buffer>>();

/** Bytes of a synthetic video (made once per option set per test file). */
export function testVideoBytes(opts: TestVideoOptions = { seconds: 4 }) {
  const key = JSON.stringify(opts);
  let p = videoCache.get(key);
  if (!p) {
    const file = path.join(os.tmpdir(), `lectern-test-${randomUUID()}.${opts.container ?? 'mp4'}`);
    videoCache.set(key, (p = makeTestVideo(file, opts).then(() => readFile(file))));
  }
  return p;
}

/** Uploads `bytes` as the browser would (create → sign each part → PUT → complete) and returns the video id. */
export async function uploadBytes(actor: SessionUser, courseId: string, bytes: Buffer, opts: { lessonId?: string; filename?: string; type?: string; complete?: boolean } = {}) {
  const created = await createVideoUpload(actor, { courseId, lessonId: opts.lessonId, filename: opts.filename ?? 'lecture.mp4', type: opts.type ?? 'video/mp4', size: bytes.length });
  const parts = Math.max(1, Math.ceil(bytes.length / created.partSize));
  for (let n = 1; n <= parts; n++) {
    const { url } = await signUploadPart(actor, created.videoId, { key: created.key, uploadId: created.uploadId, partNumber: n });
    const res = await fetch(url, { method: 'PUT', body: new Uint8Array(bytes.subarray((n - 1) * created.partSize, n * created.partSize)) });
    if (!res.ok) throw new Error(`part ${n}: ${res.status}`);
  }
  if (opts.complete !== false) await completeVideoUpload(actor, created.videoId, { key: created.key, uploadId: created.uploadId });
  return created;
}

export const videoRow = (id: string) => db.query.videos.findFirst({ where: (v) => eq(v.id, id) });

/** An MP4 that holds only an audio track (passes the container sniff, has no video stream). */
export async function makeTestAudio(seconds = 2) {
  const file = path.join(os.tmpdir(), `lectern-audio-${randomUUID()}.mp4`);
  await runFfmpeg('ffmpeg', ['-y', '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'aac', '-f', 'mp4', file]);
  return readFile(file);
}
