import { eq } from 'drizzle-orm';
import { createCourse } from '../../db/factories';
import { lessons } from '../../db/schema';
import { db, expect, expectAccessible, signIn, test } from '../fixtures';

test('an author writes a text lesson, publishes it, and previews it as a student sees it', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const course = await createCourse(db, { ownerId: author.id, modules: 1, lessonsPerModule: 2 });
  const [first, second] = course.modules[0]!.lessonIds;
  await db.update(lessons).set({ status: 'draft' }).where(eq(lessons.id, second!));
  await signIn(page, author);

  await page.goto(`/courses/${course.id}/lessons/${first}`);
  await expectAccessible(page);
  await page.getByLabel('Title').fill('x'.repeat(201));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Title must be at most 200 characters.')).toBeVisible();

  await page.getByLabel('Title').fill('Welcome to the course');
  const editor = page.getByRole('textbox', { name: 'Lesson text' });
  await editor.click();
  await page.keyboard.type('Hello students');
  await page.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type(' bold words');
  await page.getByLabel('Free preview: visitors can open this lesson without enrolling').check();
  await page.getByLabel('Days after enrollment', { exact: true }).check();
  await page.getByLabel('Number of days after enrollment').fill('99999');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Enter 0 to 3650 days.')).toBeVisible();
  await page.getByLabel('Number of days after enrollment').fill('2');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Lesson saved.')).toBeVisible();

  const row = (await db.query.lessons.findFirst({ where: eq(lessons.id, first!) }))!;
  expect(row).toMatchObject({ title: 'Welcome to the course', isFreePreview: true, dripDays: 2 });
  expect(row.contentHtml).toContain('<strong> bold words</strong>');

  // Preview shows published lessons only, with the sanitized text.
  await page.getByRole('link', { name: 'Preview as student' }).click();
  await expect(page.getByRole('note')).toContainText('Your progress is not recorded');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to the course');
  await expect(page.locator('.prose-lesson strong')).toHaveText('bold words');
  const outline = page.getByRole('navigation', { name: 'Course outline' });
  await expect(outline.getByRole('link')).toHaveCount(1);
  await expectAccessible(page);
});

test('a student cannot open the lesson editor or the preview of a course they do not edit', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const course = await createCourse(db, { ownerId: author.id, modules: 1, lessonsPerModule: 1 });
  const other = await makeUser({ role: 'author' });
  await signIn(page, other);
  for (const path of [`/courses/${course.id}/lessons/${course.modules[0]!.lessonIds[0]}`, `/courses/${course.id}/preview`]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
});
