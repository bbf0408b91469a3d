import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { createCourse } from '../../db/factories';
import { courseMembers, courseModules, courses, lessons } from '../../db/schema';
import { db, expect, expectAccessible, signIn, test } from '../fixtures';

test('an author exports a course and imports the file as a new draft course', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const src = await createCourse(db, { ownerId: author.id, modules: 2, lessonsPerModule: 3 });
  await signIn(page, author);

  const res = await page.request.get(`/api/courses/${src.id}/export`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-disposition']).toBe(`attachment; filename="${src.slug}.lectern.json"`);
  const body = await res.body();
  const file = JSON.parse(body.toString('utf8'));
  expect(file).toMatchObject({ format: 'lectern.course', version: 1, course: { title: src.title, slug: src.slug } });
  expect(file.modules.map((m: { lessons: unknown[] }) => m.lessons.length)).toEqual([3, 3]);

  await page.goto('/courses/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import a course' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Course file (.json)').setInputFiles({ name: `${src.slug}.lectern.json`, mimeType: 'application/json', buffer: body });
  await page.getByRole('button', { name: 'Import course' }).click();

  // The settings page is another part of this issue: only the URL is checked here, the rest in the database.
  await page.waitForURL((u) => /^\/courses\/[0-9a-f-]{36}\//.test(u.pathname) && !u.pathname.startsWith(`/courses/${src.id}/`));
  const newId = new URL(page.url()).pathname.split('/')[2]!;
  const copy = await db.query.courses.findFirst({ where: eq(courses.id, newId) });
  expect(copy).toMatchObject({ title: src.title, slug: `${src.slug}-2`, status: 'draft' });
  expect(await db.select({ userId: courseMembers.userId, role: courseMembers.role }).from(courseMembers).where(eq(courseMembers.courseId, newId))).toEqual([{ userId: author.id, role: 'owner' }]);
  const mods = await db.select({ id: courseModules.id, title: courseModules.title }).from(courseModules).where(eq(courseModules.courseId, newId)).orderBy(asc(courseModules.position));
  expect(mods.map((m) => m.title)).toEqual(['Module 1', 'Module 2']);
  const second = await db.select({ title: lessons.title }).from(lessons).where(eq(lessons.moduleId, mods[1]!.id)).orderBy(asc(lessons.position));
  expect(second.map((l) => l.title)).toEqual(['Lesson 2.1', 'Lesson 2.2', 'Lesson 2.3']);
});

test('a broken file shows every problem with its JSON path and creates nothing', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  await signIn(page, author);
  const title = `Broken ${randomUUID().slice(0, 8)}`;
  const broken = {
    format: 'lectern.course',
    version: 1,
    course: { title },
    modules: [
      { title: 'Fine', lessons: [{ title: 'Fine', type: 'text' }] },
      { lessons: [{ title: 'x'.repeat(300), type: 'podcast' }] },
    ],
  };
  await page.goto('/courses/import');
  await page.getByLabel('Course file (.json)').setInputFiles({ name: 'broken.lectern.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await page.getByRole('button', { name: 'Import course' }).click();

  const problems = page.getByTestId('import-problems');
  await expect(page.getByRole('heading', { name: 'The file cannot be imported: 3 problems' })).toBeFocused();
  await expect(problems.getByRole('listitem')).toHaveText([
    '$.modules[1].title: Required field is missing',
    '$.modules[1].lessons[0].title: Title must be at most 200 characters',
    '$.modules[1].lessons[0].type: Unknown lesson type "podcast"; expected one of: video, text, quiz, homework, pdf',
  ]);
  await expectAccessible(page);

  // Not JSON at all: one problem that says where parsing stopped.
  await page.getByLabel('Course file (.json)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "format": "lectern.course",\n  oops\n}') });
  await page.getByRole('button', { name: 'Import course' }).click();
  await expect(problems.getByRole('listitem')).toHaveText(['$: The file is not valid JSON: Expected a property name in double quotes, found \'o\' (line 3, column 3)']);

  await expect(page).toHaveURL(/\/courses\/import$/);
  expect(await db.select({ id: courses.id }).from(courses).where(eq(courses.title, title))).toEqual([]);
});

test('a 12 MB file passes the import route limit', async ({ page, makeUser }) => {
  test.slow();
  const author = await makeUser({ role: 'author' });
  await signIn(page, author);
  const para = '<p>Lorem ipsum <strong>dolor</strong> sit amet, consectetur adipiscing elit.</p>';
  const html = para.repeat(Math.floor(1_000_000 / para.length));
  const title = `Big ${randomUUID().slice(0, 8)}`;
  const big = { format: 'lectern.course', version: 1, course: { title }, modules: [{ title: 'M', lessons: Array.from({ length: 12 }, (_, i) => ({ title: `L${i}`, type: 'text', contentHtml: html })) }] };
  const buffer = Buffer.from(JSON.stringify(big));
  expect(buffer.length).toBeGreaterThan(11 * 1024 * 1024);
  await page.goto('/courses/import');
  await page.getByLabel('Course file (.json)').setInputFiles({ name: 'big.lectern.json', mimeType: 'application/json', buffer });
  await page.getByRole('button', { name: 'Import course' }).click();
  await page.waitForURL((u) => /^\/courses\/[0-9a-f-]{36}\//.test(u.pathname), { timeout: 30_000 });
  const [copy] = await db.select({ id: courses.id }).from(courses).where(eq(courses.title, title));
  const rows = await db.select({ contentHtml: lessons.contentHtml }).from(lessons).where(eq(lessons.courseId, copy!.id));
  expect(rows.map((r) => r.contentHtml.length)).toEqual(Array(12).fill(html.length));
});

test('the export endpoint answers JSON errors without a session or for a missing course', async ({ page, request, makeUser }) => {
  const anonymous = await request.get(`/api/courses/${randomUUID()}/export`);
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.code).toBe('UNAUTHENTICATED');

  const stranger = await makeUser({ role: 'author' });
  const other = await makeUser({ role: 'author' });
  const theirs = await createCourse(db, { ownerId: other.id });
  await signIn(page, stranger);
  const forbidden = await page.request.get(`/api/courses/${theirs.id}/export`);
  expect(forbidden.status()).toBe(403);
  expect((await forbidden.json()).error.code).toBe('FORBIDDEN');
  expect((await page.request.get('/api/courses/not-a-uuid/export')).status()).toBe(404);
});

test('the import route refuses students, cross-site posts and files over 20 MB with JSON errors', async ({ page, playwright, baseURL, makeUser }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const anon = await anonymous.post('/api/courses/import', { data: '{}' });
  expect(anon.status()).toBe(401);
  expect(await anon.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  await anonymous.dispose();

  const student = await makeUser({ role: 'student' });
  await signIn(page, student);
  const asStudent = await page.request.post('/api/courses/import', { data: '{}' });
  expect(asStudent.status()).toBe(403);

  const author = await makeUser({ role: 'author' });
  await page.context().clearCookies();
  await signIn(page, author);
  const crossSite = await page.request.post('/api/courses/import', { data: '{}', headers: { origin: 'https://evil.example' } });
  expect(crossSite.status()).toBe(403);
  const huge = await page.request.post('/api/courses/import', { data: 'x'.repeat(21 * 1024 * 1024), headers: { 'content-type': 'application/json' } });
  expect(huge.status()).toBe(413);
  expect(await huge.json()).toMatchObject({ error: { code: 'VALIDATION' } });
});
