import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { inArray } from 'drizzle-orm';
import { videos } from '../../db/schema';
import { db, expect, signIn, test, type TestUser } from '../fixtures';
import { addFiles, courseWithVideoLesson } from './helpers';
import { courseVideos, MiB, objectSha256, objectSize, openUploads, ownAppServer, ownS3, paddedVideo, sha256File, sharedS3, throttleUpload, watchParts, type S3Target } from './upload-harness';

// Resumable uploads against the real thing: Chromium, the production build, the embedded S3 server.
// Uploads are throttled in the browser (DevTools network emulation, 20 MiB/s) so that there is time
// to pause, reload, cancel or stop a server while parts are in flight. Parts are 16 MiB and the
// uploader sends 6 at once: a 100 MiB file has 7 parts; a 200 MiB one has 13, so when the first
// batch of 6 is stored, 7 remain.

test.describe.configure({ timeout: 240_000 });

const RATE = 20 * MiB;
const SMALL = 100 * MiB;
const LARGE = 200 * MiB;
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

/**
 * The upload is done when the page shows the video queued (or further), the course has that one
 * video (nothing restarted as a second upload) and S3 holds exactly the file's bytes.
 */
async function expectUploaded(page: Page, courseId: string, s3: S3Target, file: string) {
  await expect(page.getByTestId('video-card').getByTestId('video-status')).toHaveAttribute('data-status', /queued|processing|ready|failed/, { timeout: 90_000 });
  const rows = await courseVideos(courseId);
  expect(rows.map((r) => r.status)).toEqual([expect.not.stringMatching('uploading')]);
  expect(await objectSize(s3, rows[0]!.sourceKey)).toBe(fs.statSync(file).size);
  expect(await objectSha256(s3, rows[0]!.sourceKey)).toBe(await sha256File(file));
}

// The padded files are not worth encoding: forgetting their rows lets the shared worker skip them
// and stay free for the specs that wait for `ready`.
let toForget: string[] = [];
test.afterEach(async () => {
  if (toForget.length) await db.delete(videos).where(inArray(videos.courseId, toForget));
  toForget = [];
});

test('pausing stops sending parts; resuming finishes the upload with every byte in place', async ({ page, makeUser }) => {
  const s3 = sharedS3();
  const file = paddedVideo('padded-100m', SMALL);
  const course = await openLessonEditor(page, await makeUser({ role: 'author' }));
  toForget.push(course.id);
  await throttleUpload(page, RATE);
  const parts = watchParts(page, s3.endpoint);
  const uploader = page.getByTestId('video-uploader');

  await addFiles(page, file);
  await expect.poll(() => parts.sent.length).toBeGreaterThan(0);
  await page.waitForTimeout(1_500);
  await uploader.getByRole('button', { name: 'Pause upload' }).click();
  await expect(uploader.getByRole('button', { name: 'Resume upload' })).toBeVisible();
  // Pausing aborts the parts in flight; after that nothing moves.
  await expect.poll(() => parts.lost.length).toBeGreaterThan(0);
  const sent = parts.sent.length;
  const done = parts.done.length;
  expect(done).toBeLessThan(partsOf(SMALL));
  await page.waitForTimeout(4_000);
  expect(parts.sent.length).toBe(sent);
  expect(parts.done.length).toBe(done);
  expect((await courseVideos(course.id))[0]?.status).toBe('uploading');

  await uploader.getByRole('button', { name: 'Resume upload' }).click();
  await expectUploaded(page, course.id, s3, file);
  expect(unique(parts.done)).toEqual(range(partsOf(SMALL)));
});

test('after a reload, selecting the same file again sends only the parts S3 does not have yet', async ({ page, makeUser }) => {
  const s3 = sharedS3();
  const file = paddedVideo('padded-200m', LARGE);
  const course = await openLessonEditor(page, await makeUser({ role: 'author' }));
  toForget.push(course.id);
  await throttleUpload(page, RATE);
  const parts = watchParts(page, s3.endpoint);

  await addFiles(page, file);
  await expect.poll(() => unique(parts.done).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  const stored = unique(parts.done);
  expect(stored.length).toBeLessThan(partsOf(LARGE));
  await page.reload();
  const mark = parts.sent.length;

  // Golden Retriever shows the file from before the reload as a ghost; the author selects it again.
  const uploader = page.getByTestId('video-uploader');
  await uploader.getByRole('button', { name: 'Re-select' }).click();
  await addFiles(page, file);
  await uploader.getByRole('button', { name: 'Upload 1 file' }).click();
  await expectUploaded(page, course.id, s3, file);
  const resent = unique(parts.sent.slice(mark));
  expect(resent).not.toEqual([]);
  expect(resent.filter((n) => stored.includes(n))).toEqual([]);
});

test('cancelling an upload deletes its video and aborts the multipart upload on S3', async ({ page, makeUser }) => {
  const s3 = sharedS3();
  const file = paddedVideo('padded-100m', SMALL);
  const course = await openLessonEditor(page, await makeUser({ role: 'author' }));
  toForget.push(course.id);
  await throttleUpload(page, RATE);
  const parts = watchParts(page, s3.endpoint);
  const uploader = page.getByTestId('video-uploader');

  await addFiles(page, file);
  await expect.poll(() => parts.sent.length).toBeGreaterThan(0);
  const [row] = await courseVideos(course.id);
  expect(row?.uploadId).toBeTruthy();
  expect(await openUploads(s3, row!.sourceKey)).toEqual([row!.uploadId]);

  await uploader.getByRole('button', { name: /^Remove file/ }).click();
  await expect(uploader.locator('.uppy-Dashboard-Item')).toHaveCount(0);
  await expect.poll(() => courseVideos(course.id), { timeout: 15_000 }).toEqual([]);
  expect(await openUploads(s3, row!.sourceKey)).toEqual([]);
  const sent = parts.sent.length;
  await page.waitForTimeout(2_000);
  expect(parts.sent.length).toBe(sent);
});

test('when the connection drops for a few seconds, the upload carries on by itself once it is back', async ({ page, context, makeUser }) => {
  const s3 = sharedS3();
  const file = paddedVideo('padded-200m', LARGE);
  const course = await openLessonEditor(page, await makeUser({ role: 'author' }));
  toForget.push(course.id);
  // Not throttled: with a DevTools throttle set from another session, context.setOffline only flips
  // navigator.onLine and lets the throttled uploads through. At full speed 13 parts still take a
  // few seconds, and going offline right at the first part leaves most of them to send.
  const parts = watchParts(page, s3.endpoint);
  const firstPart = page.waitForRequest((r) => r.method() === 'PUT' && r.url().startsWith(s3.endpoint));
  await addFiles(page, file);
  await firstPart;
  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  // Parts fail while the network is gone: the drop really hits the upload...
  await expect.poll(() => parts.lost.length).toBeGreaterThan(0);
  await page.waitForTimeout(1_000);
  const done = parts.done.length;
  await page.waitForTimeout(4_000);
  // ...nothing gets through, and the uploader waits for the connection instead of failing the upload.
  expect(parts.done.length).toBe(done);
  expect(done).toBeLessThan(partsOf(LARGE));
  await expect(page.getByTestId('upload-errors')).toBeEmpty();
  await context.setOffline(false);

  // No click: back online, the uploader sends what is missing and finishes.
  await expectUploaded(page, course.id, s3, file);
  expect(unique(parts.done)).toEqual(range(partsOf(LARGE)));
  await expect(page.getByTestId('upload-errors')).toBeEmpty();
});

test.describe('with an app server and an object store of its own, which the spec stops', () => {
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

  /** Starts a 200 MiB upload in a browser on the spec's own server and waits until some parts are stored. */
  async function startUpload(page: Page, makeUser: (o: { role: 'author' }) => Promise<TestUser>) {
    const file = paddedVideo('padded-200m', LARGE);
    const course = await openLessonEditor(page, await makeUser({ role: 'author' }));
    courses.push(course.id);
    await throttleUpload(page, RATE);
    const parts = watchParts(page, s3.target.endpoint);
    await addFiles(page, file);
    await expect.poll(() => unique(parts.done).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    // Parts still to come need the server to sign them, and completing needs it too.
    expect(unique(parts.done).length).toBeLessThan(partsOf(LARGE));
    return { file, course, parts };
  }

  test('the object store goes down mid-upload: the page says so, and once it is back the upload goes on from the parts already stored', async ({ browser, makeUser }) => {
    const context = await browser.newContext({ baseURL: app.baseURL });
    try {
      const page = await context.newPage();
      const { file, course, parts } = await startUpload(page, makeUser);
      await s3.stop();
      // The parts in flight fail; the uploader keeps retrying them and tells the author why nothing moves.
      await expect.poll(() => parts.lost.length).toBeGreaterThan(0);
      await expect(page.getByTestId('upload-errors')).toContainText('File storage is not reachable right now. Your upload will continue when it is back.', { timeout: 60_000 });
      const stored = unique(parts.done);
      const mark = parts.sent.length;
      await s3.start();

      await expectUploaded(page, course.id, s3.target, file);
      expect(unique(parts.sent.slice(mark)).filter((n) => stored.includes(n))).toEqual([]);
      await expect(page.getByTestId('upload-errors')).toBeEmpty();
    } finally {
      await context.close();
    }
  });

  test('the app server restarts mid-upload: the upload completes by itself', async ({ browser, makeUser }) => {
    const context = await browser.newContext({ baseURL: app.baseURL });
    try {
      const page = await context.newPage();
      const { file, course } = await startUpload(page, makeUser);
      await app.stop('SIGTERM');
      await app.start();
      await expectUploaded(page, course.id, s3.target, file);
      await expect(page.getByTestId('upload-errors')).toBeEmpty();
    } finally {
      await context.close();
    }
  });
});
