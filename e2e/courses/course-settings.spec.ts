import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createCourse } from '../../db/factories';
import { courses, courseSlugHistory } from '../../db/schema';
import { db, expect, expectAccessible, signIn, test } from '../fixtures';

const word = () => randomUUID().replace(/[^a-f]/g, '').slice(0, 6).padEnd(6, 'x');

test('an author creates a course, fixes a taken slug, sees publish blockers, duplicates, archives and restores', async ({ page, makeUser }) => {
  const w = word();
  const author = await makeUser({ role: 'author' });
  const someoneElse = await makeUser({ role: 'author' });
  await createCourse(db, { ownerId: someoneElse.id, slug: `taken-${w}` });
  await signIn(page, author);

  await page.goto('/courses');
  await expect(page.getByRole('heading', { name: 'No courses yet' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'New course' }).click();
  await expect(page).toHaveURL(/\/courses\/new$/);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Create course' }).click();
  await expect(page.getByText('Enter a title.')).toBeVisible();
  await page.getByLabel('Title', { exact: true }).fill(`Основы Python ${w}`);
  await page.getByRole('main').getByLabel('Course language').selectOption('ru');
  await page.getByRole('button', { name: 'Create course' }).click();
  await page.waitForURL(/\/courses\/[0-9a-f-]{36}\/outline$/);
  const courseId = new URL(page.url()).pathname.split('/')[2]!;
  expect(await db.query.courses.findFirst({ where: eq(courses.id, courseId) })).toMatchObject({ slug: `osnovy-python-${w}`, language: 'ru', status: 'draft' });

  await page.goto(`/courses/${courseId}/settings`);
  await expect(page.getByRole('navigation', { name: 'Course' }).getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page);

  // A slug another course uses: the error sits next to the field and nothing is saved.
  const slug = page.getByLabel('Address (slug)');
  await slug.fill(`taken-${w}`);
  await page.getByLabel('Tags', { exact: true }).fill('Python, python, Beginners');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(slug).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-slug-error')).toHaveText('This address is already used by another course.');
  await expect(slug).toHaveAttribute('aria-describedby', /f-slug-error/);
  expect((await db.query.courses.findFirst({ where: eq(courses.id, courseId) }))!.tags).toEqual([]);

  await slug.fill(`python-basics-${w}`);
  await page.getByLabel('Level', { exact: true }).selectOption('beginner');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(slug).not.toHaveAttribute('aria-invalid', 'true');
  expect(await db.query.courses.findFirst({ where: eq(courses.id, courseId) })).toMatchObject({ slug: `python-basics-${w}`, tags: ['python', 'beginners'], level: 'beginner' });
  expect(await db.select({ slug: courseSlugHistory.slug }).from(courseSlugHistory).where(eq(courseSlugHistory.courseId, courseId))).toEqual([{ slug: `osnovy-python-${w}` }]);

  // An empty course cannot be published: the panel says why.
  const publishing = page.getByRole('region', { name: 'Publishing' });
  await expect(publishing.getByRole('list', { name: 'Fix these before publishing:' })).toContainText('Publish at least one lesson.');
  await expect(publishing.getByRole('button', { name: 'Publish', exact: true })).toBeDisabled();

  const actions = page.getByRole('region', { name: 'Course actions' });
  await actions.getByRole('button', { name: 'Archive', exact: true }).click();
  await expect(page.getByText('The course is archived.')).toBeVisible();
  await expect(publishing).toContainText('Archived');
  await expect(publishing).toContainText('The course is archived: restore it first.');
  await actions.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByText('The course is restored as a draft.')).toBeVisible();
  await expect(publishing).toContainText('Draft');

  await actions.getByRole('button', { name: 'Duplicate', exact: true }).click();
  await page.waitForURL((u) => u.pathname.endsWith('/settings') && !u.pathname.includes(courseId));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Основы Python ${w} (copy)`);

  await page.goto('/courses');
  await expect(page.getByRole('row').filter({ hasText: `Основы Python ${w}` })).toHaveCount(2);
  await expect(page.getByTestId(`course-row-python-basics-${w}`)).toContainText('Draft');
  await expectAccessible(page);
});

test('the owner adds an editor, publishes, then deletes the course by typing its title; outsiders get a 404', async ({ page, browser, makeUser }) => {
  const w = word();
  const owner = await makeUser({ role: 'author' });
  const student = await makeUser({ role: 'student' });
  const editor = await makeUser({ role: 'author' });
  const outsider = await makeUser({ role: 'author' });
  const course = await createCourse(db, { ownerId: owner.id, title: `Throwaway ${w}`, modules: 1, lessonsPerModule: 1 });
  await signIn(page, owner);
  await page.goto(`/courses/${course.id}/settings`);

  const team = page.getByRole('region', { name: 'Team' });
  const email = team.getByLabel('Add an editor by email');
  await email.fill(student.email);
  await team.getByRole('button', { name: 'Add editor' }).click();
  await expect(team.getByText('This person is not an author.', { exact: false })).toBeVisible();
  await email.fill(editor.email);
  await team.getByRole('button', { name: 'Add editor' }).click();
  await expect(team.getByTestId(`member-${editor.email}`)).toContainText('Editor');

  const publishing = page.getByRole('region', { name: 'Publishing' });
  await expect(publishing).toContainText('Ready to publish.');
  await publishing.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('The course is published.')).toBeVisible();
  await expect(publishing).toContainText('Published');

  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const otherPage = await other.newPage();
  await signIn(otherPage, outsider);
  await otherPage.goto(`/courses/${course.id}/settings`);
  await expect(otherPage.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await other.close();

  await page.getByRole('region', { name: 'Course actions' }).getByRole('button', { name: 'Delete course' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this course?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  const confirm = dialog.getByLabel(/Type the course title to confirm/);
  await confirm.fill('throwaway');
  await dialog.getByRole('button', { name: 'Delete for good' }).click();
  await expect(dialog.getByText('Type the course title exactly as shown.')).toBeVisible();
  expect(await db.query.courses.findFirst({ where: eq(courses.id, course.id) })).toBeDefined();
  await confirm.fill(course.title);
  await dialog.getByRole('button', { name: 'Delete for good' }).click();
  await page.waitForURL(/\/courses$/);
  expect(await db.query.courses.findFirst({ where: eq(courses.id, course.id) })).toBeUndefined();
});
