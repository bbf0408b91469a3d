import type { Page } from '@playwright/test';
import { and, asc, eq, sql } from 'drizzle-orm';
import { createCourse, enroll } from '../../db/factories';
import { courses, lessons, quizAttempts, quizQuestions, quizzes } from '../../db/schema';
import { db, expect, expectAccessible, signIn, test } from '../fixtures';

/** Keyboard only: focus the handle, Space, arrows with the pauses dnd-kit needs, Space. */
async function keyboardMove(page: Page, handle: RegExp, key: 'ArrowDown' | 'ArrowUp', times: number) {
  const button = page.getByRole('button', { name: handle });
  await button.focus();
  await expect(button).toBeFocused();
  // dnd-kit measures and moves between key presses; on a loaded machine 150 ms is not always enough.
  await page.keyboard.press('Space');
  await page.waitForTimeout(400);
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await page.waitForTimeout(400);
  }
  await page.keyboard.press('Space');
}

const questionOrder = async (lessonId: string) =>
  (await db.select({ prompt: quizQuestions.prompt }).from(quizQuestions).where(eq(quizQuestions.lessonId, lessonId)).orderBy(asc(quizQuestions.position))).map((r) => r.prompt);

test('an author builds a quiz by drag and drop; a student fails, waits out the cooldown, passes and the next lesson unlocks', async ({ page, browser, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const course = await createCourse(db, { ownerId: author.id, status: 'published', modules: 1, lessonsPerModule: 2 });
  await db.update(courses).set({ isSequential: true }).where(eq(courses.id, course.id));
  const [quizId, nextId] = course.modules[0]!.lessonIds;
  await db.update(lessons).set({ type: 'quiz', title: 'Checkpoint quiz', completionRule: { kind: 'quiz_passed' } }).where(eq(lessons.id, quizId!));
  await db.update(lessons).set({ title: 'After the quiz' }).where(eq(lessons.id, nextId!));

  // ---- authoring ----
  await signIn(page, author);
  await page.goto(`/courses/${course.id}/lessons/${quizId}`);
  const editor = page.getByTestId('quiz-editor');
  await expect(editor).toBeVisible();

  await page.getByLabel('Pass mark (%)').fill('150');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Enter a pass mark from 0 to 100.')).toBeVisible();
  await page.getByLabel('Pass mark (%)').fill('100');
  await page.getByLabel('Attempts allowed').fill('3');
  await page.getByLabel('Cooldown between attempts (minutes)').fill('10');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Quiz settings saved.')).toBeVisible();

  // A single-choice question: saving without a correct option shows the error next to the options.
  await page.getByRole('button', { name: 'Add question' }).click();
  const form = page.getByRole('form', { name: 'New question' });
  await form.getByLabel('Question', { exact: true }).fill('Capital of France?');
  await form.getByLabel('Option 1', { exact: true }).fill('London');
  await form.getByLabel('Option 2', { exact: true }).fill('Paris');
  await form.getByRole('button', { name: 'Save question' }).click();
  await expect(form.getByText('Mark at least one option as correct.')).toBeVisible();
  await form.getByLabel('Option 2 is correct').check();
  await form.getByLabel('Feedback for option 1').fill('London is the capital of the UK.');
  await form.getByRole('button', { name: 'Save question' }).click();
  await expect(page.getByTestId('question-prompt')).toHaveText(['Capital of France?']);

  // A true/false question.
  await page.getByRole('button', { name: 'Add question' }).click();
  const form2 = page.getByRole('form', { name: 'New question' });
  await form2.getByLabel('Question type').selectOption({ label: 'True / false' });
  await form2.getByLabel('Question', { exact: true }).fill('The sky is blue.');
  await form2.getByRole('button', { name: 'Save question' }).click();
  await expect(form2.getByText('Choose whether the statement is true or false.')).toBeVisible();
  await form2.getByRole('radio', { name: 'True' }).check();
  await form2.getByRole('button', { name: 'Save question' }).click();
  await expect(page.getByTestId('question-prompt')).toHaveText(['Capital of France?', 'The sky is blue.']);
  await expectAccessible(page);

  // Keyboard drag: the first question goes below the second.
  await keyboardMove(page, /^Reorder question 1:/, 'ArrowDown', 1);
  await expect(page.getByRole('status').filter({ hasText: 'dropped at position 2 of 2' })).toBeAttached();
  await expect(page.getByTestId('question-prompt')).toHaveText(['The sky is blue.', 'Capital of France?']);
  await expect.poll(() => questionOrder(quizId!)).toEqual(['The sky is blue.', 'Capital of France?']);

  // Preview shows the question as students see it.
  await page.getByRole('button', { name: 'Preview question 2' }).click();
  await expect(page.getByRole('region', { name: 'Preview of question 2' }).getByRole('radio', { name: 'Paris' })).toBeVisible();

  // ---- taking ----
  const student = await makeUser({ role: 'student' });
  await enroll(db, course.id, student.id);
  const ctx = await browser.newContext();
  const sp = await ctx.newPage();
  await signIn(sp, student);
  await sp.goto(`/learn/${course.slug}/${quizId}`);
  await expect(sp.getByText(/Next: “After the quiz”/)).toBeVisible();
  await expectAccessible(sp);
  await sp.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(sp.getByTestId('quiz-attempt')).toBeVisible();
  // The browser never receives the correct answers before submitting.
  expect(await sp.content()).not.toContain('London is the capital');

  // Save and continue: an answer survives a reload.
  await sp.getByRole('radio', { name: 'False' }).check();
  await sp.getByRole('button', { name: 'Save and continue later' }).click();
  await expect(sp.getByText('Answers saved')).toBeVisible();
  await sp.reload();
  await expect(sp.getByRole('radio', { name: 'False' })).toBeChecked();
  await sp.getByRole('radio', { name: 'London' }).check();
  await expectAccessible(sp);
  await sp.getByRole('button', { name: 'Submit answers' }).click();
  await sp.getByRole('button', { name: 'Yes, submit' }).click();
  const result = sp.getByTestId('quiz-result');
  await expect(result).toHaveAttribute('data-passed', 'false');
  await expect(result).toContainText('London is the capital of the UK.');
  await expect(sp.getByTestId('quiz-blocked')).toContainText('You can try again at');
  await expect(sp.getByText(/Next: “After the quiz”/)).toBeVisible();

  // The cooldown passes (the previous attempt is moved back in time).
  await db
    .update(quizAttempts)
    .set({ submittedAt: sql`now() - interval '11 minutes'` })
    .where(and(eq(quizAttempts.userId, student.id), eq(quizAttempts.lessonId, quizId!)));
  await sp.reload();
  await sp.getByRole('button', { name: 'Try again' }).click();
  await expect(sp.getByRole('heading', { name: 'Attempt 2' })).toBeVisible();
  await sp.getByRole('radio', { name: 'True' }).check();
  await sp.getByRole('radio', { name: 'Paris' }).check();
  await sp.getByRole('button', { name: 'Submit answers' }).click();
  await sp.getByRole('button', { name: 'Yes, submit' }).click();
  await expect(sp.getByTestId('quiz-result')).toHaveAttribute('data-passed', 'true');
  await expect(sp.getByTestId('quiz-score')).toContainText('2 of 2 (100%)');
  await expect(sp.getByRole('link', { name: /Next lesson/ })).toBeVisible();
  await expectAccessible(sp);
  await sp.getByRole('link', { name: /Next lesson/ }).click();
  await expect(sp.getByRole('heading', { level: 1 })).toHaveText('After the quiz');
  await expect(sp.getByTestId('lesson')).not.toHaveAttribute('data-lesson-state', 'locked');
  await ctx.close();
});

test('one question per page with an open answer: the attempt waits for a teacher, whose grade completes the lesson; visitors only read a free-preview quiz', async ({ page, browser, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const course = await createCourse(db, { ownerId: author.id, status: 'published', modules: 1, lessonsPerModule: 2 });
  const [quizId] = course.modules[0]!.lessonIds;
  await db.update(lessons).set({ type: 'quiz', title: 'Essay quiz', isFreePreview: true, completionRule: { kind: 'quiz_passed' } }).where(eq(lessons.id, quizId!));
  await db.insert(quizzes).values({ lessonId: quizId!, courseId: course.id, passPercent: 50, layout: 'one_per_page', timeLimitSeconds: 600 });
  await db.insert(quizQuestions).values([
    { lessonId: quizId!, position: 0, type: 'number', prompt: 'Pi to two decimals?', points: 1, config: { value: 3.14, tolerance: 0.005 } },
    { lessonId: quizId!, position: 1, type: 'open', prompt: 'Why is the sky blue?', points: 3, config: {} },
  ]);

  // A visitor sees the questions of a free-preview quiz but cannot start it.
  const anon = await browser.newContext();
  const ap = await anon.newPage();
  await ap.goto(`/learn/${course.slug}/${quizId}`);
  await expect(ap.getByText('Enroll in the course to take this quiz.')).toBeVisible();
  await expect(ap.getByText('Why is the sky blue?')).toBeVisible();
  await expect(ap.getByRole('button', { name: 'Start the quiz' })).toHaveCount(0);
  await anon.close();

  const student = await makeUser({ role: 'student' });
  await enroll(db, course.id, student.id);
  const ctx = await browser.newContext();
  const sp = await ctx.newPage();
  await signIn(sp, student);
  await sp.goto(`/learn/${course.slug}/${quizId}`);
  await sp.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(sp.getByText('Question 1 of 2 · 0 answered')).toBeVisible();
  await expect(sp.getByTestId('quiz-timer')).toContainText(/Time left: (9|10):/);
  await sp.getByLabel('Your answer').fill('3.14');
  await sp.getByRole('button', { name: 'Next question' }).click();
  await expect(sp.getByText('Question 2 of 2 · 1 answered')).toBeVisible();
  await sp.getByLabel('Your answer').fill('Rayleigh scattering of sunlight.');
  await expectAccessible(sp);
  await sp.getByRole('button', { name: 'Submit answers' }).click();
  await sp.getByRole('button', { name: 'Yes, submit' }).click();
  await expect(sp.getByTestId('quiz-result')).toContainText('Waiting for a teacher');

  await signIn(page, author);
  await page.goto(`/courses/${course.id}/lessons/${quizId}`);
  const grading = page.getByRole('form', { name: new RegExp(`${student.name}, attempt 1`) });
  await expect(grading).toContainText('Rayleigh scattering of sunlight.');
  await grading.getByLabel('Points (0–3)').fill('2');
  await grading.getByRole('button', { name: 'Save grade' }).click();
  await expect(page.getByText('No attempts are waiting for a grade.')).toBeVisible();
  const row = await db.query.quizAttempts.findFirst({ where: eq(quizAttempts.userId, student.id) });
  expect(row).toMatchObject({ status: 'graded', score: 3, maxScore: 4, passed: true, gradedById: author.id });

  await sp.reload();
  await expect(sp.getByTestId('quiz-result')).toHaveAttribute('data-passed', 'true');
  await expect(sp.getByTestId('completion')).toContainText('You completed this lesson');
  await ctx.close();
});
