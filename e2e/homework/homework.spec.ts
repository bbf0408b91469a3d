import { eq } from 'drizzle-orm';
import type { Locator, Page } from '@playwright/test';
import { createCourse, enroll } from '../../db/factories';
import { attachments, courses, homeworkSubmissions, lessonProgress, lessons } from '../../db/schema';
import { db, expect, expectAccessible, signIn, test } from '../fixtures';

// GetCourse-style stop lessons: the homework lesson blocks the next one of a sequential course until
// a teacher accepts the student's work.

test.describe.configure({ timeout: 180_000 });

/** A published sequential course: a homework lesson (with instructions), then a text lesson; the author owns it. */
async function homeworkCourse(ownerId: string) {
  const course = await createCourse(db, { ownerId, status: 'published', modules: 1, lessonsPerModule: 2 });
  await db.update(courses).set({ isSequential: true }).where(eq(courses.id, course.id));
  const [homeworkId, nextId] = course.modules[0]!.lessonIds as [string, string];
  await db
    .update(lessons)
    .set({ type: 'homework', title: 'Draw a red box', completionRule: { kind: 'homework_accepted' }, contentHtml: '<p>Draw a red box and send a screenshot.</p>' })
    .where(eq(lessons.id, homeworkId));
  await db.update(lessons).set({ title: 'After the homework' }).where(eq(lessons.id, nextId));
  return { course, homeworkId, nextId };
}

/** Makes a PNG in the page (canvas) and pastes it into `target` (as a clipboard screenshot would be) or drops it on it. */
async function pngInto(target: Locator, how: 'paste' | 'drop', color: string) {
  await target.evaluate(
    async (el, { how, color }) => {
      const c = document.createElement('canvas');
      c.width = 120;
      c.height = 80;
      const g = c.getContext('2d')!;
      g.fillStyle = color;
      g.fillRect(0, 0, 120, 80);
      const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/png'));
      const dt = new DataTransfer();
      dt.items.add(new File([blob], how === 'paste' ? 'image.png' : 'drawing.png', { type: 'image/png' }));
      const ev = how === 'paste' ? new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }) : new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
      el.dispatchEvent(ev);
    },
    { how, color },
  );
}

const composer = (page: Page) => page.getByTestId('homework-composer');
const status = (page: Page) => page.getByTestId('homework-status').first();

test('submit with a pasted screenshot → returned → resubmitted with a dropped image → accepted with a grade unlocks the next lesson', async ({ page, browser, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const student = await makeUser({ role: 'student' });
  const { course, homeworkId, nextId } = await homeworkCourse(author.id);
  await enroll(db, course.id, student.id);

  // The student: instructions, status, a message with typed HTML and a pasted screenshot.
  await signIn(page, student);
  await page.goto(`/learn/${course.slug}/${homeworkId}`);
  await expect(page.getByText('Draw a red box and send a screenshot.')).toBeVisible();
  await expect(status(page)).toHaveAttribute('data-status', 'none');
  await expect(page.getByTestId(`outline-lesson-${nextId}`)).toHaveAttribute('data-state', 'locked');
  await expectAccessible(page);
  const text = composer(page).getByLabel('Your message');
  await text.fill('Here is my **box**. <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">');
  await pngInto(text, 'paste', '#c00');
  await expect(composer(page).getByTestId('composer-files').locator('li[data-state="ready"]')).toHaveCount(1);
  await composer(page).getByRole('button', { name: 'Submit homework' }).click();
  await expect(status(page)).toHaveAttribute('data-status', 'submitted');
  const body = page.getByTestId('homework-thread').getByTestId('message-body').first();
  await expect(body).toContainText('<script>window.__pwned = 1</script>');
  await expect(body.locator('strong')).toHaveText('box');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  const shot = page.getByTestId('homework-thread').getByTestId('attachment-image');
  await expect(shot).toHaveCount(1);
  await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const row = await db.query.attachments.findFirst({ where: eq(attachments.courseId, course.id) });
  expect(row).toMatchObject({ status: 'ready', contentType: 'image/png', width: 120, height: 80 });
  expect(row!.key.startsWith(`courses/${course.id}/attachments/${homeworkId}/${student.id}/`)).toBe(true);
  await expectAccessible(page);

  // The teacher: inbox with a waiting count, then return for revision.
  const teacherCtx = await browser.newContext();
  const teacher = await teacherCtx.newPage();
  await signIn(teacher, author);
  await teacher.goto('/inbox');
  await expect(teacher.getByTestId('nav-count-inbox')).toContainText('1');
  await expect(teacher.getByTestId('inbox-row')).toHaveCount(1);
  await expectAccessible(teacher);
  await teacher.getByTestId('inbox-row').getByRole('link').first().click();
  await expect(teacher).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  await expect(teacher.getByTestId('attachment-image')).toHaveCount(1);
  await teacher.getByRole('button', { name: 'Claim' }).click();
  await expect(teacher.getByTestId('claim-state')).toHaveText('Claimed by you');
  await composer(teacher).getByLabel('Reply to the student').fill('Make the box bigger, please.');
  await composer(teacher).getByRole('button', { name: 'Return for revision' }).click();
  await expect(status(teacher)).toHaveAttribute('data-status', 'needs_revision');
  await expectAccessible(teacher);

  // The student sees the return (and a notification), and resubmits with a dropped image.
  await page.reload();
  await expect(status(page)).toHaveAttribute('data-status', 'needs_revision');
  await expect(page.getByTestId('homework-thread')).toContainText('Make the box bigger, please.');
  await composer(page).getByLabel('Your message').fill('Bigger now.');
  await pngInto(composer(page), 'drop', '#00c');
  await expect(composer(page).getByTestId('composer-files').locator('li[data-state="ready"]')).toHaveCount(1);
  await composer(page).getByRole('button', { name: 'Send the revised homework' }).click();
  await expect(status(page)).toHaveAttribute('data-status', 'submitted');
  await expect(page.getByTestId('homework-thread').getByTestId('attachment-image')).toHaveCount(2);

  // The teacher accepts with a grade.
  await teacher.reload();
  await expect(status(teacher)).toHaveAttribute('data-status', 'submitted');
  await composer(teacher).getByLabel('Grade (0–100, optional)').fill('92');
  await composer(teacher).getByLabel('Reply to the student').fill('Great work.');
  await composer(teacher).getByRole('button', { name: 'Accept' }).click();
  await expect(status(teacher)).toHaveAttribute('data-status', 'accepted');
  await teacherCtx.close();

  // The student: accepted, graded, and the next lesson is open.
  await page.reload();
  await expect(status(page)).toHaveAttribute('data-status', 'accepted');
  await expect(page.getByTestId('homework-grade')).toHaveText('Grade: 92/100');
  await expect(page.getByTestId(`outline-lesson-${nextId}`)).not.toHaveAttribute('data-state', 'locked');
  const progress = await db.query.lessonProgress.findFirst({ where: eq(lessonProgress.lessonId, homeworkId) });
  expect(progress).toMatchObject({ status: 'completed', grade: 92 });
  const sub = await db.query.homeworkSubmissions.findFirst({ where: eq(homeworkSubmissions.lessonId, homeworkId) });
  expect(sub).toMatchObject({ status: 'accepted', grade: 92, claimedById: author.id });
  await page.getByRole('link', { name: 'Next lesson →' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('After the homework');
  // In-app notifications: returned, then accepted; the bell counts them until they are read.
  await page.goto('/dashboard');
  await expect(page.getByTestId('notification-count')).toHaveText('2');
  await page.getByTestId('notification-bell').click();
  await expect(page.getByTestId('notification-list')).toContainText('accepted with a grade of 92/100');
  await expect(page.getByTestId('notification-list')).toContainText('returned for revision');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(page.getByTestId('notification-count')).toHaveCount(0);
});

test('storage down while sending an image: the text stays as a draft and the failure is shown', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const student = await makeUser({ role: 'student' });
  const { course, homeworkId } = await homeworkCourse(author.id);
  await enroll(db, course.id, student.id);
  await signIn(page, student);
  await page.goto(`/learn/${course.slug}/${homeworkId}`);
  // The object store refuses the upload (as when it is down).
  await page.route(/\/attachments\/.*X-Amz-/, (route) => route.abort('connectionrefused'));
  const text = composer(page).getByLabel('Your message');
  await text.fill('My long answer that must not be lost.');
  await pngInto(text, 'paste', '#0c0');
  await expect(composer(page).getByRole('alert').first()).toContainText('could not be uploaded: file storage is not reachable');
  await page.reload();
  await expect(composer(page).getByLabel('Your message')).toHaveValue('My long answer that must not be lost.');
  expect(await db.query.homeworkSubmissions.findFirst({ where: eq(homeworkSubmissions.lessonId, homeworkId) })).toBeUndefined();
});

test('a disguised executable is rejected and another student cannot open the thread or its files', async ({ page, browser, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const student = await makeUser({ role: 'student' });
  const other = await makeUser({ role: 'student' });
  const { course, homeworkId } = await homeworkCourse(author.id);
  await enroll(db, course.id, student.id);
  await enroll(db, course.id, other.id);
  await signIn(page, student);
  await page.goto(`/learn/${course.slug}/${homeworkId}`);
  await composer(page).locator('input[type="file"]').setInputFiles({ name: 'cat.png', mimeType: 'image/png', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]) });
  await expect(composer(page).getByRole('alert').first()).toContainText('not an allowed file type, so it was deleted');
  await composer(page).locator('input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('my notes') });
  await expect(composer(page).getByTestId('composer-files').locator('li[data-state="ready"]')).toHaveCount(1);
  await composer(page).getByRole('button', { name: 'Submit homework' }).click();
  await expect(status(page)).toHaveAttribute('data-status', 'submitted');
  const file = (await db.query.attachments.findFirst({ where: eq(attachments.courseId, course.id) }))!;
  expect(await db.select().from(attachments).where(eq(attachments.courseId, course.id))).toHaveLength(1);
  const sub = (await db.query.homeworkSubmissions.findFirst({ where: eq(homeworkSubmissions.lessonId, homeworkId) }))!;

  const otherCtx = await browser.newContext();
  const otherPage = await otherCtx.newPage();
  await signIn(otherPage, other);
  const res = await otherPage.request.get(`/api/attachments/${file.id}`, { maxRedirects: 0 });
  expect(res.status()).toBe(404);
  expect((await otherPage.goto(`/inbox/${sub.id}`))!.status()).toBe(404);
  const own = await page.request.get(`/api/attachments/${file.id}?download=1`, { maxRedirects: 0 });
  expect(own.status()).toBe(302);
  await otherCtx.close();
});
