import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { LOCALE_COOKIE } from '../../lib/preferences/schemas';
import { expect, expectAccessible, signIn, test, type TestUser } from '../fixtures';
import { seedAnalytics, seedDay, waitForRollup } from './helpers';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

// One seeded course, folded once by the real roll-up, read by an admin, its author, another author
// and a student. The figures below follow from the seed (see helpers.ts).
let author: TestUser;
let seed: Awaited<ReturnType<typeof seedAnalytics>>;
const day = seedDay();
const range = `from=${day}&to=${day}`;

const stat = (page: Page, id: string) => page.getByTestId(`stat-${id}`);
const chart = (page: Page, id: string) => page.getByTestId(`chart-${id}`);
/** A YYYY-MM-DD day's month as the dashboards name it in English ("March 2026"). */
const month = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long' });
/** A chart is drawn once it comes into view, as a reader scrolls to it. */
async function canvasOf(panel: Locator) {
  await panel.scrollIntoViewIfNeeded();
  return panel.getByTestId('chart-canvas');
}

test.beforeAll(async () => {
  const { createUser } = await import('../../db/factories');
  const { db } = await import('../fixtures');
  author = await createUser(db, { role: 'author', name: 'Ada Author' });
  seed = await seedAnalytics(author.id, day);
  await waitForRollup(seed.course.id, seed.videoId, day);
});

test('the author reads the course dashboard: figures, funnel, lessons, quizzes, homework and students', async ({ page }, testInfo) => {
  await signIn(page, author);
  await page.goto(`/courses/${seed.course.id}/outline`);
  await page.getByRole('navigation', { name: 'Course', exact: true }).getByRole('link', { name: 'Analytics' }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${seed.course.id}/analytics$`));
  await page.goto(`/courses/${seed.course.id}/analytics?${range}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Course analytics' })).toBeVisible();
  await expect(page.getByTestId('range-summary')).toContainText('UTC');

  await expect(stat(page, 'enrollments')).toHaveText('3');
  await expect(stat(page, 'lesson-completions')).toHaveText('4');
  await expect(stat(page, 'course-completions')).toHaveText('1');
  await expect(stat(page, 'quiz-attempts')).toHaveText('3');
  await expect(stat(page, 'quiz-pass-rate')).toHaveText('33.3%');
  await expect(stat(page, 'active')).toHaveText('3');
  // Review times: 2 h and 10 min → median 65 min, p90 = 10 + 0.9 × 110 = 109 min ≈ 1.82 h.
  await expect(stat(page, 'review-median')).toHaveText('65 min');
  await expect(stat(page, 'review-p90')).toHaveText('1.8 hr');
  await expect(stat(page, 'homework-waiting')).toHaveText('1');
  // Each figure carries its definition.
  await page.locator('summary', { hasText: 'New enrollments' }).click();
  await expect(page.getByTestId('stat-enrollments-definition')).toBeVisible();

  // The funnel as a table: 3 enrolled, 2 started, Ann completed every lesson and the course.
  const funnel = chart(page, 'funnel');
  await expect(await canvasOf(funnel)).toBeVisible();
  await funnel.getByRole('button', { name: 'Show as table' }).click();
  const funnelRows = funnel.getByRole('row');
  await expect(funnelRows.nth(1)).toHaveText(/Enrolled\s*3/);
  await expect(funnelRows.nth(2)).toHaveText(/Started\s*2/);
  await expect(funnelRows.nth(3)).toHaveText(/Welcome video\s*1/);
  await expect(funnelRows.last()).toHaveText(/Completed the course\s*1/);

  // Lessons: the video was started by 2 of 3 students, completed by 1 (33.3 %), mean coverage (1 + 2/3) / 2.
  const video = chart(page, 'lessons').getByRole('row', { name: /Welcome video/ });
  await expect(video).toHaveText(/Welcome video\s*Video\s*2\s*1\s*33\.3%\s*50%\s*83\.3%/);
  await expect(chart(page, 'quizzes').getByRole('button', { name: 'Show as table' })).toBeVisible();
  await chart(page, 'quizzes').getByRole('button', { name: 'Show as table' }).click();
  await expect(chart(page, 'quizzes').getByRole('row', { name: /Check-up quiz/ })).toHaveText(/50%\s*3\s*2\s*1\s*50/);
  await expect(chart(page, 'hardest-questions').getByRole('row').nth(1)).toContainText('Which second do most viewers leave at?');
  // Cohorts: all three enrolled in the seed day's month; 2 started, Ann finished, and 4 of the 3 × 4 lessons are done.
  const cohorts = chart(page, 'cohorts');
  await cohorts.getByRole('button', { name: 'Show as table' }).click();
  await expect(cohorts.getByRole('row')).toHaveCount(2);
  await expect(cohorts.getByRole('row').nth(1)).toHaveText(new RegExp(`^${month(day)}\\s*66\\.7%\\s*33\\.3%\\s*33\\.3%\\s*3\\s*2\\s*1$`));

  // Students: progress, search, CSV.
  await expect(page.getByTestId(`student-${seed.students.ann.email}`).getByTestId('student-progress')).toContainText('100%');
  await page.getByRole('searchbox', { name: 'Search students' }).fill('bob');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('student-table').getByRole('row')).toHaveCount(2);
  await expect(page.getByTestId(`student-${seed.students.bob.email}`)).toContainText('66.7%');
  const csv = await page.request.get(`/api/analytics/courses/${seed.course.id}/students?sort=name&dir=asc`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines).toHaveLength(4);
  expect(lines[1]).toContain(seed.students.ann.email);

  // A chart's own CSV is its data.
  const download = page.waitForEvent('download');
  await chart(page, 'course-activity').getByRole('button', { name: /Download CSV/ }).click();
  expect((await download).suggestedFilename()).toBe('course-activity.csv');
  await page.screenshot({ path: testInfo.outputPath('course-dashboard.png'), fullPage: true });

  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(await canvasOf(chart(page, 'funnel'))).toBeVisible();
  await expectAccessible(page);
});

test('the author reads the video dashboard: retention, plays, exits, and opens the preview at a second', async ({ page }, testInfo) => {
  await signIn(page, author);
  await page.goto(`/courses/${seed.course.id}/analytics?${range}`);
  await page.getByRole('link', { name: 'Welcome video' }).click();
  await expect(page).toHaveURL(new RegExp(`/analytics/videos/${seed.videoId}\\?from=${day}&to=${day}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Video analytics: Welcome video');

  await expect(stat(page, 'views')).toHaveText('3');
  await expect(stat(page, 'view-starts')).toHaveText('4');
  await expect(stat(page, 'unique-viewers')).toHaveText('3');
  await expect(stat(page, 'qualified-views')).toHaveText('3');
  await expect(stat(page, 'intro-retention')).toHaveText('66.7%');
  await expect(stat(page, 'completion')).toHaveText('33.3%');
  await expect(stat(page, 'avg-watched')).toHaveText('66.7%');
  await expect(stat(page, 'watch-time')).toHaveText('2.2 min');
  await expect(stat(page, 'startup-p50')).toHaveText('600 ms');
  await expect(stat(page, 'exits-before-start')).toHaveText('25%');
  await page.locator('summary', { hasText: 'Intro retention' }).click();
  await expect(page.getByTestId('stat-intro-retention-definition')).toContainText('R(30)');

  // Retention as a table: every viewer at 0:10, two of three at 0:30, one at 0:50.
  const retention = chart(page, 'retention');
  await expect(await canvasOf(retention)).toBeVisible();
  await retention.getByRole('button', { name: 'Show as table' }).click();
  await expect(retention.getByRole('row', { name: /^0:10 / })).toContainText('100%');
  await expect(retention.getByRole('row', { name: /^0:30 / })).toContainText('66.7%');
  await expect(retention.getByRole('row', { name: /^0:50 / })).toContainText('33.3%');
  // Plays: Bob rewatched 0:20–0:30, so 3 plays for 2 viewers at 0:25.
  const plays = chart(page, 'plays');
  await plays.getByRole('button', { name: 'Show as table' }).click();
  await expect(plays.getByRole('row', { name: /^0:25 / })).toHaveText(/0:25\s*3\s*2/);

  // By cohort: the three viewers enrolled in the seed day's month, so one row with the video's figures.
  const cohorts = chart(page, 'cohorts');
  await cohorts.getByRole('button', { name: 'Show as table' }).click();
  await expect(cohorts.getByRole('row').nth(1)).toHaveText(new RegExp(`^${month(day)}\\s*66\\.7%\\s*33\\.3%\\s*3\\s*3\\s*2\\.2 min$`));

  // Exit points (Cid at 0:20, Bob at 0:40) open the staff preview there.
  const exits = page.getByTestId('exit-points');
  await expect(exits.getByRole('button', { name: 'Play at 0:20' })).toBeVisible();
  await expect(exits.getByRole('button', { name: 'Play at 0:40' })).toBeVisible();
  await exits.getByRole('button', { name: 'Play at 0:40' }).click();
  await expect(page.getByRole('heading', { name: 'Preview at 0:40' })).toBeVisible();
  await expect(page.getByTestId('preview-player')).toBeAttached();
  await expect(page).toHaveURL(/[?&]t=40/);
  await retention.getByRole('button', { name: 'Show as chart' }).click();
  await plays.getByRole('button', { name: 'Show as chart' }).click();
  await expect((await canvasOf(plays)).locator('svg').first()).toBeVisible();
  // For people reviewing a run: the whole dashboard as a picture.
  await page.screenshot({ path: testInfo.outputPath('video-dashboard.png'), fullPage: true });

  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.getByRole('heading', { name: 'Preview at 0:40' })).toBeVisible();
  await expectAccessible(page);
});

test('the admin reads the platform overview and any course', async ({ page, makeUser }) => {
  const admin = await makeUser({ role: 'admin' });
  await signIn(page, admin);
  // The chrome's links: no prefetching at load, a prefetch when the pointer is over one, and a
  // client-side navigation on click (the page's window survives).
  const prefetches: string[] = [];
  page.on('request', (r) => {
    if (r.headers()['next-router-prefetch']) prefetches.push(new URL(r.url()).pathname);
  });
  await page.reload();
  await page.waitForLoadState('networkidle');
  for (const chrome of ['/admin/analytics', '/admin/users', '/reports', '/notifications', '/account']) expect(prefetches).not.toContain(chrome);
  await page.evaluate(() => Object.assign(window, { sameWindow: true }));
  const analyticsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' });
  await analyticsLink.hover();
  await expect.poll(() => prefetches).toContain('/admin/analytics');
  await analyticsLink.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Platform analytics' })).toBeVisible();
  expect(await page.evaluate(() => (window as { sameWindow?: boolean }).sameWindow)).toBe(true);
  await page.goto(`/admin/analytics?${range}`);
  await expect(stat(page, 'active')).toHaveText('3');
  await expect(stat(page, 'enrollments')).toHaveText('3');
  await expect(stat(page, 'lesson-completions')).toHaveText('4');
  await expect(stat(page, 'course-completions')).toHaveText('1');
  await expect(stat(page, 'uploads')).toHaveText('1');
  await expect(page.getByTestId(`top-course-${seed.course.id}`)).toContainText('3');
  await expect(page.getByTestId(`top-lesson-${seed.lessonIds[0]}`)).toContainText(/Welcome video.*3/);
  // The top-10 tables download as CSV, with the figures they show.
  const topCsv = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Download CSV\s*: Top lessons by views$/ }).click();
  const topFile = await topCsv;
  expect(topFile.suggestedFilename()).toBe('top-lessons.csv');
  const topLines = fs.readFileSync((await topFile.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(topLines[0]).toBe('Lesson,Course,Views,Watch hours');
  expect(topLines).toContain(`Welcome video,${seed.course.title},3,${(130 / 3600).toFixed(6)}`);
  await expect(page.getByRole('button', { name: /^Download CSV\s*: Top courses by watch time$/ })).toBeVisible();
  await expectAccessible(page);

  // An invalid custom range shows the error next to the input and falls back to the default preset.
  await page.getByLabel('From', { exact: true }).fill(day);
  await page.getByLabel('To', { exact: true }).fill('2000-01-01');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('The end date is before the start date.')).toBeVisible();
  await expect(page.getByLabel('To', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('link', { name: '28 days' })).toHaveAttribute('aria-current', 'true');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/admin/analytics?${range}`);
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(await canvasOf(chart(page, 'active-students'))).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/courses/${seed.course.id}/analytics?${range}`);
  await expect(stat(page, 'enrollments')).toHaveText('3');
  await page.goto(`/courses/${seed.course.id}/analytics/videos/${seed.videoId}?${range}`);
  await expect(stat(page, 'views')).toHaveText('3');

  // Russian labels and number formats.
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: 'ru', url: page.url() }]);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Аналитика видео: Welcome video');
  await expect(stat(page, 'intro-retention')).toHaveText(/^66,7\s?%$/);
  await expect(page.getByRole('heading', { name: 'Удержание аудитории R(t)' })).toBeVisible();
});

test('another author, a moderator and a student get a 404; the CSV refuses them too', async ({ page, makeUser }) => {
  const urls = [`/courses/${seed.course.id}/analytics`, `/courses/${seed.course.id}/analytics/videos/${seed.videoId}`];
  const other = await makeUser({ role: 'author' });
  await signIn(page, other);
  for (const url of urls) expect((await page.goto(url))?.status(), url).toBe(404);
  const refused = await page.request.get(`/api/analytics/courses/${seed.course.id}/students`);
  expect(refused.status()).toBe(404);
  expect((await refused.json()).error.code).toBe('NOT_FOUND');
  // The video of this course under another course's URL is not found either.
  const { createCourse } = await import('../../db/factories');
  const { db } = await import('../fixtures');
  const own = await createCourse(db, { ownerId: other.id });
  expect((await page.goto(`/courses/${own.id}/analytics/videos/${seed.videoId}`))?.status()).toBe(404);
  expect((await page.goto(`/courses/${own.id}/analytics`))?.status()).toBe(200);
  await expect(page.getByText('No data for this range.').first()).toBeVisible();
  await expectAccessible(page);
  await page.context().clearCookies();

  for (const role of ['moderator', 'student'] as const) {
    await signIn(page, await makeUser({ role }));
    for (const url of urls) expect((await page.goto(url))?.status(), `${role} ${url}`).toBe(404);
    expect((await page.goto('/admin/analytics'))?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' })).toHaveCount(0);
    expect((await page.request.get(`/api/analytics/courses/${seed.course.id}/students`)).status()).toBe(403);
    await page.context().clearCookies();
  }
  expect((await page.request.get(`/api/analytics/courses/${seed.course.id}/students`)).status()).toBe(401);
});
