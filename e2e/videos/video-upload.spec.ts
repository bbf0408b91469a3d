import { eq } from 'drizzle-orm';
import { lessons, videos } from '../../db/schema';
import { db, expect, expectAccessible, signIn, test } from '../fixtures';
import { addFiles, courseWithVideoLesson, testVideo } from './helpers';

test.describe.configure({ timeout: 180_000 });

test('an author uploads a lesson video, watches it process, and plays and seeks the HLS result', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const { course, lesson } = await courseWithVideoLesson(author.id);
  const file = await testVideo('testsrc-20s', { seconds: 20, width: 640, height: 360 });
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message, e.stack));
  page.on('console', (m) => m.type() === 'error' && console.log('CONSOLE', m.text()));
  await signIn(page, author);

  await page.goto(`/courses/${course.id}/lessons/${lesson.id}`);
  await expect(page.getByText('This lesson has no video yet.')).toBeVisible();
  await expectAccessible(page);
  await addFiles(page, file);

  // Upload → queued → processing with a live stage and percentage → ready.
  const card = page.getByTestId('video-card');
  await expect(card.getByTestId('video-status')).toHaveAttribute('data-status', /queued|processing|ready/, { timeout: 60_000 });
  await expect(card.getByTestId('video-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(card).toContainText('testsrc-20s.mp4');
  await expect(card).toContainText('640×360');
  await expect(card).toContainText('Qualities: 360p');

  const row = (await db.query.lessons.findFirst({ where: eq(lessons.id, lesson.id) }))!;
  expect(row.videoId).toBeTruthy();
  expect(row.durationSeconds).toBe(20);

  await card.getByRole('button', { name: 'Preview' }).click();
  const player = page.getByTestId('preview-player');
  await expect(player).toBeVisible();
  await player.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 }).toBeGreaterThan(0.5);
  await player.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 15;
  });
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => (v.seeking ? 0 : v.currentTime)), { timeout: 30_000 }).toBeGreaterThan(15);
  expect(await player.evaluate((v: HTMLVideoElement) => v.duration)).toBeCloseTo(20, 0);
  await expectAccessible(page);
});

test('a file that is not a video is refused by type before upload, and by content after a renamed upload', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const { course, lesson } = await courseWithVideoLesson(author.id);
  await signIn(page, author);
  await page.goto(`/courses/${course.id}/lessons/${lesson.id}`);

  // A text file named .mp4 passes the browser's extension check, then the server sniffs its bytes.
  await addFiles(page, { name: 'notes.mp4', mimeType: 'video/mp4', buffer: Buffer.from('just some text, not a video at all '.repeat(100)) });
  await expect(page.getByTestId('upload-errors')).toContainText('notes.mp4: “notes.mp4” is not a video file (its contents are not MP4, MOV, WebM or MKV), so it was deleted.', { timeout: 30_000 });
  expect(await db.select().from(videos).where(eq(videos.courseId, course.id))).toEqual([]);
});
