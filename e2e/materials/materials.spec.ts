import { eq } from 'drizzle-orm';
import type { Locator, Page } from '@playwright/test';
import { createCourse, enroll } from '../../db/factories';
import { courses, lessons, materials } from '../../db/schema';
import { makePdf } from '../../lib/materials/testing';
import { db, expect, expectAccessible, signIn, test } from '../fixtures';

// Course materials end to end: an author uploads a PDF to a lesson (extracted by the worker), an
// enrolled student searches it in Russian and English, opens a hit in the viewer at the right page
// with the block highlighted, snapshots a region into a question; the teacher jumps back to it.

test.describe.configure({ timeout: 240_000 });

/** Page 1: Russian text; page 2: English text at a known place (x 72 pt, baseline 500 pt of 792). */
const pdf = () =>
  makePdf([
    { texts: [{ text: 'Глава первая', x: 72, y: 720, size: 20 }, { text: 'Эта книга объясняет алгоритмы сортировки', x: 72, y: 680, size: 12 }] },
    { texts: [{ text: 'Chapter two', x: 72, y: 720, size: 20 }, { text: 'Students run experiments with sorting networks', x: 72, y: 500, size: 14 }] },
  ]);

/** The box of `inner` as 0–1 fractions of `outer`. */
async function relativeBox(inner: Locator, outer: Locator) {
  const a = (await inner.boundingBox())!;
  const b = (await outer.boundingBox())!;
  return { nx: (a.x - b.x) / b.width, ny: (a.y - b.y) / b.height, nw: a.width / b.width, nh: a.height / b.height };
}

async function waitRendered(page: Page, n: number) {
  await expect(page.getByTestId('pdf-page')).toHaveAttribute('data-page-number', String(n));
  await expect(page.getByTestId('pdf-page')).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
}

test('author uploads a PDF; a student searches it in two languages, sees the highlight, snapshots a region; the teacher jumps back to it', async ({ page, browser, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const student = await makeUser({ role: 'student' });
  const course = await createCourse(db, { ownerId: author.id, status: 'published', modules: 1, lessonsPerModule: 2 });
  const [lessonId] = course.modules[0]!.lessonIds as [string];
  await db.update(lessons).set({ title: 'Sorting' }).where(eq(lessons.id, lessonId));
  await db.update(courses).set({ isSequential: false }).where(eq(courses.id, course.id));
  await enroll(db, course.id, student.id);

  // The author: upload from the lesson editor; the worker extracts it.
  await signIn(page, author);
  await page.goto(`/courses/${course.id}/lessons/${lessonId}`);
  await page.getByTestId('material-upload-input').setInputFiles({ name: 'sorting-notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await pdf()) });
  const row = page.getByTestId('material-row');
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row).toHaveAttribute('data-extract-status', 'done', { timeout: 60_000 });
  await expect(row.getByTestId('material-status')).toContainText('Searchable: 2 pages');
  await expectAccessible(page);
  await row.getByRole('button', { name: 'Rename: sorting notes' }).click();
  await row.getByLabel('Title of sorting-notes.pdf').fill('Sorting notes');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('Sorting notes');
  const material = await db.query.materials.findFirst({ where: eq(materials.courseId, course.id) });
  expect(material).toMatchObject({ extractStatus: 'done', pageCount: 2, contentType: 'application/pdf' });

  // The student: the lesson lists the document; search in Russian (another word form), then English.
  const sctx = await browser.newContext();
  const s = await sctx.newPage();
  await signIn(s, student);
  await s.goto(`/learn/${course.slug}/${lessonId}`);
  await expect(s.getByTestId('lesson-material')).toContainText('Sorting notes');
  await s.getByRole('link', { name: /Search the course materials/ }).click();
  await s.getByLabel('Search lessons and documents').fill('книги');
  await s.getByRole('button', { name: 'Search' }).click();
  const hits = s.getByTestId('search-hit');
  await expect(hits).toHaveCount(1);
  await expect(hits.first().locator('mark')).toHaveText('книга');
  await expect(hits.first()).toContainText('page 1');
  await expectAccessible(s);
  await s.getByLabel('Search lessons and documents').fill('running');
  await s.getByRole('button', { name: 'Search' }).click();
  await expect(hits).toHaveCount(1);
  await expect(hits.first().locator('mark')).toHaveText('run');
  await expect(s.getByTestId('recent-searches')).toContainText('книги');
  await s.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(s);
  await s.emulateMedia({ colorScheme: 'light' });

  // Open the hit: the viewer shows page 2 with the block highlighted where the text is.
  await hits.first().getByRole('link').click();
  await expect(s).toHaveURL(/\/materials\/[0-9a-f-]{36}\?page=2&block=p2-b1$/);
  await waitRendered(s, 2);
  const mark = s.getByTestId('pdf-highlight');
  await expect(mark).toBeVisible();
  const box = await relativeBox(mark, s.getByTestId('pdf-page'));
  // 14 pt text at baseline 500 of 792: top ≈ (792 − 500 − 13) / 792 ≈ 0.352; left 72/612 ≈ 0.118.
  expect(Math.abs(box.nx - 72 / 612)).toBeLessThan(0.01);
  expect(Math.abs(box.ny - (792 - 500 - 13) / 792)).toBeLessThan(0.015);
  expect(box.nh).toBeGreaterThan(0.012);
  // The text layer makes the words selectable.
  await expect(s.getByTestId('pdf-page').locator('.textLayer')).toContainText('Students run experiments');
  await expectAccessible(s);
  await s.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(s);
  await s.emulateMedia({ colorScheme: 'light' });
  await s.screenshot({ path: 'test-results/materials-viewer.png', fullPage: true });
  // Keyboard: ← goes to page 1, → back to 2.
  await s.getByTestId('pdf-viewport').focus();
  await s.keyboard.press('ArrowLeft');
  await waitRendered(s, 1);
  await s.keyboard.press('ArrowRight');
  await waitRendered(s, 2);

  // Snapshot a region into a question.
  await s.getByTestId('snapshot-toggle').click();
  const surface = s.getByTestId('snapshot-surface');
  const sb = (await surface.boundingBox())!;
  await s.mouse.move(sb.x + sb.width * 0.1, sb.y + sb.height * 0.3);
  await s.mouse.down();
  await s.mouse.move(sb.x + sb.width * 0.5, sb.y + sb.height * 0.4, { steps: 5 });
  await s.mouse.up();
  const form = s.getByTestId('snapshot-form');
  await form.getByLabel('Your question').fill('What is a sorting network?');
  await expectAccessible(s);
  await form.getByRole('button', { name: 'Send to the teacher' }).click();
  await expect(s.getByTestId('snapshot-sent')).toBeVisible();
  await s.goto(`/learn/${course.slug}/${lessonId}`);
  await expect(s.getByTestId('question-thread')).toContainText('What is a sorting network?');
  await sctx.close();

  // The teacher: the question waits in the inbox with the image and a link back to the spot.
  await page.goto('/inbox');
  await page.getByTestId('inbox-row').getByRole('link').first().click();
  await expect(page.getByTestId('attachment-image')).toHaveCount(1);
  await expect(page.getByText('What is a sorting network?')).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId('snapshot-source').click();
  await expect(page).toHaveURL(/\/materials\/[0-9a-f-]{36}\?page=2&rect=/);
  await waitRendered(page, 2);
  const region = await relativeBox(page.getByTestId('pdf-highlight'), page.getByTestId('pdf-page'));
  expect(Math.abs(region.nx - 0.1)).toBeLessThan(0.02);
  expect(Math.abs(region.ny - 0.3)).toBeLessThan(0.02);
  expect(Math.abs(region.nw - 0.4)).toBeLessThan(0.02);

  // On a phone: the page fits the screen width, the highlight is shown, buttons turn pages.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const p = await phone.newPage();
  await signIn(p, student);
  await p.goto(`/materials/${material!.id}?page=2&block=p2-b1`);
  await waitRendered(p, 2);
  expect((await p.getByTestId('pdf-page').boundingBox())!.width).toBeLessThanOrEqual(390);
  await expect(p.getByTestId('pdf-highlight')).toBeVisible();
  await p.getByRole('button', { name: 'Previous page' }).tap();
  await waitRendered(p, 1);
  await expectAccessible(p);
  await phone.close();
});

test('an author pauses, resumes and cancels document uploads (Uppy multipart)', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const course = await createCourse(db, { ownerId: author.id, modules: 1, lessonsPerModule: 1 });
  // 3 parts of 8 MiB; the first bytes make it a PDF for the server's check.
  const big = Buffer.alloc(20 * 1024 * 1024, 0x20);
  big.write('%PDF-1.4\n');
  // Every part PUT to the store waits until the test lets it through.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(/[?&]partNumber=\d+/, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  await signIn(page, author);
  await page.goto(`/courses/${course.id}/materials`);
  const status = page.getByRole('status').filter({ hasText: 'big-notes.pdf' });

  await page.getByTestId('material-upload-input').setInputFiles({ name: 'big-notes.pdf', mimeType: 'application/pdf', buffer: big });
  await expect(status).toContainText('Uploading big-notes.pdf… 0%');
  // Pause is offered once the server has created the upload.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeEnabled();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toContainText('Paused: big-notes.pdf, 0% sent');
  await expect(page.getByRole('button', { name: 'Resume' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toContainText('Uploading big-notes.pdf');
  release();
  await expect(page.getByTestId('material-row')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('material-row')).toContainText('big notes');

  // A second upload, cancelled: nothing is listed or kept.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.route(/[?&]partNumber=\d+/, () => {});
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/materials' && r.request().method() === 'POST');
  await page.getByTestId('material-upload-input').setInputFiles({ name: 'draft.pdf', mimeType: 'application/pdf', buffer: big });
  expect((await created).ok()).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: 'draft.pdf' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'draft.pdf' })).toHaveCount(0);
  await expect.poll(async () => (await db.select({ filename: materials.filename }).from(materials).where(eq(materials.courseId, course.id))).map((m) => m.filename)).toEqual(['big-notes.pdf']);
  await expect(page.getByTestId('material-row')).toHaveCount(1);
});
