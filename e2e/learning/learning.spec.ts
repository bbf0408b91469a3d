import { and, eq } from 'drizzle-orm';
import type { Page } from '@playwright/test';
import { enroll } from '../../db/factories';
import { lessonProgress, videoResume } from '../../db/schema';
import { db, expect, expectAccessible, signIn, test } from '../fixtures';
import { publishedCourse } from './helpers';

test.describe.configure({ timeout: 180_000 });

const video = (page: Page) => page.getByTestId('video-player').locator('video');

/** Presses Play as a viewer does (the player loads the stream on that intent), muted so autoplay rules do not interfere; resolves once the picture moves. */
async function pressPlay(page: Page, rate = 1) {
  await video(page).evaluate((v: HTMLVideoElement) => {
    v.muted = true;
  });
  await page.getByTestId('video-player').getByRole('button', { name: 'Play', exact: true }).first().click();
  await expect.poll(() => video(page).evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(0);
  if (rate !== 1)
    await video(page).evaluate((v: HTMLVideoElement, r: number) => {
      v.playbackRate = r;
    }, rate);
}
const progressOf = (userId: string, lessonId: string) => db.query.lessonProgress.findFirst({ where: and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)) });

test('a student watches a video to the rule, the next lesson unlocks, then finishes the course', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const student = await makeUser({ role: 'student' });
  const { course, lessonIds } = await publishedCourse(author.id, [{ title: 'Watch me', type: 'video', percent: 80 }, { title: 'Read me', type: 'text' }], { sequential: true, seconds: 12 });
  await enroll(db, course.id, student.id);
  await signIn(page, student);

  // My courses → Continue opens the first lesson; the second is locked until the first is done.
  await page.goto('/dashboard');
  await page.getByRole('link', { name: `Continue: ${course.title}` }).click();
  await expect(page).toHaveURL(new RegExp(`/learn/${course.slug}/${lessonIds[0]}$`));
  await expect(page.getByTestId(`outline-lesson-${lessonIds[1]}`)).toHaveAttribute('data-state', 'locked');
  await expect(page.getByTestId(`outline-lesson-${lessonIds[1]}`)).toContainText('Complete “Watch me” first.');
  await expect(page.getByTestId('completion')).toContainText('Watch 80% of the video to complete this lesson: 0% so far.');
  await expectAccessible(page);

  // Nothing of the stream (nor hls.js) is loaded before the viewer presses Play.
  expect(await video(page).evaluate((v: HTMLVideoElement) => v.readyState)).toBe(0);
  // Watch at 2× until the server says it is complete.
  await pressPlay(page, 2);
  await expect(page.getByTestId(`outline-lesson-${lessonIds[1]}`)).toHaveAttribute('data-state', 'not_started', { timeout: 60_000 });
  await expect(page.getByTestId('completion')).toContainText('You completed this lesson');
  const p = (await progressOf(student.id, lessonIds[0]!))!;
  expect(p.status).toBe('completed');
  expect(p.coverage).toBeGreaterThanOrEqual(0.8);

  // The text lesson is completed by hand; the course is then complete.
  await page.getByRole('link', { name: 'Next lesson →' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Read me');
  await page.getByRole('button', { name: 'Mark as complete' }).click();
  await expect(page.getByText('You completed this lesson')).toBeVisible();
  await page.getByRole('link', { name: 'Finish the course →' }).click();
  await expect(page.getByRole('heading', { name: 'You completed the course' })).toBeVisible();
  await expectAccessible(page);
});

test('seeking ahead does not count as watched, and a reload resumes at the saved position', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const student = await makeUser({ role: 'student' });
  const { course, lessonIds } = await publishedCourse(author.id, [{ title: 'Long one', type: 'video', percent: 90 }], { seconds: 30 });
  await enroll(db, course.id, student.id);
  await signIn(page, student);
  await page.goto(`/learn/${course.slug}/${lessonIds[0]}`);

  await pressPlay(page);
  await video(page).evaluate((v: HTMLVideoElement) => {
    v.currentTime = 12;
  });
  await page.waitForTimeout(2500);
  await video(page).evaluate((v: HTMLVideoElement) => v.pause());
  // The pause beat carries the position; coverage is only what was really played.
  await expect.poll(async () => (await db.query.videoResume.findFirst({ where: and(eq(videoResume.userId, student.id)) }))?.position ?? 0, { timeout: 15_000 }).toBeGreaterThan(12);
  const p = (await progressOf(student.id, lessonIds[0]!))!;
  expect(p.coverage).toBeLessThan(0.3);
  expect(p.status).toBe('in_progress');

  // After a reload the player shows the saved position before anything loads, and plays from there.
  await page.reload();
  await expect(page.getByTestId('video-player')).toContainText(/0:1[2-9] \/ 0:30/, { timeout: 20_000 });
  await pressPlay(page);
  await expect.poll(() => video(page).evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(12);
});

test('player keyboard shortcuts work and are listed in a help dialog', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const student = await makeUser({ role: 'student' });
  const { course, lessonIds } = await publishedCourse(author.id, [{ title: 'Keys', type: 'video' }], { seconds: 30 });
  await enroll(db, course.id, student.id);
  await signIn(page, student);
  await page.goto(`/learn/${course.slug}/${lessonIds[0]}`);
  const player = page.getByTestId('video-player');
  const play = player.getByRole('button', { name: 'Play', exact: true }).last();
  await expect(play).toBeVisible({ timeout: 20_000 });
  // The player knows the video's length from its playback answer, before anything of the stream loads.
  await expect(player).toContainText('/ 0:30');
  await play.focus();

  await page.keyboard.press('m');
  await expect(player.getByRole('button', { name: 'Unmute' })).toBeVisible();
  await page.keyboard.press('k');
  await expect.poll(() => video(page).evaluate((v: HTMLVideoElement) => !v.paused)).toBe(true);
  await page.keyboard.press('k');
  await expect.poll(() => video(page).evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
  const before = await video(page).evaluate((v: HTMLVideoElement) => v.currentTime);
  await page.keyboard.press('l');
  await expect.poll(() => video(page).evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(before + 9);
  await page.keyboard.press('Shift+>');
  await expect(player.getByRole('button', { name: /Playback speed: 1\.25×/ })).toBeVisible();
  await page.keyboard.press('Shift+?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Play or pause');
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('a locked lesson shows why and its content and video are refused by the server', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const student = await makeUser({ role: 'student' });
  const { course, lessonIds, videoId } = await publishedCourse(author.id, [{ title: 'Later', type: 'video', dripDays: 7 }, { title: 'Preview', type: 'text', freePreview: true }]);
  await enroll(db, course.id, student.id);
  await signIn(page, student);
  await page.goto(`/learn/${course.slug}/${lessonIds[0]}`);
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson-state', 'locked');
  await expect(page.getByText(/^Opens on /)).toHaveCount(2);
  await expect(page.getByTestId('video-player')).toHaveCount(0);
  const res = await page.request.get(`/api/videos/${videoId}/playback?lessonId=${lessonIds[0]}`);
  expect(res.status()).toBe(404);
  await expectAccessible(page);
});
