import type { Page } from '@playwright/test';
import { inArray } from 'drizzle-orm';
import { videos } from '../../db/schema';
import { db, expect, signIn, test, type TestUser } from '../fixtures';
import { addFiles, courseWithVideoLesson } from './helpers';
import { courseVideos, MiB, objectSha256, objectSize, openUploads, ownAppServer, ownS3, paddedVideo, sha256File, sharedS3, throttleUpload, watchParts, type S3Target } from './upload-harness';

// Resumable uploads against the real thing: Chromium, the production build, the embedded S3 server.
// Uploads are throttled in the browser (DevTools network emulation) so that there is time to pause,
// reload, go offline or stop a server while parts are in flight. Parts are 16 MiB and the uploader
// sends 6 at once, so a 200 MiB file has 13 parts: a first batch of 6 finishes while 7 remain.

test.describe.configure({ timeout: 240_000 });

const RATE = 20 * MiB;
const SMALL = 100 * MiB; // 7 parts
const LARGE = 200 * MiB; // 13 parts
const partsOf = (bytes: number) => Math.ceil(bytes / (16 * MiB));
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const unique = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

async function openLessonEditor(page: Page, author: TestUser) {
  const { course, lesson } = await courseWithVideoLesson(author.id);
  await signIn(page, author);
  await page.goto(`/courses/${course.id}/lessons/${lesson.id}`);
  await expect(page.getByTestId('video-uploader')).toBeVisible();
  return course;
}

/** The upload is finished when the server has checked the object and queued processing. */
async function expectUploaded(page: Page, courseId: string, s3: S3Target, file: string, bytes: number) {
  await expect(page.getByTestId('video-card').getByTestId('video-status')).toHaveAttribute('data-status', /queued|processing|ready|failed/, { timeout: 90_000 });
  const rows = await courseVideos(courseId);
  // One video: resuming never started a second upload.
  expect(rows).toHaveLength(1);
  expect(rows[0]!.status).not.toBe('uploading');
  expect(await objectSize(s3, rows[0]!.sourceKey)).toBe(bytes);
  expect(await objectSha256(s3, rows[0]!.sourceKey)).toBe(await sha256File(file));
  return rows[0]!;
}

// The padded files are not worth encoding: forgetting their rows lets the shared worker skip them
// and stay free for the specs that wait for `ready`.
let finished: string[] = [];
test.afterEach(async () => {
  if (finished.length) await db.delete(videos).where(inArray(videos.courseId, finished));
  finished = [];
});

test('pausing stops sending parts; resuming finishes the upload with every byte in place', async ({ page, makeUser }) => {
  const s3 = sharedS3();
  const file = paddedVideo('padded-100m', SMALL);
  const course = await openLessonEditor(page, await makeUser({ role: 'author' }));
  finished.push(course.id);
  await throttleUpload(page, RATE);
  const parts = watchParts(page, s3.endpoint);
  const uploader = page.getByTestId('video-uploader');

  await addFiles(page, file);
  await expect.poll(() => parts.sent.length).toBeGreaterThan(0);
  await page.waitForTimeout(1_500);
  await uploader.getByRole('button', { name: 'Pause upload' }).click();
  await expect(uploader.getByRole('button', { name: 'Resume upload' })).toBeVisible();
  // Pausing aborts the parts in flight; after that nothing moves.
  await expect.poll(() => parts.failed.length).toBeGreaterThan(0);
  const sent = parts.sent.length;
  const done = parts.done.length;
  expect(done).toBeLessThan(partsOf(SMALL));
  await page.waitForTimeout(4_000);
  expect(parts.sent.length).toBe(sent);
  expect(parts.done.length).toBe(done);
  expect((await courseVideos(course.id))[0]?.status).toBe('uploading');

  await uploader.getByRole('button', { name: 'Resume upload' }).click();
  await expectUploaded(page, course.id, s3, file, SMALL);
  expect(unique(parts.done)).toEqual(range(partsOf(SMALL)));
});

test('after a reload, re-adding the same file sends only the parts S3 does not have yet', async ({ page, makeUser }) => {
  const s3 = sharedS3();
  const file = paddedVideo('padded-200m', LARGE);
  const course = await openLessonEditor(page, await makeUser({ role: 'author' }));
  finished.push(course.id);
  await throttleUpload(page, RATE);
  const parts = watchParts(page, s3.endpoint);

  await addFiles(page, file);
  await expect.poll(() => unique(parts.done).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  const stored = unique(parts.done);
  const { uploadId } = (await courseVideos(course.id))[0]!;
  await page.reload();
  const mark = parts.sent.length;

  // Golden Retriever shows the file from before the reload; the author selects it again.
  await addFiles(page, file);
  await page.screenshot({ path: 'test-results/reload-after-add.png' });
  await expectUploaded(page, course.id, s3, file, LARGE);
  const resent = unique(parts.sent.slice(mark));
  expect(resent.filter((n) => stored.includes(n))).toEqual([]);
  expect(unique([...stored, ...resent])).toEqual(range(partsOf(LARGE)));
  expect(uploadId).toBeTruthy();
});

test('cancelling an upload deletes its video and aborts the multipart upload on S3', async ({ page, makeUser }) => {
  const s3 = sharedS3();
  const file = paddedVideo('padded-100m', SMALL);
  const course = await openLessonEditor(page, await makeUser({ role: 'author' }));
  await throttleUpload(page, RATE);
  const parts = watchParts(page, s3.endpoint);
  const uploader = page.getByTestId('video-uploader');

  await addFiles(page, file);
  await expect.poll(() => parts.sent.length).toBeGreaterThan(0);
  const [row] = await courseVideos(course.id);
  expect(row?.uploadId).toBeTruthy();
  expect(await openUploads(s3, row!.sourceKey)).toEqual([row!.uploadId]);

  await uploader.getByRole('button', { name: /^Remove file/ }).click();
  await expect.poll(() => courseVideos(course.id), { timeout: 15_000 }).toEqual([]);
  expect(await openUploads(s3, row!.sourceKey)).toEqual([]);
  const sent = parts.sent.length;
  await page.waitForTimeout(2_000);
  expect(parts.sent.length).toBe(sent);
  await expect(uploader.locator('.uppy-Dashboard-Item')).toHaveCount(0);
});

test('when the connection drops for a few seconds, the upload carries on by itself', async ({ page, makeUser, context }) => {
  const s3 = sharedS3();
  const file = paddedVideo('padded-100m', SMALL);
  const course = await openLessonEditor(page, await makeUser({ role: 'author' }));
  finished.push(course.id);
  await throttleUpload(page, RATE);
  const parts = watchParts(page, s3.endpoint);

  await addFiles(page, file);
  await expect.poll(() => parts.sent.length).toBeGreaterThan(0);
  await page.waitForTimeout(1_000);
  await context.setOffline(true);
  // The parts in flight fail: the drop really hit the upload.
  await expect.poll(() => parts.failed.length).toBeGreaterThan(0);
  await page.waitForTimeout(5_000);
  await context.setOffline(false);

  // No click: the uploader resumes when the browser is back online.
  await expectUploaded(page, course.id, s3, file, SMALL);
});

test.describe('with a server of its own that the spec stops', () => {
  let s3: Awaited<ReturnType<typeof ownS3>>;
  let app: Awaited<ReturnType<typeof ownAppServer>>;
  const courses: string[] = [];

  test.beforeAll(async () => {
    s3 = await ownS3();
    app = await ownAppServer(s3.env);
  });
  test.afterAll(async () => {
    await app?.stop('SIGKILL');
    await s3?.dispose();
    // These sources are in this spec's S3, which the shared worker cannot read.
    if (courses.length) await db.delete(videos).where(inArray(videos.courseId, courses));
  });

  test('the object store goes down mid-upload: a clear error, then the upload resumes by itself when it is back', async ({ browser, makeUser }) => {
    const context = await browser.newContext({ baseURL: app.baseURL });
    const page = await context.newPage();
    try {
      const file = paddedVideo('padded-200m', LARGE);
      const course = await openLessonEditor(page, await makeUser({ role: 'author' }));
      courses.push(course.id);
      await throttleUpload(page, RATE);
      const parts = watchParts(page, s3.target.endpoint);

      await addFiles(page, file);
      await expect.poll(() => unique(parts.done).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
      await s3.stop();
      const stored = unique(parts.done);
      await expect(page.getByTestId('upload-errors')).toContainText('File storage is not reachable right now', { timeout: 45_000 });
      await page.screenshot({ path: 'test-results/s3-down.png' });
      const mark = parts.sent.length;
      await s3.start();

      await expectUploaded(page, course.id, s3.target, file, LARGE);
      await expect(page.getByTestId('upload-errors')).toBeEmpty();
      expect(unique(parts.sent.slice(mark)).filter((n) => stored.includes(n))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the app server restarts mid-upload: the upload completes by itself', async ({ browser, makeUser }) => {
    const context = await browser.newContext({ baseURL: app.baseURL });
    const page = await context.newPage();
    try {
      const file = paddedVideo('padded-200m', LARGE);
      const course = await openLessonEditor(page, await makeUser({ role: 'author' }));
      courses.push(course.id);
      await throttleUpload(page, RATE);
      const parts = watchParts(page, s3.target.endpoint);

      await addFiles(page, file);
      await expect.poll(() => unique(parts.done).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
      // Parts still to come need the server to sign them, and completing needs it too.
      expect(unique(parts.done).length).toBeLessThan(partsOf(LARGE));
      await app.stop('SIGTERM');
      await app.start();

      await expectUploaded(page, course.id, s3.target, file, LARGE);
    } finally {
      await context.close();
    }
  });
});
