import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { addCourseMember } from '@/db/factories';
import { auditEvents, videos } from '@/db/schema';
import { makeActor } from '@/lib/courses/test-utils';
import { AppError } from '@/lib/errors';
import { getStorage } from '@/lib/storage';
import { getBoss } from '@/lib/jobs/client';
import { courseWithVideoLesson, testVideoBytes, uploadBytes, videoRow } from './test-utils';
import { abortVideoUpload, checkVideoFile, completeVideoUpload, createVideoUpload, listUploadParts, signUploadPart } from './uploads';
import { codeOf } from '@/test/error-code';

afterAll(async () => (await getBoss()).stop({ graceful: false, wait: true }));


describe('checkVideoFile', () => {
  it('refuses empty files, files over the limit, and non-video names or types', () => {
    const ok = { filename: 'a.mp4', type: 'video/mp4', size: 10 };
    expect(() => checkVideoFile(ok, 100)).not.toThrow();
    expect(() => checkVideoFile({ ...ok, filename: 'clip.MKV', type: '' }, 100)).not.toThrow();
    const key = (f: typeof ok) => {
      try {
        checkVideoFile(f, 100);
        return 'ok';
      } catch (e) {
        return (e as AppError).extra.messageKey;
      }
    };
    expect(key({ ...ok, size: 0 })).toBe('videoEmpty');
    expect(key({ ...ok, size: 101 })).toBe('videoTooLarge');
    expect(key({ ...ok, filename: 'notes.txt', type: 'text/plain' })).toBe('videoType');
    expect(key({ ...ok, filename: 'photo.mp4', type: 'image/png' })).toBe('videoType');
  });
});

describe('video upload protocol', () => {
  it('uploads a real video through presigned parts, verifies it on S3 and queues processing', async () => {
    const owner = await makeActor('author');
    const { course, lesson } = await courseWithVideoLesson(owner);
    const bytes = await testVideoBytes();
    const up = await uploadBytes(owner, course.id, bytes, { lessonId: lesson.id });

    expect(up.key).toBe(`courses/${course.id}/videos/${up.videoId}/source`);
    const row = await videoRow(up.videoId);
    expect(row).toMatchObject({ status: 'queued', uploadId: null, size: bytes.length, contentType: 'video/mp4', lessonId: lesson.id });
    expect((await getStorage().headObject(up.key)).size).toBe(bytes.length);
    const jobs = await db.execute(sql`select state from pgboss.job where name = 'video-process' and data->>'videoId' = ${up.videoId}`);
    expect(jobs.map((j) => j.state)).toEqual(['created']);
    // Completing again (a retried request) answers the same and queues nothing more.
    expect(await completeVideoUpload(owner, up.videoId, { key: up.key, uploadId: up.uploadId })).toMatchObject({ status: 'queued' });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.targetId, up.videoId), eq(auditEvents.action, 'video.uploaded')));
    expect(audit).toHaveLength(1);
  });

  it('signs only the issued key and upload, for editors of the course, and only parts inside the file', async () => {
    const owner = await makeActor('author');
    const stranger = await makeActor('author');
    const student = await makeActor('student');
    const editor = await makeActor('author');
    const { course } = await courseWithVideoLesson(owner);
    await addCourseMember(db, course.id, editor.id, 'editor');
    const other = await courseWithVideoLesson(owner);
    const a = await createVideoUpload(owner, { courseId: course.id, filename: 'a.mp4', type: 'video/mp4', size: 40 * 1024 * 1024 });
    const b = await createVideoUpload(owner, { courseId: other.course.id, filename: 'b.mp4', type: 'video/mp4', size: 1000 });

    expect(a.partSize).toBe(16 * 1024 * 1024);
    expect(await codeOf(signUploadPart(editor, a.videoId, { key: a.key, uploadId: a.uploadId, partNumber: 3 }))).toBe('ok');
    expect(await codeOf(signUploadPart(stranger, a.videoId, { key: a.key, uploadId: a.uploadId, partNumber: 1 }))).toBe('FORBIDDEN');
    expect(await codeOf(signUploadPart(student, a.videoId, { key: a.key, uploadId: a.uploadId, partNumber: 1 }))).toBe('FORBIDDEN');
    // Another upload's key or upload id under this video id: refused, even for the owner of both.
    expect(await codeOf(signUploadPart(owner, a.videoId, { key: b.key, uploadId: a.uploadId, partNumber: 1 }))).toBe('FORBIDDEN');
    expect(await codeOf(signUploadPart(owner, a.videoId, { key: a.key, uploadId: b.uploadId, partNumber: 1 }))).toBe('FORBIDDEN');
    expect(await codeOf(signUploadPart(owner, a.videoId, { key: a.key, uploadId: a.uploadId, partNumber: 4 }))).toBe('VALIDATION');
    expect(await codeOf(createVideoUpload(stranger, { courseId: course.id, filename: 'x.mp4', type: 'video/mp4', size: 10 }))).toBe('FORBIDDEN');
    expect(await codeOf(createVideoUpload(owner, { courseId: course.id, lessonId: other.lesson.id, filename: 'x.mp4', type: 'video/mp4', size: 10 }))).toBe('NOT_FOUND');

    // The signed URL names exactly this key and upload and expires within the hour.
    const { url } = await signUploadPart(owner, a.videoId, { key: a.key, uploadId: a.uploadId, partNumber: 2 });
    const u = new URL(url);
    expect(u.pathname).toContain(a.key);
    expect(u.searchParams.get('uploadId')).toBe(a.uploadId);
    expect(u.searchParams.get('partNumber')).toBe('2');
    expect(Number(u.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(3600);
  });

  it('rejects a file that is not a video although it is named .mp4, and deletes it', async () => {
    const owner = await makeActor('author');
    const { course } = await courseWithVideoLesson(owner);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000, 7)]);
    const up = await uploadBytes(owner, course.id, png, { filename: 'holiday.mp4', complete: false });
    expect(await codeOf(completeVideoUpload(owner, up.videoId, { key: up.key, uploadId: up.uploadId }))).toBe('VALIDATION:videoNotVideo');
    expect(await videoRow(up.videoId)).toBeUndefined();
    expect(await getStorage().exists(up.key)).toBe(false);
  });

  it('refuses to complete while parts are missing, then lists what S3 has so the client sends the rest', async () => {
    const owner = await makeActor('author');
    const { course } = await courseWithVideoLesson(owner);
    const size = 20 * 1024 * 1024; // two parts of 16 MiB + 4 MiB
    const up = await createVideoUpload(owner, { courseId: course.id, filename: 'big.mp4', type: 'video/mp4', size });
    const bytes = Buffer.concat([await testVideoBytes(), Buffer.alloc(size)]).subarray(0, size);
    const { url } = await signUploadPart(owner, up.videoId, { key: up.key, uploadId: up.uploadId, partNumber: 2 });
    expect((await fetch(url, { method: 'PUT', body: bytes.subarray(up.partSize) })).ok).toBe(true);

    expect(await codeOf(completeVideoUpload(owner, up.videoId, { key: up.key, uploadId: up.uploadId }))).toBe('CONFLICT:uploadIncomplete');
    const listed = await listUploadParts(owner, up.videoId, { key: up.key, uploadId: up.uploadId });
    expect(listed.map((p) => [p.PartNumber, p.Size])).toEqual([[2, 4 * 1024 * 1024]]);

    const first = await signUploadPart(owner, up.videoId, { key: up.key, uploadId: up.uploadId, partNumber: 1 });
    expect((await fetch(first.url, { method: 'PUT', body: bytes.subarray(0, up.partSize) })).ok).toBe(true);
    expect(await completeVideoUpload(owner, up.videoId, { key: up.key, uploadId: up.uploadId })).toMatchObject({ status: 'queued' });
  });

  it('cancels: aborts the multipart upload and forgets the video; a second cancel is harmless', async () => {
    const owner = await makeActor('author');
    const { course } = await courseWithVideoLesson(owner);
    const up = await createVideoUpload(owner, { courseId: course.id, filename: 'c.mp4', type: 'video/mp4', size: 1000 });
    expect(await abortVideoUpload(owner, up.videoId, { key: up.key, uploadId: up.uploadId })).toEqual({ aborted: true });
    expect(await videoRow(up.videoId)).toBeUndefined();
    await expect(getStorage().listParts(up.key, up.uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await abortVideoUpload(owner, up.videoId, { key: up.key, uploadId: up.uploadId })).toEqual({ aborted: false });
  });

  it('continues the same upload when the same file is started again, instead of a second one', async () => {
    const owner = await makeActor('author');
    const { course, lesson } = await courseWithVideoLesson(owner);
    const input = { courseId: course.id, lessonId: lesson.id, filename: 'big.mp4', type: 'video/mp4', size: 5000 };
    const first = await createVideoUpload(owner, input);
    const again = await createVideoUpload(owner, input);
    expect(again).toEqual(first);
    expect((await createVideoUpload(owner, { ...input, size: 5001 })).videoId).not.toBe(first.videoId);
    expect(await db.$count(videos, eq(videos.lessonId, lesson.id))).toBe(2);
  });

  it('limits the uploads one user runs at once', async () => {
    const owner = await makeActor('author');
    const { course } = await courseWithVideoLesson(owner);
    const start = (n: number) => createVideoUpload(owner, { courseId: course.id, filename: `q${n}.mp4`, type: 'video/mp4', size: 1000 });
    const results = await Promise.all([start(1), start(2), start(3), start(4)].map(codeOf));
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(results.filter((r) => r === 'RATE_LIMITED:uploadQuota')).toHaveLength(1);
    expect(await db.$count(videos, and(eq(videos.createdById, owner.id), eq(videos.status, 'uploading')))).toBe(3);
  });
});
