import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createCourse, uniqueEmail } from '../../db/factories';
import { courses } from '../../db/schema';
import { db, expect, expectAccessible, signIn, test } from '../fixtures';

// Every course here carries a made-up word, so searches only ever see this test's rows.
const word = () => `e2e${randomUUID().slice(0, 8)}`;

async function publishedCourse(ownerId: string, fields: Partial<typeof courses.$inferInsert> & { visibility?: 'public' | 'unlisted' | 'private' }) {
  const { visibility = 'public', ...rest } = fields;
  const c = await createCourse(db, { ownerId, status: 'published', visibility, modules: 2, lessonsPerModule: 3 });
  await db.update(courses).set(rest).where(eq(courses.id, c.id));
  return { ...c, ...rest };
}

test('a visitor filters the catalog, opens a course, signs in, enrolls, finds it in My courses and unenrolls', async ({ page, makeUser }) => {
  const owner = await makeUser({ role: 'author', name: 'Olga Owner' });
  const student = await makeUser();
  const w = word();
  const advanced = await publishedCourse(owner.id, { title: `Advanced ${w}`, level: 'advanced', shortDescription: 'A deep dive.', description: 'Everything about it.', tags: ['e2e-catalog'] });
  const beginner = await publishedCourse(owner.id, { title: `Beginner ${w}`, level: 'beginner' });

  await page.goto('/');
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Course catalog' })).toBeVisible();
  await page.getByLabel('Search').fill(w);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId(`course-card-${beginner.slug}`)).toBeVisible();
  await page.getByLabel('Level').selectOption('advanced');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/level=advanced/);
  await expect(page.getByTestId(`course-card-${advanced.slug}`)).toBeVisible();
  await expect(page.getByTestId(`course-card-${beginner.slug}`)).toHaveCount(0);
  await expect(page.getByTestId('catalog-count')).toHaveText('1 course');
  await expectAccessible(page);

  await page.getByRole('link', { name: `Advanced ${w}` }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${advanced.slug}$`));
  await expect(page.getByRole('heading', { level: 1, name: `Advanced ${w}` })).toBeVisible();
  await expect(page.getByText('By Olga Owner')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Module 1' })).toBeVisible();
  await expect(page.getByText('Lesson 2.3')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Sign in to enroll' }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel(/^email$/i).fill(student.email);
  await page.getByLabel(/^password$/i).fill(student.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`**/c/${advanced.slug}`);

  await page.getByRole('button', { name: 'Enroll' }).click();
  await expect(page.getByText('You are enrolled', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to course' })).toBeVisible();

  await page.getByRole('link', { name: 'My learning' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const card = page.getByTestId(`my-course-${advanced.slug}`);
  await expect(card).toBeVisible();
  await card.getByRole('link', { name: `Advanced ${w}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${advanced.slug}`));

  await page.getByRole('button', { name: 'Unenroll' }).click();
  await expect(page.getByRole('button', { name: 'Yes, unenroll' })).toBeFocused();
  await page.getByRole('button', { name: 'Yes, unenroll' }).click();
  await expect(page.getByRole('button', { name: 'Enroll' })).toBeVisible();
  await page.goto('/dashboard');
  await expect(page.getByTestId(`my-course-${advanced.slug}`)).toHaveCount(0);
});

test('an editor adds students to a private course by email; they see it in My courses, newcomers after sign-up', async ({ page, browser, makeUser }) => {
  const editor = await makeUser({ role: 'author' });
  const student = await makeUser({ name: 'Sam Student' });
  const newcomer = uniqueEmail('newcomer');
  const w = word();
  const course = await publishedCourse(editor.id, { title: `Private ${w}`, visibility: 'private' });

  // Hidden from the catalog and, without an invite, from students.
  const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const v = await visitor.newPage();
  await v.goto(`/catalog?q=${w}`);
  await expect(v.getByText('No courses match')).toBeVisible();
  await v.goto(`/c/${course.slug}`);
  await expect(v.getByRole('heading', { name: 'Page not found' })).toBeVisible();

  await signIn(page, editor);
  await page.goto(`/courses/${course.id}/students`);
  await expect(page.getByRole('heading', { level: 1, name: 'Students' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Email addresses').fill(`${student.email}\nnot-an-email\n${newcomer}, ${student.email.toUpperCase()}`);
  await page.getByRole('button', { name: 'Add students' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'enrolled,' })).toHaveText('1 enrolled, 1 invited, 0 already there, 2 problems.');
  await expect(page.getByTestId(`add-result-${student.email}`).first()).toContainText('Enrolled');
  await expect(page.getByTestId('add-result-not-an-email')).toContainText('Not a valid email address');
  await expect(page.getByTestId(`student-row-${student.email}`)).toBeVisible();
  await expect(page.getByTestId(`invite-row-${newcomer}`)).toBeVisible();

  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = await page.getByLabel('Invite link', { exact: true }).inputValue();
  expect(link).toMatch(new RegExp(`/c/${course.slug}\\?invite=[\\w-]{32}$`));
  await expectAccessible(page);

  // The student added by email sees the course at once.
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const s = await theirs.newPage();
  await signIn(s, student);
  await s.goto('/dashboard');
  await expect(s.getByTestId(`my-course-${course.slug}`)).toBeVisible();

  // The newcomer signs up with the invited address and finds the course waiting.
  await v.goto('/signup');
  await v.getByLabel('Name').fill('New Comer');
  await v.getByLabel('Email').fill(newcomer);
  await v.getByLabel('Password').fill('new-comer-pass-1');
  await v.getByRole('button', { name: 'Create account' }).click();
  await v.waitForURL('**/dashboard');
  await expect(v.getByTestId(`my-course-${course.slug}`)).toBeVisible();

  // Someone else joins with the invite link; a wrong token says so.
  const other = await makeUser();
  const otherCtx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const o = await otherCtx.newPage();
  await signIn(o, other);
  await o.goto(`/c/${course.slug}?invite=not-the-right-token-123`);
  await expect(o.getByRole('heading', { name: 'This invite link does not work' })).toBeVisible();
  await o.goto(new URL(link).pathname + new URL(link).search);
  await o.getByRole('button', { name: 'Join course' }).click();
  await expect(o.getByText('You are enrolled', { exact: true })).toBeVisible();
  await expect(o).toHaveURL(new RegExp(`/c/${course.slug}$`));

  // The editor removes the first student, who loses access.
  await page.reload();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: `Remove ${student.email}` }).click();
  await expect(page.getByTestId(`student-row-${student.email}`)).toHaveCount(0);
  await s.goto('/dashboard');
  await expect(s.getByTestId(`my-course-${course.slug}`)).toHaveCount(0);
  await Promise.all([visitor.close(), theirs.close(), otherCtx.close()]);
});

test('students and authors of other courses get a 404 on the students page', async ({ browser, makeUser }) => {
  const owner = await makeUser({ role: 'author' });
  const course = await publishedCourse(owner.id, { title: `Guarded ${word()}` });
  for (const role of ['author', 'student'] as const) {
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const p = await ctx.newPage();
    await signIn(p, await makeUser({ role }));
    await p.goto(`/courses/${course.id}/students`);
    await expect(p.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await ctx.close();
  }
});
