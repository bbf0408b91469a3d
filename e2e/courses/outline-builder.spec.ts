import { asc, eq, sql } from 'drizzle-orm';
import type { Locator, Page } from '@playwright/test';
import { createCourse } from '../../db/factories';
import { courseModules, courses, lessons } from '../../db/schema';
import { db, expect, expectAccessible, signIn, test } from '../fixtures';

// The course builder end to end: every change goes through the real server actions and is
// checked on screen, after a reload, and in the database.

/** "Module: lesson, lesson | Module: …" as shown on screen. */
async function shownOrder(page: Page) {
  return page.$$eval('[data-testid=module]', (ms) =>
    ms.map((m) => `${(m as HTMLElement).dataset.moduleTitle}: ${[...m.querySelectorAll<HTMLElement>('[data-lesson-row]')].map((r) => r.dataset.lessonTitle).join(', ')}`).join(' | '),
  );
}

/** The same, from the database (folded modules included). */
async function storedOrder(courseId: string) {
  const mods = await db.select().from(courseModules).where(eq(courseModules.courseId, courseId)).orderBy(asc(courseModules.position));
  const rows = await db.select().from(lessons).where(eq(lessons.courseId, courseId)).orderBy(asc(lessons.position));
  return mods.map((m) => `${m.title}: ${rows.filter((l) => l.moduleId === m.id).map((l) => l.title).join(', ')}`).join(' | ');
}

const saved = (page: Page) => expect(page.getByTestId('save-status')).toHaveText('All changes saved');

async function openBuilder(page: Page, courseId: string) {
  await page.goto(`/courses/${courseId}/outline`);
  await expect(page.locator('[data-testid=outline-editor][data-ready]')).toBeVisible();
}

/** A real pointer drag: press on the handle, move in small steps, release over `target`. */
async function drag(page: Page, handle: Locator, target: Locator, at: 'upper' | 'lower' | 'middle' = 'upper') {
  const a = (await handle.boundingBox())!;
  const b = (await target.boundingBox())!;
  const x = a.x + a.width / 2;
  const y = a.y + a.height / 2;
  const ty = b.y + b.height * (at === 'upper' ? 0.25 : at === 'lower' ? 0.75 : 0.5);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + 8, { steps: 2 });
  await page.mouse.move(x, ty, { steps: 20 });
  await page.waitForTimeout(150);
  await page.mouse.move(x, ty + 1);
  await page.mouse.up();
}

/** Keyboard only: focus the handle, Space, arrows with pauses dnd-kit needs, Space. */
async function keyboardMove(page: Page, handleName: string, key: 'ArrowDown' | 'ArrowUp', times: number) {
  await page.getByRole('button', { name: handleName, exact: true }).focus();
  await page.keyboard.press('Space');
  await page.waitForTimeout(150);
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await page.waitForTimeout(150);
  }
  await page.keyboard.press('Space');
}

const row = (page: Page, title: string) => page.locator(`[data-lesson-row][data-lesson-title="${title}"]`);
const card = (page: Page, title: string) => page.locator(`[data-testid=module][data-module-title="${title}"]`);

test('an author builds an outline and rearranges it by mouse, keyboard, undo and redo', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const course = await createCourse(db, { ownerId: author.id });
  await signIn(page, author);
  await openBuilder(page, course.id);
  await expect(page.getByRole('heading', { name: 'No modules yet' })).toBeVisible();
  await expectAccessible(page);

  // Two modules and five lessons, through the forms.
  for (const title of ['Basics', 'Advanced']) {
    await page.getByLabel('New module').fill(title);
    await page.getByRole('button', { name: 'Add module' }).click();
    await expect(card(page, title)).toBeVisible();
  }
  const addLesson = async (module: string, title: string, type = 'Text') => {
    await page.getByLabel(`New lesson title in ${module}`).fill(title);
    await page.getByLabel(`Type of the new lesson in ${module}`).selectOption({ label: type });
    await card(page, module).getByRole('button', { name: 'Add lesson' }).click();
    await expect(row(page, title)).toBeVisible();
  };
  await addLesson('Basics', 'Intro', 'Video');
  await addLesson('Basics', 'Setup');
  await addLesson('Basics', 'Syntax', 'Quiz');
  await addLesson('Advanced', 'Types');
  await addLesson('Advanced', 'Generics', 'Homework');
  await expect(row(page, 'Intro').getByText('Video', { exact: true })).toBeVisible();
  await expect(row(page, 'Intro').getByRole('link', { name: 'Edit lesson Intro' })).toHaveAttribute('href', new RegExp(`/courses/${course.id}/lessons/`));
  expect(await shownOrder(page)).toBe('Basics: Intro, Setup, Syntax | Advanced: Types, Generics');
  await expectAccessible(page);

  // Mouse: Syntax above Intro.
  await drag(page, page.getByRole('button', { name: 'Drag lesson Syntax' }), row(page, 'Intro'), 'upper');
  await expect.poll(() => shownOrder(page)).toBe('Basics: Syntax, Intro, Setup | Advanced: Types, Generics');
  await saved(page);

  // Keyboard only: Syntax back down two places.
  await keyboardMove(page, 'Drag lesson Syntax', 'ArrowDown', 2);
  await expect.poll(() => shownOrder(page)).toBe('Basics: Intro, Setup, Syntax | Advanced: Types, Generics');
  await expect(page.getByRole('button', { name: 'Drag lesson Syntax' })).toBeFocused();
  await saved(page);
  await expect(page.getByTestId('outline-live')).toHaveText('Saved: lesson Syntax moved.');

  // Mouse, across modules: Types into Basics, before Setup.
  await drag(page, page.getByRole('button', { name: 'Drag lesson Types' }), row(page, 'Setup'), 'upper');
  await expect.poll(() => shownOrder(page)).toBe('Basics: Intro, Types, Setup, Syntax | Advanced: Generics');
  await saved(page);

  // Into an empty module: a new "Extras" card with no lessons accepts the drop.
  await page.getByLabel('New module').fill('Extras');
  await page.getByRole('button', { name: 'Add module' }).click();
  await expect(card(page, 'Extras').getByText('No lessons yet')).toBeVisible();
  await drag(page, page.getByRole('button', { name: 'Drag lesson Generics' }), card(page, 'Extras').getByText('No lessons yet'), 'middle');
  await expect.poll(() => shownOrder(page)).toBe('Basics: Intro, Types, Setup, Syntax | Advanced:  | Extras: Generics');
  await saved(page);

  // Keyboard across modules: Syntax down into the (now empty) Advanced module.
  await keyboardMove(page, 'Drag lesson Syntax', 'ArrowDown', 1);
  await expect.poll(() => shownOrder(page)).toBe('Basics: Intro, Types, Setup | Advanced: Syntax | Extras: Generics');
  await saved(page);

  // The order survives a reload and is what the database holds.
  await page.reload();
  await expect(page.locator('[data-testid=outline-editor][data-ready]')).toBeVisible();
  expect(await shownOrder(page)).toBe('Basics: Intro, Types, Setup | Advanced: Syntax | Extras: Generics');
  expect(await storedOrder(course.id)).toBe('Basics: Intro, Types, Setup | Advanced: Syntax | Extras: Generics');

  // Undo (Ctrl+Z) and redo (Ctrl+Shift+Z) with focus outside any text field.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+z');
  await expect.poll(() => shownOrder(page)).toBe('Basics: Intro, Types, Setup, Syntax | Advanced:  | Extras: Generics');
  await expect.poll(() => storedOrder(course.id)).toBe('Basics: Intro, Types, Setup, Syntax | Advanced:  | Extras: Generics');
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => shownOrder(page)).toBe('Basics: Intro, Types, Setup | Advanced: Syntax | Extras: Generics');
  await expect.poll(() => storedOrder(course.id)).toBe('Basics: Intro, Types, Setup | Advanced: Syntax | Extras: Generics');

  // A folded module still takes drops on its header; the fold survives a reload.
  await page.getByRole('button', { name: 'Collapse module Extras' }).click();
  await expect(row(page, 'Generics')).toBeHidden();
  await drag(page, page.getByRole('button', { name: 'Drag lesson Setup' }), page.getByRole('button', { name: 'Expand module Extras' }), 'middle');
  await expect(card(page, 'Extras').getByText('2 lessons')).toBeVisible();
  await saved(page);
  await expect.poll(() => storedOrder(course.id)).toBe('Basics: Intro, Types | Advanced: Syntax | Extras: Generics, Setup');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Expand module Extras' })).toHaveAttribute('aria-expanded', 'false');

  // Modules: keyboard drag Extras to the top, then the non-drag "down" button.
  await keyboardMove(page, 'Drag module Extras', 'ArrowUp', 2);
  await expect.poll(() => page.$$eval('[data-testid=module]', (ms) => ms.map((m) => (m as HTMLElement).dataset.moduleTitle).join(','))).toBe('Extras,Basics,Advanced');
  await saved(page);
  await page.getByRole('button', { name: 'Move module Basics down' }).click();
  await expect.poll(() => storedOrder(course.id)).toBe('Extras: Generics, Setup | Advanced: Syntax | Basics: Intro, Types');
  await expectAccessible(page);
});

test('selection, Move to…, autosaved titles, a conflicting editor and undoable deletes', async ({ page, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const course = await createCourse(db, { ownerId: author.id, modules: 2, lessonsPerModule: 3 });
  await signIn(page, author);
  await openBuilder(page, course.id);
  expect(await shownOrder(page)).toBe('Module 1: Lesson 1.1, Lesson 1.2, Lesson 1.3 | Module 2: Lesson 2.1, Lesson 2.2, Lesson 2.3');

  // Select two lessons and move them together to the other module without dragging.
  await page.getByLabel('Select lesson Lesson 1.1').check();
  await page.getByLabel('Select lesson Lesson 1.3').check();
  await expect(page.getByText('2 lessons selected')).toBeVisible();
  await page.getByRole('button', { name: 'Move selected to…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move 2 lessons' });
  await dialog.getByLabel('Module').selectOption({ label: '2. Module 2' });
  await dialog.getByLabel('Position').selectOption({ label: '2' });
  await dialog.getByRole('button', { name: 'Move' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => shownOrder(page)).toBe('Module 1: Lesson 1.2 | Module 2: Lesson 2.1, Lesson 1.1, Lesson 1.3, Lesson 2.2, Lesson 2.3');
  await saved(page);
  expect(await storedOrder(course.id)).toBe('Module 1: Lesson 1.2 | Module 2: Lesson 2.1, Lesson 1.1, Lesson 1.3, Lesson 2.2, Lesson 2.3');

  // Dragging one selected lesson carries the whole selection.
  await drag(page, page.getByRole('button', { name: 'Drag lesson Lesson 1.1' }), row(page, 'Lesson 1.2'), 'lower');
  await expect.poll(() => shownOrder(page)).toBe('Module 1: Lesson 1.2, Lesson 1.1, Lesson 1.3 | Module 2: Lesson 2.1, Lesson 2.2, Lesson 2.3');
  await saved(page);
  await page.getByRole('button', { name: 'Clear selection' }).click();

  // Titles save themselves; a reload shows the new one.
  const lessonId = (await row(page, 'Lesson 2.2').getAttribute('data-lesson-row'))!;
  const title = page.locator(`[data-lesson-row="${lessonId}"]`).getByLabel('Lesson title');
  await title.fill('Closures in depth');
  await expect(page.locator(`[data-lesson-row="${lessonId}"]`).getByRole('status')).toHaveText('Saved');
  await page.reload();
  await expect(page.locator(`[data-lesson-row="${lessonId}"]`).getByLabel('Lesson title')).toHaveValue('Closures in depth');

  // Too long: the server's message shows next to the field; Escape puts the saved title back.
  const moduleTitle = card(page, 'Module 1').getByLabel('Module title');
  await moduleTitle.fill('x'.repeat(201));
  await expect(card(page, 'Module 1').getByText('Title must be at most 200 characters.')).toBeVisible();
  await expect(card(page, 'Module 1').getByText("Couldn't save —")).toBeVisible();
  await moduleTitle.press('Escape');
  await expect(moduleTitle).toHaveValue('Module 1');

  // Another editor changed the outline meanwhile: the move is refused, the outline reloads.
  await db.execute(sql`update courses set outline_version = outline_version + 1 where id = ${course.id}`);
  const [{ version }] = (await db.select({ version: courses.outlineVersion }).from(courses).where(eq(courses.id, course.id))) as [{ version: number }];
  await keyboardMove(page, 'Drag lesson Lesson 2.1', 'ArrowDown', 1);
  await expect(page.locator('[data-sonner-toast]').filter({ hasText: 'Another editor changed this outline' })).toBeVisible();
  await expect(page.getByTestId('outline-editor')).toHaveAttribute('data-version', String(version));
  await expect.poll(() => shownOrder(page)).toBe(await storedOrder(course.id));
  expect(await shownOrder(page)).toBe('Module 1: Lesson 1.2, Lesson 1.1, Lesson 1.3 | Module 2: Lesson 2.1, Closures in depth, Lesson 2.3');
  // …and the next move works against the fresh version.
  await keyboardMove(page, 'Drag lesson Lesson 2.1', 'ArrowDown', 1);
  await expect.poll(() => storedOrder(course.id)).toBe('Module 1: Lesson 1.2, Lesson 1.1, Lesson 1.3 | Module 2: Closures in depth, Lesson 2.1, Lesson 2.3');

  // Delete a lesson, then take it back from the toast.
  await page.getByRole('button', { name: 'Delete lesson Lesson 2.3' }).click();
  await expect(row(page, 'Lesson 2.3')).toBeHidden();
  const toast = page.locator('[data-sonner-toast]').filter({ hasText: 'Lesson deleted.' });
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(row(page, 'Lesson 2.3')).toBeVisible();
  await expect.poll(() => storedOrder(course.id)).toBe('Module 1: Lesson 1.2, Lesson 1.1, Lesson 1.3 | Module 2: Closures in depth, Lesson 2.1, Lesson 2.3');

  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
});

test('another author cannot open the builder of a course they do not edit', async ({ page, makeUser }) => {
  const owner = await makeUser({ role: 'author' });
  const course = await createCourse(db, { ownerId: owner.id, modules: 1, lessonsPerModule: 1 });
  await signIn(page, await makeUser({ role: 'author' }));
  expect((await page.goto(`/courses/${course.id}/outline`))?.status()).toBe(404);
  expect((await page.goto('/courses/not-a-uuid/outline'))?.status()).toBe(404);
});
