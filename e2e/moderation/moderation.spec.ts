import type { Browser, Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { createCourse, enroll } from '../../db/factories';
import { homeworkMessages, homeworkSubmissions, lessons, moderationActions, moderationCases, moderationReports } from '../../db/schema';
import { db, expect, expectAccessible, signIn, test, type TestUser } from '../fixtures';

// A student reports a lesson; a moderator claims the case and hides the lesson; the student loses it
// and the author is told why (not by whom); an admin reverts; the audit log shows every step.

test.describe.configure({ timeout: 180_000 });

async function as(browser: Browser, user: TestUser, scheme: 'light' | 'dark' = 'light') {
  const ctx = await browser.newContext({ colorScheme: scheme });
  const page = await ctx.newPage();
  await signIn(page, user);
  return page;
}

async function lessonCourse(ownerId: string) {
  const course = await createCourse(db, { ownerId, status: 'published', modules: 1, lessonsPerModule: 2 });
  const [lessonId, otherId] = course.modules[0]!.lessonIds as [string, string];
  const title = `Offensive lesson ${course.slug}`;
  await db.update(lessons).set({ title, contentHtml: '<p>Some very rude words.</p>' }).where(eq(lessons.id, lessonId));
  return { course, lessonId, otherId, title };
}

const lessonVisible = async (page: Page, url: string) => (await page.goto(url))!.status() === 200;

test('report → claim → hide (student loses it, author told the reason) → admin revert → audit log', async ({ page, browser, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const student = await makeUser({ role: 'student' });
  const moderator = await makeUser({ role: 'moderator', name: `Mod ${Date.now()}` });
  const admin = await makeUser({ role: 'admin' });
  const { course, lessonId, title } = await lessonCourse(author.id);
  await enroll(db, course.id, student.id);
  const lessonUrl = `/learn/${course.slug}/${lessonId}`;

  // The student reports the lesson; "Other" without details is refused in the form.
  await signIn(page, student);
  await page.goto(lessonUrl);
  await expect(page.getByText('Some very rude words.')).toBeVisible();
  await page.getByRole('button', { name: /report this lesson/i }).click();
  const dialog = page.getByRole('dialog', { name: 'Report a problem' });
  await dialog.getByLabel('Reason').selectOption('other');
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(dialog.getByText('Describe the problem when the reason is “Other”.')).toBeVisible();
  await dialog.getByLabel('Reason').selectOption('inappropriate');
  await dialog.getByLabel('Details').fill('Insults in the second paragraph');
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByText('Thank you. Your report was sent to the moderators.')).toBeVisible();
  await page.goto('/reports');
  await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText('Pending review');

  // The moderator finds it at the top of the queue, opens it, claims it and hides the lesson.
  const mod = await as(browser, moderator);
  await mod.goto(`/moderation?courseId=${course.id}`);
  const row = mod.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('Inappropriate or offensive');
  await expectAccessible(mod);
  await row.getByRole('link', { name: title }).click();
  await expect(mod.getByRole('heading', { level: 1 })).toHaveText(`Case: ${title}`);
  await expect(mod.getByTestId('case-reports')).toContainText('Insults in the second paragraph');
  await expect(mod.getByTestId('case-snapshot')).toContainText('Some very rude words.');
  await expectAccessible(mod);
  await mod.getByRole('button', { name: 'Assign to me' }).click();
  await expect(mod.getByTestId('case-assignee')).toHaveText(moderator.name);
  await mod.getByLabel('Action').selectOption('hide_lesson');
  await mod.getByLabel('Reason', { exact: true }).fill('Offensive language');
  await mod.getByRole('button', { name: 'Apply' }).click();
  await expect(mod.getByTestId('case-summary')).toContainText('Resolved');
  await expect(mod.getByTestId('case-current')).toContainText('Hidden by moderation');

  // The student no longer gets the lesson (the server refuses it, not just the menu).
  expect(await lessonVisible(page, lessonUrl)).toBe(false);
  await page.goto('/reports');
  await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText('Hide lesson');

  // The author is told what and why, never who reported.
  const auth = await as(browser, author);
  await auth.goto('/notifications');
  const notice = auth.getByTestId('notification-list');
  await expect(notice).toContainText(`A moderator hid your lesson “${title}”. Reason: Offensive language`);
  await expect(notice).not.toContainText(student.email);
  await expect(notice).not.toContainText(student.name);
  // The author (course staff) still opens the lesson, with a note that students cannot.
  await auth.goto(lessonUrl);
  await expect(auth.getByTestId('lesson-hidden-notice')).toBeVisible();
  await expectAccessible(auth);

  // An admin reverts; the lesson is back for the student.
  const adm = await as(browser, admin, 'dark');
  const caseId = (await db.query.moderationCases.findFirst({ where: eq(moderationCases.targetId, lessonId) }))!.id;
  await adm.goto(`/moderation/cases/${caseId}`);
  await expectAccessible(adm);
  await adm.getByRole('button', { name: 'Revert', exact: true }).click();
  const revert = adm.getByRole('dialog', { name: 'Revert “Hide lesson”' });
  await revert.getByLabel('Reason for reverting').fill('Appeal accepted');
  await revert.getByRole('button', { name: 'Revert' }).click();
  await expect(adm.getByTestId('case-actions')).toContainText('Appeal accepted');
  await expect(adm.getByTestId('case-summary')).toContainText('In review');
  expect(await lessonVisible(page, lessonUrl)).toBe(true);
  await expect(page.getByText('Some very rude words.')).toBeVisible();

  // The audit log shows each step, newest first, and exports as CSV.
  await adm.goto(`/moderation/audit`);
  const actions = await adm.getByTestId('moderation-audit-row').evaluateAll((rows, id) => rows.filter((r) => r.textContent?.includes(id)).map((r) => r.getAttribute('data-action')), lessonId);
  expect(actions).toEqual(['moderation.revert.hide_lesson', 'moderation.hide_lesson', 'moderation.assign', 'moderation.report_filed']);
  await adm.goto(`/moderation/audit?action=moderation.hide_lesson&actorId=${moderator.id}`);
  await expect(adm.getByTestId('moderation-audit-row').filter({ hasText: lessonId })).toHaveCount(1);
  await expectAccessible(adm);
  const csv = await adm.request.get(`/api/moderation/audit?actorId=${moderator.id}`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const text = await csv.text();
  expect(text.split('\r\n')[0]).toBe('"id","time_utc","action","actor","actor_id","target_type","target_id","case_id","reason"');
  expect(text).toContain('"moderation.hide_lesson"');
  // Moderators cannot read the audit log or its export.
  expect((await mod.request.get('/api/moderation/audit')).status()).toBe(403);
  expect((await mod.goto('/moderation/audit'))!.status()).toBe(404);
});

test('a second moderator acting on a stale case gets a conflict; keyboard triage assigns and dismisses', async ({ page, browser, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const student = await makeUser({ role: 'student' });
  const m1 = await makeUser({ role: 'moderator' });
  const m2 = await makeUser({ role: 'moderator' });
  const { course, lessonId, title } = await lessonCourse(author.id);
  await enroll(db, course.id, student.id);
  await signIn(page, student);
  await page.goto(`/learn/${course.slug}/${lessonId}`);
  await page.getByRole('button', { name: /report this lesson/i }).click();
  await page.getByRole('dialog').getByLabel('Reason').selectOption('spam');
  await page.getByRole('dialog').getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByText('Thank you. Your report was sent to the moderators.')).toBeVisible();
  const caseId = (await db.query.moderationCases.findFirst({ where: eq(moderationCases.targetId, lessonId) }))!.id;

  // Both open the case; the first hides the lesson, the second (on the old version) is refused.
  const a = await as(browser, m1);
  const b = await as(browser, m2, 'dark');
  await a.goto(`/moderation/cases/${caseId}`);
  await b.goto(`/moderation/cases/${caseId}`);
  await a.getByLabel('Action').selectOption('hide_lesson');
  await a.getByLabel('Reason', { exact: true }).fill('first');
  await a.getByRole('button', { name: 'Apply' }).click();
  await expect(a.getByTestId('case-summary')).toContainText('Resolved');
  await b.getByLabel('Action').selectOption('dismiss');
  await b.getByLabel('Reason', { exact: true }).fill('second');
  await b.getByRole('button', { name: 'Apply' }).click();
  await expect(b.getByText('Another moderator changed this case.', { exact: false }).first()).toBeVisible();
  expect(await db.select().from(moderationActions).where(eq(moderationActions.caseId, caseId))).toHaveLength(1);

  // Keyboard triage on the queue: j focuses the first case, a assigns it, d asks for a reason and dismisses.
  const other = await lessonCourse(author.id);
  await enroll(db, other.course.id, student.id);
  await page.goto(`/learn/${other.course.slug}/${other.lessonId}`);
  await page.getByRole('button', { name: /report this lesson/i }).click();
  await page.getByRole('dialog').getByLabel('Reason').selectOption('broken');
  await page.getByRole('dialog').getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByText('Thank you. Your report was sent to the moderators.')).toBeVisible();
  await b.goto(`/moderation?courseId=${other.course.id}`);
  await expectAccessible(b);
  await b.getByRole('button', { name: /keyboard shortcuts/i }).click();
  await expect(b.locator('#triage-help')).toContainText('assign to me');
  await b.locator('body').click({ position: { x: 1, y: 1 } });
  await b.keyboard.press('j');
  await expect(b.getByRole('link', { name: other.title })).toBeFocused();
  await b.keyboard.press('a');
  await expect(b.getByRole('row', { name: new RegExp(other.title) })).toContainText(m2.name);
  await b.keyboard.press('j');
  await b.keyboard.press('d');
  const dismiss = b.getByRole('dialog', { name: /dismiss 1 case/i });
  await dismiss.getByLabel('Reason for dismissing').fill('Works for me');
  await dismiss.getByRole('button', { name: 'Dismiss' }).click();
  await expect(b.getByText('The queue is empty')).toBeVisible();
  const closed = await db.query.moderationCases.findFirst({ where: eq(moderationCases.targetId, other.lessonId) });
  expect(closed).toMatchObject({ status: 'dismissed', resolutionNote: 'Works for me', assigneeId: m2.id });
  expect(title).toBeTruthy();
});

test('a visitor reports a public course with an email; charts render over seeded data, as tables too, with CSV', async ({ page, browser, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const moderator = await makeUser({ role: 'moderator' });
  const course = await createCourse(db, { ownerId: author.id, status: 'published', modules: 1, lessonsPerModule: 1 });
  await page.goto(`/c/${course.slug}`);
  await page.getByRole('button', { name: /report this course/i }).click();
  const dialog = page.getByRole('dialog', { name: 'Report a problem' });
  await dialog.getByLabel('Reason').selectOption('copyright');
  await dialog.getByLabel('Evidence link (optional)').fill('https://example.com/original');
  await dialog.getByLabel('Your email').fill(`visitor-${Date.now()}@example.com`);
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByText('Thank you. Your report was sent to the moderators.')).toBeVisible();

  // A moderator unpublishes the course; its author cannot just publish it again.
  const [courseCase] = await db.select({ id: moderationCases.id }).from(moderationCases).where(and(eq(moderationCases.targetType, 'course'), eq(moderationCases.targetId, course.id)));
  const mod = await as(browser, moderator);
  await mod.goto(`/moderation/cases/${courseCase!.id}`);
  await mod.getByLabel('Action').selectOption('unpublish_course');
  await mod.getByLabel('Reason', { exact: true }).fill('Copied from another school');
  await mod.getByRole('button', { name: 'Apply' }).click();
  await expect(mod.getByTestId('case-summary')).toContainText('Resolved');
  const auth = await as(browser, author);
  await auth.goto(`/courses/${course.id}/settings`);
  await expect(auth.getByText('A moderator unpublished this course after a report.')).toBeVisible();
  await expect(auth.getByRole('button', { name: 'Publish', exact: true })).toBeDisabled();

  // Seed a few weeks of history: cases over several days, some closed, with actions.
  const day = 86_400_000;
  for (let i = 1; i <= 6; i++) {
    const created = new Date(Date.now() - i * 3 * day);
    const [c] = await db
      .insert(moderationCases)
      .values({ targetType: 'course', targetId: crypto.randomUUID(), courseId: course.id, title: `Seeded ${i}`, status: i % 2 ? 'resolved' : 'open', reportCount: 1, createdAt: created, firstReportAt: created, firstResponseAt: new Date(created.getTime() + i * 3_600_000), closedAt: i % 2 ? new Date(created.getTime() + i * 7_200_000) : null })
      .returning();
    await db.insert(moderationReports).values({ caseId: c!.id, reason: i % 2 ? 'spam' : 'misleading', reporterEmail: `seed-${i}-${Date.now()}@example.com`, snapshot: { kind: 'course', title: 'x' }, createdAt: created });
    if (i % 2) await db.insert(moderationActions).values({ caseId: c!.id, actorId: moderator.id, type: 'dismiss', reason: 'seed', before: {}, after: {}, createdAt: new Date(created.getTime() + i * 7_200_000) });
  }

  await mod.goto('/moderation/stats?range=30d');
  for (const id of ['chart-reports-by-day', 'chart-backlog', 'chart-timings', 'chart-actions', 'chart-throughput', 'chart-top-courses']) {
    // Charts are drawn when they come into view.
    await mod.getByTestId(id).scrollIntoViewIfNeeded();
    await expect(mod.getByTestId(id).locator('.recharts-wrapper svg.recharts-surface').first()).toBeVisible();
  }
  await expect(mod.getByTestId('chart-reports-by-day').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expectAccessible(mod);
  for (const id of ['chart-top-courses', 'chart-throughput']) await mod.getByTestId(id).getByRole('button', { name: 'Show as table' }).click();
  await expect(mod.getByRole('table', { name: 'Most reported courses' })).toContainText(course.title);
  await expect(mod.getByRole('table', { name: 'Actions per moderator' })).toContainText(moderator.name);
  // Each chart's CSV is its rows.
  const download = mod.waitForEvent('download');
  await mod.getByTestId('chart-top-courses').getByRole('button', { name: /Download CSV/ }).click();
  expect((await download).suggestedFilename()).toBe('top-courses.csv');
  await expectAccessible(mod);
  const csv = await mod.request.get('/api/moderation/stats?range=30d');
  expect(await csv.text()).toContain(`"top_reported_courses","${course.title}","${course.id}"`);
  // A custom range.
  await mod.goto('/moderation/stats');
  await mod.getByLabel('From', { exact: true }).fill('2026-01-01');
  await mod.getByLabel('To', { exact: true }).fill('2026-01-07');
  await mod.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(mod.getByTestId('stats-range')).toHaveText('2026-01-01 – 2026-01-07');
  // Students have no queue and no charts.
  const student = await makeUser({ role: 'student' });
  const st = await as(browser, student);
  expect((await st.goto('/moderation'))!.status()).toBe(404);
  expect((await st.goto('/moderation/stats'))!.status()).toBe(404);
  expect((await st.request.get('/api/moderation/stats')).status()).toBe(403);
});

test('a student reports a teacher’s homework message; a moderator removes it and the thread shows it removed', async ({ page, browser, makeUser }) => {
  const author = await makeUser({ role: 'author' });
  const student = await makeUser({ role: 'student' });
  const moderator = await makeUser({ role: 'moderator' });
  const course = await createCourse(db, { ownerId: author.id, status: 'published', modules: 1, lessonsPerModule: 1 });
  const lessonId = course.modules[0]!.lessonIds[0]!;
  await db.update(lessons).set({ type: 'homework', completionRule: { kind: 'homework_accepted' } }).where(eq(lessons.id, lessonId));
  await enroll(db, course.id, student.id);
  const [sub] = await db.insert(homeworkSubmissions).values({ lessonId, courseId: course.id, studentId: student.id }).returning();
  await db.insert(homeworkMessages).values([
    { submissionId: sub!.id, authorId: student.id, role: 'student', kind: 'submission', bodyHtml: '<p>My answer</p>' },
    { submissionId: sub!.id, authorId: author.id, role: 'teacher', kind: 'comment', bodyHtml: '<p>An insulting remark</p>' },
  ]);

  await signIn(page, student);
  await page.goto(`/learn/${course.slug}/${lessonId}`);
  // Only the other person's message can be reported.
  await expect(page.getByRole('button', { name: /report this homework message/i })).toHaveCount(1);
  await page.getByRole('button', { name: /report this homework message/i }).click();
  const dialog = page.getByRole('dialog', { name: 'Report a problem' });
  await dialog.getByLabel('Reason').selectOption('inappropriate');
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByText('Thank you. Your report was sent to the moderators.')).toBeVisible();

  const caseRow = await db.query.moderationCases.findFirst({ where: eq(moderationCases.courseId, course.id) });
  const mod = await as(browser, moderator);
  await mod.goto(`/moderation/cases/${caseRow!.id}`);
  await expect(mod.getByTestId('case-snapshot')).toContainText('An insulting remark');
  await mod.getByLabel('Action').selectOption('remove_message');
  await mod.getByLabel('Reason', { exact: true }).fill('Insult');
  await mod.getByRole('button', { name: 'Apply' }).click();
  await expect(mod.getByTestId('case-current')).toContainText('Removed by moderation');

  await page.reload();
  await expect(page.getByTestId('homework-thread')).toContainText('This message was removed.');
  await expect(page.getByTestId('homework-thread')).not.toContainText('An insulting remark');
});
