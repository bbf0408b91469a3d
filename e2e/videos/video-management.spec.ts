import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { createCourse, enroll } from '../../db/factories';
import { auditEvents, videos } from '../../db/schema';
import { formatBytes } from '../../lib/format-bytes';
import { db, expect, expectAccessible, signIn, test } from '../fixtures';
import { addFiles, courseWithVideoLesson, testVideo } from './helpers';
import { courseVideos, processedVideo, uploadViaApi } from './upload-harness';

// What authors and admins do with videos once they are uploaded: captions, the course media library,
// the admin storage page, and the upload and playback endpoints refusing whoever may not use them.

test.describe.configure({ timeout: 180_000 });

function captionFile(name: string, text: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-captions-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const GOOD_SRT = '1\n00:00:00,500 --> 00:00:02,000\nПривет!\n\n2\n00:00:02,500 --> 00:00:04,000\nЭто тестовое видео.\n\n3\n00:00:04,500 --> 00:00:05,800\nДо свидания.\n';
// Line 6 has a minute of 61.
const BROKEN_SRT = '1\n00:00:00,500 --> 00:00:02,000\nПривет!\n\n2\n00:00:02,500 --> 00:61:04,000\nЭто тестовое видео.\n';

test('an author adds Russian captions from an .srt file to a processed video; a broken file is refused with its line', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const { course, lesson } = await courseWithVideoLesson(author.id);
  await signIn(page, author);
  await page.goto(`/courses/${course.id}/lessons/${lesson.id}`);
  await addFiles(page, testVideo('testsrc-6s', { seconds: 6 }));
  const card = page.getByTestId('video-card');
  await expect(card.getByTestId('video-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  // Once playable the video becomes the lesson's current video and its card moves (and remounts);
  // wait for that before typing into the card.
  await expect(page.getByRole('heading', { name: 'Current video' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'New uploads' })).toHaveCount(0);

  await card.getByText('Captions (0)').click();
  const fileField = card.getByLabel('Caption file (.vtt or .srt)');
  await card.getByLabel('Language code').fill('ru');
  await card.getByLabel('Label shown to students').fill('Русский');
  await fileField.setInputFiles(captionFile('broken.srt', BROKEN_SRT));
  await card.getByRole('button', { name: 'Add captions' }).click();
  await expect(fileField).toHaveAttribute('aria-invalid', 'true');
  await expect(fileField).toHaveAccessibleDescription(/These captions could not be read: Line 6: "00:61:04,000" is not a valid timestamp/);
  await expect(card.getByText('Captions (0)')).toBeVisible();

  await fileField.setInputFiles(captionFile('russian.srt', GOOD_SRT));
  await card.getByRole('button', { name: 'Add captions' }).click();
  await expect(page.getByText('Captions added (3 cues).')).toBeVisible();
  await expect(card.getByText('Captions (1)')).toBeVisible();
  await expect(card.getByText('Русский (ru)')).toBeVisible();
  await expect(fileField).not.toHaveAttribute('aria-invalid', 'true');

  await card.getByRole('button', { name: 'Preview' }).click();
  const player = page.getByTestId('preview-player');
  await expect(player.locator('track[srclang="ru"]')).toHaveAttribute('label', 'Русский');
  // The default track is showing, so the browser fetches it: the cues are the file's, as WebVTT.
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => Array.from(v.textTracks[0]?.cues ?? []).map((c) => (c as VTTCue).text)), { timeout: 15_000 }).toEqual([
    'Привет!',
    'Это тестовое видео.',
    'До свидания.',
  ]);
});

test('the media library takes several uploads at once, processes each, and deletes one on confirmation', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const course = await createCourse(db, { ownerId: author.id });
  const first = testVideo('library-a-5s', { seconds: 5 });
  const second = testVideo('library-b-4s', { seconds: 4, width: 480, height: 270 });
  await signIn(page, author);
  await page.goto(`/courses/${course.id}/media`);
  await expect(page.getByText('No videos yet.')).toBeVisible();

  await addFiles(page, [first, second]);
  const cards = page.getByTestId('video-card');
  await expect(cards).toHaveCount(2, { timeout: 60_000 });
  for (const name of ['library-a-5s.mp4', 'library-b-4s.mp4']) {
    await expect(cards.filter({ hasText: name }).getByTestId('video-status')).toHaveAttribute('data-status', 'ready', { timeout: 150_000 });
  }
  await expect(cards.filter({ hasText: 'library-b-4s.mp4' })).toContainText('480×270');

  const doomed = cards.filter({ hasText: 'library-b-4s.mp4' });
  await doomed.getByRole('button', { name: 'Delete video' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete video' });
  await expect(dialog).toContainText('Delete “library-b-4s.mp4”?');
  await dialog.getByRole('button', { name: 'Delete video' }).click();
  await expect(page.getByText('Video deleted.')).toBeVisible();
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText('library-a-5s.mp4');
  expect((await courseVideos(course.id)).map((v) => v.filename)).toEqual(['library-a-5s.mp4']);
  await expectAccessible(page);
});

test('an admin sees a course’s storage and deletes its media only after typing DELETE; authors and moderators get “Page not found”', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const { course, lesson } = await courseWithVideoLesson(author.id, 'Storage lesson');
  await signIn(page, author);
  const { videoId } = await uploadViaApi(page.request, { courseId: course.id, lessonId: lesson.id, file: testVideo('testsrc-6s', { seconds: 6 }) });
  const video = await processedVideo(videoId);
  // The not-found page (streamed after admin/loading.tsx, so with status 200), nothing of the report.
  const expectNotFound = async () => {
    await page.goto('/admin/storage');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByText('Usage per course')).toHaveCount(0);
  };
  await expectNotFound();
  const moderator = await makeUser({ role: 'moderator' });
  await page.context().clearCookies();
  await signIn(page, moderator);
  await expectNotFound();

  const admin = await makeUser({ role: 'admin' });
  await page.context().clearCookies();
  await signIn(page, admin);
  await page.goto('/admin/storage');
  const row = page.getByTestId(`storage-course-${course.id}`);
  await expect(row).toContainText(course.title);
  await expect(row.getByRole('cell').nth(1)).toHaveText('1');
  await expect(row.getByRole('cell').nth(2)).toHaveText(formatBytes(video.size + video.assetsBytes));
  await expectAccessible(page);

  await row.getByRole('button', { name: `Delete course media: ${course.title}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete all media of “${course.title}”?` });
  const confirm = dialog.getByRole('button', { name: 'Delete course media' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type DELETE to confirm').fill('delete');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type DELETE to confirm').fill('DELETE');
  await expect(confirm).toBeEnabled();
  await expectAccessible(page);
  await confirm.click();
  await expect(page.getByText(/^Deleted 1 videos \(\d+ objects\)\.$/)).toBeVisible();

  await page.reload();
  await expect(page.getByTestId(`storage-course-${course.id}`)).toHaveCount(0);
  expect(await courseVideos(course.id)).toEqual([]);
  const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'storage.course_media_deleted'), eq(auditEvents.targetId, course.id)));
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actorId: admin.id, targetType: 'course', data: { videos: 1 } });
});

test('students cannot start uploads, other authors cannot sign parts, and a tampered playlist token is refused', async ({ page, playwright, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const { course, lesson } = await courseWithVideoLesson(author.id);
  const baseURL = test.info().project.use.baseURL;

  const forbidden = { error: { code: 'FORBIDDEN' } };
  const create = { courseId: course.id, lessonId: lesson.id, filename: 'lecture.mp4', type: 'video/mp4', size: 50 * 1024 * 1024 };

  const enrolled = await makeUser({ role: 'student' });
  await enroll(db, course.id, enrolled.id);
  const stranger = await makeUser({ role: 'student' });
  for (const student of [enrolled, stranger]) {
    await page.context().clearCookies();
    await signIn(page, student);
    const res = await page.request.post('/api/uploads', { data: create });
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject(forbidden);
  }
  expect(await courseVideos(course.id)).toEqual([]);

  // The owner starts an upload; another author, who does not edit this course, tries to use it.
  await page.context().clearCookies();
  await signIn(page, author);
  const started = await page.request.post('/api/uploads', { data: create });
  expect(started.status()).toBe(201);
  const { videoId, key, uploadId } = await started.json();
  const other = await makeUser({ role: 'author' });
  await page.context().clearCookies();
  await signIn(page, other);
  const ref = new URLSearchParams({ key, uploadId });
  const sign = await page.request.get(`/api/uploads/${videoId}/parts/1?${ref}`);
  expect(sign.status()).toBe(403);
  expect(await sign.json()).toMatchObject(forbidden);
  const list = await page.request.get(`/api/uploads/${videoId}/parts?${ref}`);
  expect(list.status()).toBe(403);
  const abort = await page.request.delete(`/api/uploads/${videoId}`, { data: { key, uploadId } });
  expect(abort.status()).toBe(403);
  expect((await db.query.videos.findFirst({ where: eq(videos.id, videoId) }))?.status).toBe('uploading');

  // A playlist link works with its token and stops working when the token is altered.
  await page.context().clearCookies();
  await signIn(page, author);
  const uploaded = await uploadViaApi(page.request, { courseId: course.id, file: testVideo('testsrc-6s', { seconds: 6 }) });
  await processedVideo(uploaded.videoId);
  const playback = await (await page.request.get(`/api/videos/${uploaded.videoId}/playback`)).json();
  const hlsUrl = new URL(playback.hlsUrl, 'http://x');
  const token = hlsUrl.searchParams.get('t')!;
  const anonymous = await playwright.request.newContext({ baseURL });
  try {
    // The token alone grants the playlist (hls.js sends no cookies of ours), so it is checked alone.
    const good = await anonymous.get(`${hlsUrl.pathname}?t=${token}`);
    expect(good.status()).toBe(200);
    expect(await good.text()).toContain('#EXTM3U');
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    for (const bad of [token.slice(0, -1) + last, `${Number(token.split('.')[0]) + 3600}.${token.split('.')[1]}`, 'garbage']) {
      const res = await anonymous.get(`${hlsUrl.pathname}?t=${encodeURIComponent(bad)}`);
      expect(res.status(), bad).toBe(403);
      expect(await res.text()).not.toContain('#EXTM3U');
    }
  } finally {
    await anonymous.dispose();
  }
});
