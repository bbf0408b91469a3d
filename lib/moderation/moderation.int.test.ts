import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { createCourse, enroll } from '@/db/factories';
import { auditEvents, courses, homeworkMessages, homeworkSubmissions, lessons, moderationActions, moderationCases, moderationReports, notifications, users } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { publishCourse, PublishBlockedError, unpublishCourse } from '@/lib/courses/change-course-status';
import { checkPublishable } from '@/lib/courses/queries';
import { makeActor } from '@/lib/courses/test-utils';
import { openableLesson } from '@/lib/learning/access';
import { REPORTS_PER_MINUTE, type ModerationActionType } from './constants';
import { createReport } from './create-report';
import { addNote, assignCase, bulkCases, revertAction, takeAction } from './mutations';
import { getCaseDetail, listMyReports, listQueue } from './queries';
import { createReportSchema, queueFilterSchema, type CreateReportInput } from './schemas';
import { getModerationStats, resolveRange, statsToCsv } from './stats';
import { codeOf } from '@/test/error-code';


const report = (reporter: SessionUser | null, input: Partial<CreateReportInput> & Pick<CreateReportInput, 'targetType' | 'targetId'>) =>
  createReport(reporter, { reason: 'inappropriate', details: '', evidenceUrl: null, email: null, ...input }, { ip: '198.51.100.7' });

const caseRow = (id: string) => db.query.moderationCases.findFirst({ where: eq(moderationCases.id, id) });

/** A published course (author = owner) with two text lessons, an enrolled student. */
async function setup() {
  const author = await makeActor('author');
  const student = await makeActor('student');
  const moderator = await makeActor('moderator');
  const admin = await makeActor('admin');
  const course = await createCourse(db, { ownerId: author.id, status: 'published', modules: 1, lessonsPerModule: 2 });
  await enroll(db, course.id, student.id);
  const [lessonId, otherLessonId] = course.modules[0]!.lessonIds as [string, string];
  return { author, student, moderator, admin, course, lessonId, otherLessonId };
}

describe('reporting', () => {
  it('groups reports of one target into one case, merges a reporter’s duplicates, and orders by severity then count', async () => {
    const { student, course, lessonId, otherLessonId } = await setup();
    const second = await makeActor('student');
    await enroll(db, course.id, second.id);
    const a = await report(student, { targetType: 'lesson', targetId: lessonId, reason: 'broken' });
    const b = await report(second, { targetType: 'lesson', targetId: lessonId, reason: 'privacy', details: 'my phone number' });
    expect(b.caseId).toBe(a.caseId);
    const again = await report(student, { targetType: 'lesson', targetId: lessonId, reason: 'spam', details: 'changed my mind' });
    expect(again).toMatchObject({ caseId: a.caseId, reportId: a.reportId, merged: true });
    const kase = (await caseRow(a.caseId))!;
    expect(kase).toMatchObject({ reportCount: 2, severity: 5, status: 'open' });
    const rows = await db.select().from(moderationReports).where(eq(moderationReports.caseId, a.caseId));
    expect(rows.map((r) => [r.reporterId, r.reason, r.duplicates]).sort()).toEqual([[student.id, 'spam', 1], [second.id, 'privacy', 0]].sort());

    // A lower-severity case with more reports sorts after the privacy case.
    const c = await report(student, { targetType: 'lesson', targetId: otherLessonId, reason: 'broken' });
    await report(second, { targetType: 'lesson', targetId: otherLessonId, reason: 'broken' });
    const mod = await makeActor('moderator');
    const q = await listQueue(mod, queueFilterSchema.parse({ courseId: course.id }));
    expect(q.items.map((i) => i.id)).toEqual([a.caseId, c.caseId]);
    expect(q.items[0]!.reasons.sort()).toEqual(['privacy', 'spam']);
    expect((await listQueue(mod, queueFilterSchema.parse({ courseId: course.id, reason: 'broken' }))).items.map((i) => i.id)).toEqual([c.caseId]);
    expect((await listQueue(mod, queueFilterSchema.parse({ courseId: course.id, q: 'phone number' }))).items.map((i) => i.id)).toEqual([a.caseId]);
  });

  it(`rate-limits a reporter to ${REPORTS_PER_MINUTE} reports a minute (20 at once: the rest are RATE_LIMITED, nothing written for them)`, async () => {
    const reporter = await makeActor('student');
    const targets = await Promise.all(Array.from({ length: 20 }, () => makeActor('student')));
    const results = await Promise.all(targets.map((t) => codeOf(report(reporter, { targetType: 'user', targetId: t.id, reason: 'spam' }))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(REPORTS_PER_MINUTE);
    expect(results.filter((r) => r === 'RATE_LIMITED:rateLimited')).toHaveLength(20 - REPORTS_PER_MINUTE);
    const stored = await db.select().from(moderationReports).where(eq(moderationReports.reporterId, reporter.id));
    expect(stored).toHaveLength(REPORTS_PER_MINUTE);
  });

  it('refuses missing, deleted and invisible targets, reasons outside the list, and "other" without details', async () => {
    const { student, author, course, lessonId } = await setup();
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await codeOf(report(student, { targetType: 'lesson', targetId: missing }))).toBe('NOT_FOUND');
    expect(await codeOf(report(student, { targetType: 'homework_message', targetId: missing }))).toBe('NOT_FOUND');
    await db.delete(lessons).where(eq(lessons.id, lessonId));
    expect(await codeOf(report(student, { targetType: 'lesson', targetId: lessonId }))).toBe('NOT_FOUND');
    const draft = await createCourse(db, { ownerId: author.id, status: 'draft' });
    expect(await codeOf(report(student, { targetType: 'course', targetId: draft.id }))).toBe('NOT_FOUND');
    expect(await codeOf(report(student, { targetType: 'user', targetId: student.id }))).toBe('NOT_FOUND');

    const bad = createReportSchema.safeParse({ targetType: 'course', targetId: course.id, reason: 'boring' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['reason', 'moderation.badReason']]);
    const other = createReportSchema.safeParse({ targetType: 'course', targetId: course.id, reason: 'other', details: '  ' });
    expect(other.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['details', 'moderation.detailsRequired']]);
    expect(createReportSchema.safeParse({ targetType: 'course', targetId: course.id, reason: 'spam', evidenceUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(await db.select().from(moderationReports).where(eq(moderationReports.reporterId, student.id))).toEqual([]);
  });

  it('lets visitors report a public course with an email, nothing else', async () => {
    const { author, course, lessonId } = await setup();
    const email = `anon-${Date.now()}@example.com`;
    const r = await report(null, { targetType: 'course', targetId: course.id, reason: 'copyright', email });
    const again = await report(null, { targetType: 'course', targetId: course.id, reason: 'copyright', email });
    expect(again).toMatchObject({ reportId: r.reportId, merged: true });
    expect(await codeOf(report(null, { targetType: 'lesson', targetId: lessonId, email }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(report(null, { targetType: 'course', targetId: course.id }))).toBe('VALIDATION');
    const priv = await createCourse(db, { ownerId: author.id, status: 'published', visibility: 'private' });
    expect(await codeOf(report(null, { targetType: 'course', targetId: priv.id, email }))).toBe('NOT_FOUND');
    const [row] = await db.select().from(moderationReports).where(eq(moderationReports.id, r.reportId));
    expect(row).toMatchObject({ reporterId: null, reporterEmail: email, reason: 'copyright' });
  });
});

/** Full rows, for "revert restores exactly what was there". */
const lessonRow = (id: string) => db.query.lessons.findFirst({ where: eq(lessons.id, id) });
const courseFull = (id: string) => db.query.courses.findFirst({ where: eq(courses.id, id) });
const messageRow = (id: string) => db.query.homeworkMessages.findFirst({ where: eq(homeworkMessages.id, id) });
const userRow = async (id: string) => {
  const { sessionVersion: _sv, ...rest } = (await db.query.users.findFirst({ where: eq(users.id, id) }))!;
  return rest;
};

async function homeworkMessage(authorId: string, studentId: string, courseId: string, lessonId: string, body = '<p>rude words</p>') {
  await db.update(lessons).set({ type: 'homework' }).where(eq(lessons.id, lessonId));
  const [sub] = await db.insert(homeworkSubmissions).values({ lessonId, courseId, studentId }).returning();
  const [msg] = await db.insert(homeworkMessages).values({ submissionId: sub!.id, authorId, role: authorId === studentId ? 'student' : 'teacher', kind: 'comment', bodyHtml: body }).returning();
  return msg!.id;
}

async function caseFor(reporter: SessionUser, targetType: CreateReportInput['targetType'], targetId: string) {
  const r = await report(reporter, { targetType, targetId });
  return (await caseRow(r.caseId))!;
}

describe('moderator actions and reverts', () => {
  const act = (actor: SessionUser, caseId: string, expectedVersion: number, type: ModerationActionType, extra: { suspendDays?: number } = {}) =>
    takeAction(actor, { caseId, expectedVersion, type, reason: `because ${type}`, ...extra });

  it('hide lesson: the student loses it (staff keep it), the owner is told the reason but not who reported; revert restores the row', async () => {
    const { student, moderator, admin, author, course, lessonId } = await setup();
    const kase = await caseFor(student, 'lesson', lessonId);
    const before = await lessonRow(lessonId);
    const claimed = await assignCase(moderator, { caseId: kase.id, expectedVersion: kase.version });
    expect(claimed.assigneeId).toBe(moderator.id);
    const done = await act(moderator, kase.id, claimed.version, 'hide_lesson');
    expect((await lessonRow(lessonId))!.hiddenAt).toBeInstanceOf(Date);
    expect((await openableLesson(student, course.id, lessonId)).lesson).toBeNull();
    expect((await openableLesson(author, course.id, lessonId)).allowed).toBe(true);
    expect(await caseRow(kase.id)).toMatchObject({ status: 'resolved', resolutionNote: 'because hide_lesson' });

    const [notice] = await db.select().from(notifications).where(and(eq(notifications.userId, author.id), eq(notifications.kind, 'moderation.hide_lesson')));
    expect(notice!.data).toMatchObject({ key: 'moderationLessonHidden', params: { reason: 'because hide_lesson' } });
    expect(JSON.stringify(notice!.data)).not.toContain(student.email);
    expect(JSON.stringify(notice!.data)).not.toContain(student.name);
    expect((await listMyReports(student.id))[0]).toMatchObject({ caseStatus: 'resolved', outcome: 'hide_lesson' });

    await revertAction(admin, { actionId: done.actionId, expectedVersion: done.version, reason: 'too harsh' });
    expect(await lessonRow(lessonId)).toEqual(before);
    expect((await openableLesson(student, course.id, lessonId)).allowed).toBe(true);
    expect(await caseRow(kase.id)).toMatchObject({ status: 'in_review', assigneeId: moderator.id, resolutionNote: null, closedAt: null });
    const audit = await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, lessonId)).orderBy(auditEvents.id);
    expect(audit.map((a) => a.action)).toEqual(['moderation.report_filed', 'moderation.assign', 'moderation.hide_lesson', 'moderation.revert.hide_lesson']);
  });

  it('unpublish course, remove message, warn owner, dismiss, escalate: each reverted to the exact previous state', async () => {
    const { student, moderator, author, course, lessonId } = await setup();
    const courseBefore = await courseFull(course.id);
    const c1 = await caseFor(student, 'course', course.id);
    const a1 = await act(moderator, c1.id, c1.version, 'unpublish_course');
    expect((await courseFull(course.id))!.status).toBe('draft');
    // While the decision stands, the author cannot simply publish the course again.
    const refused = await publishCourse(author, course.id, {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PublishBlockedError);
    expect((refused as PublishBlockedError).problems).toContainEqual({ key: 'courseValidation.moderationHold' });
    expect((await courseFull(course.id))!.status).toBe('draft');
    await revertAction(moderator, { actionId: a1.actionId, expectedVersion: a1.version, reason: 'ok' });
    expect(await courseFull(course.id)).toEqual(courseBefore);
    // Reverted: published again and no longer held, so its editors may unpublish and publish it.
    expect(await checkPublishable(course.id)).toEqual([]);
    await unpublishCourse(author, course.id, {});
    expect(await publishCourse(author, course.id, {})).toEqual({ changed: true });

    const msgId = await homeworkMessage(author.id, student.id, course.id, lessonId);
    const msgBefore = await messageRow(msgId);
    const c2 = await caseFor(student, 'homework_message', msgId);
    const a2 = await act(moderator, c2.id, c2.version, 'remove_message');
    expect((await messageRow(msgId))!.removedAt).toBeInstanceOf(Date);
    await revertAction(moderator, { actionId: a2.actionId, expectedVersion: a2.version, reason: 'ok' });
    expect(await messageRow(msgId)).toEqual(msgBefore);

    const c3 = (await caseRow((await report(student, { targetType: 'lesson', targetId: lessonId })).caseId))!;
    const caseBefore = await caseRow(c3.id);
    const a3 = await act(moderator, c3.id, c3.version, 'warn_owner');
    const warnings = () => db.select().from(notifications).where(and(eq(notifications.userId, author.id), eq(notifications.kind, 'moderation.warning')));
    expect((await warnings()).map((n) => n.data.params?.reason)).toEqual(['because warn_owner']);
    const r3 = await revertAction(moderator, { actionId: a3.actionId, expectedVersion: a3.version, reason: 'ok' });
    expect(await warnings()).toEqual([]);
    const restored = (await caseRow(c3.id))!;
    expect({ ...restored, version: 0, updatedAt: null, firstResponseAt: null }).toEqual({ ...caseBefore!, version: 0, updatedAt: null, firstResponseAt: null });

    const a4 = await act(moderator, c3.id, r3.version, 'dismiss');
    expect((await caseRow(c3.id))!.status).toBe('dismissed');
    const r4 = await revertAction(moderator, { actionId: a4.actionId, expectedVersion: a4.version, reason: 'ok' });
    expect((await caseRow(c3.id))!.status).toBe('open');

    const a5 = await act(moderator, c3.id, r4.version, 'escalate');
    // Escalated: a moderator may no longer decide, an admin may.
    expect(await codeOf(act(moderator, c3.id, a5.version, 'dismiss'))).toBe('FORBIDDEN:escalatedAdminsOnly');
    const r5 = await revertAction(moderator, { actionId: a5.actionId, expectedVersion: a5.version, reason: 'back to queue' });
    expect((await caseRow(c3.id))!.escalatedAt).toBeNull();
    expect(r5.version).toBeGreaterThan(a5.version);
  });

  it('suspend: admins only, never an admin, timed or permanent; sessions end; revert restores the block fields', async () => {
    const { student, moderator, admin, author } = await setup();
    const kase = await caseFor(student, 'user', author.id);
    expect(await codeOf(act(moderator, kase.id, kase.version, 'suspend_user', { suspendDays: 7 }))).toBe('FORBIDDEN');
    const before = await userRow(author.id);
    const sv = (await db.query.users.findFirst({ where: eq(users.id, author.id) }))!.sessionVersion;
    const done = await act(admin, kase.id, kase.version, 'suspend_user', { suspendDays: 7 });
    const during = (await db.query.users.findFirst({ where: eq(users.id, author.id) }))!;
    expect(during.blockedAt).toBeInstanceOf(Date);
    expect(Math.round((during.blockedUntil!.getTime() - during.blockedAt!.getTime()) / 86_400_000)).toBe(7);
    expect(during.sessionVersion).toBe(sv + 1);
    await revertAction(admin, { actionId: done.actionId, expectedVersion: done.version, reason: 'appeal' });
    expect(await userRow(author.id)).toEqual(before);

    const otherAdmin = await makeActor('admin');
    const k2 = await caseFor(student, 'user', otherAdmin.id);
    expect(await codeOf(act(admin, k2.id, k2.version, 'suspend_user'))).toBe('FORBIDDEN');
    expect(await codeOf(act(moderator, k2.id, k2.version, 'warn_owner'))).toBe('FORBIDDEN');
    // Dismissing a report about an admin is fine for a moderator.
    expect(await codeOf(act(moderator, k2.id, k2.version, 'dismiss'))).toBe('ok');
  });

  it('two moderators acting on the same case at once: one wins, the other gets CONFLICT, one action recorded', async () => {
    const { student, lessonId } = await setup();
    const m1 = await makeActor('moderator');
    const m2 = await makeActor('moderator');
    const kase = await caseFor(student, 'lesson', lessonId);
    const results = await Promise.all([
      codeOf(act(m1, kase.id, kase.version, 'hide_lesson')),
      codeOf(act(m2, kase.id, kase.version, 'dismiss')),
    ]);
    expect(results.sort()).toEqual(['CONFLICT:caseChanged', 'ok']);
    expect(await db.select().from(moderationActions).where(eq(moderationActions.caseId, kase.id))).toHaveLength(1);
    // Acting on a stale version after the fact is also a conflict; so is assigning.
    expect(await codeOf(assignCase(m2, { caseId: kase.id, expectedVersion: kase.version }))).toBe('CONFLICT:caseChanged');
  });

  it('refuses reverting out of order, twice, or after the target changed; actions on deleted targets are NOT_FOUND', async () => {
    const { student, moderator, lessonId, otherLessonId, course } = await setup();
    const kase = await caseFor(student, 'lesson', lessonId);
    const e = await act(moderator, kase.id, kase.version, 'escalate');
    const admin = await makeActor('admin');
    const h = await act(admin, kase.id, e.version, 'hide_lesson');
    expect(await codeOf(revertAction(admin, { actionId: e.actionId, expectedVersion: h.version, reason: 'x' }))).toBe('CONFLICT:revertLatestFirst');
    // Someone un-hid the lesson by other means: the revert would not restore what the action left.
    await db.update(lessons).set({ hiddenAt: null }).where(eq(lessons.id, lessonId));
    expect(await codeOf(revertAction(admin, { actionId: h.actionId, expectedVersion: h.version, reason: 'x' }))).toBe('CONFLICT:targetChanged');

    const k2 = await caseFor(student, 'lesson', otherLessonId);
    await db.delete(lessons).where(eq(lessons.id, otherLessonId));
    expect(await codeOf(act(moderator, k2.id, k2.version, 'hide_lesson'))).toBe('NOT_FOUND:targetGone');
    expect(await codeOf(act(moderator, k2.id, k2.version, 'unpublish_course'))).toBe('VALIDATION');
    const done = await act(moderator, k2.id, k2.version, 'dismiss');
    expect(await codeOf(revertAction(moderator, { actionId: done.actionId, expectedVersion: done.version, reason: 'x' }))).toBe('ok');
    expect(await codeOf(revertAction(moderator, { actionId: done.actionId, expectedVersion: done.version + 1, reason: 'x' }))).toBe('CONFLICT:alreadyReverted');
    expect(course.id).toBeTruthy();
  });

  it('bulk dismiss is all or nothing; notes and assignment to another moderator; students see only their own reports', async () => {
    const { student, moderator, lessonId, otherLessonId, course } = await setup();
    const other = await makeActor('student');
    await enroll(db, course.id, other.id);
    const k1 = await caseFor(student, 'lesson', lessonId);
    const k2 = await caseFor(other, 'lesson', otherLessonId);
    expect(await codeOf(bulkCases(moderator, { cases: [{ caseId: k1.id, expectedVersion: k1.version }, { caseId: k2.id, expectedVersion: k2.version + 5 }], operation: 'dismiss', reason: 'noise' }))).toBe('CONFLICT:caseChanged');
    expect((await caseRow(k1.id))!.status).toBe('open');
    await bulkCases(moderator, { cases: [{ caseId: k1.id, expectedVersion: k1.version }, { caseId: k2.id, expectedVersion: k2.version }], operation: 'assign_me', reason: '' });
    expect((await caseRow(k2.id))!).toMatchObject({ status: 'in_review', assigneeId: moderator.id });

    const m2 = await makeActor('moderator');
    const k1v = (await caseRow(k1.id))!.version;
    await assignCase(moderator, { caseId: k1.id, expectedVersion: k1v, assigneeId: m2.id });
    expect((await caseRow(k1.id))!.assigneeId).toBe(m2.id);
    expect(await codeOf(assignCase(moderator, { caseId: k1.id, expectedVersion: k1v + 1, assigneeId: student.id }))).toBe('VALIDATION');
    await addNote(m2, { caseId: k1.id, body: 'Looks like a false alarm' });
    const detail = (await getCaseDetail(m2, k1.id))!;
    expect(detail.notes.map((n) => n.body)).toEqual(['Looks like a false alarm']);
    expect(detail.reports.map((r) => r.reporter.id)).toEqual([student.id]);
    expect(detail.current).toMatchObject({ kind: 'lesson', hidden: false });

    expect((await listMyReports(student.id)).map((r) => r.title)).toEqual([detail.title]);
    expect((await listMyReports(other.id)).every((r) => r.title !== detail.title || r.id !== detail.reports[0]!.id)).toBe(true);
  });
});

describe('audit log and charts', () => {
  it('audit entries cannot be updated or deleted; deleting an actor only clears the link', async () => {
    const u = await makeActor('student');
    const [e] = await db.insert(auditEvents).values({ actorId: u.id, action: 'test.immutable', data: { x: 1 } }).returning();
    // Drizzle wraps the server's error; its cause carries PostgreSQL's message.
    const refusal = (p: Promise<unknown>) => p.then(() => 'ok', (err: Error & { cause?: Error }) => err.cause?.message ?? err.message);
    expect(await refusal(db.update(auditEvents).set({ action: 'test.tampered' }).where(eq(auditEvents.id, e!.id)))).toMatch(/append-only: UPDATE/);
    expect(await refusal(db.delete(auditEvents).where(eq(auditEvents.id, e!.id)))).toMatch(/append-only: DELETE/);
    expect(await refusal(db.update(auditEvents).set({ actorId: null }).where(eq(auditEvents.id, e!.id)))).toMatch(/append-only: UPDATE/);
    await db.delete(users).where(eq(users.id, u.id));
    const after = await db.query.auditEvents.findFirst({ where: eq(auditEvents.id, e!.id) });
    expect(after).toMatchObject({ actorId: null, action: 'test.immutable', data: { x: 1 } });
  });

  it('charts: reports per day by reason, backlog, timings, actions, throughput, top courses, CSV', async () => {
    const { student, moderator, course, lessonId } = await setup();
    const kase = await caseFor(student, 'lesson', lessonId);
    await takeAction(moderator, { caseId: kase.id, expectedVersion: kase.version, type: 'dismiss', reason: 'fine' });
    const stats = await getModerationStats(resolveRange({ range: '7d' }));
    expect(stats.backlog).toHaveLength(7);
    expect(stats.reportsByDay.at(-1)!.inappropriate).toBeGreaterThanOrEqual(1);
    expect(stats.actionsByType.find((a) => a.type === 'dismiss')!.count).toBeGreaterThanOrEqual(1);
    expect(stats.topCourses.some((c) => c.courseId === course.id)).toBe(true);
    expect(stats.timings.find((t) => t.metric === 'resolution')!.cases).toBeGreaterThanOrEqual(1);
    expect(stats.throughput.some((t) => t.moderator === moderator.name)).toBe(true);
    const csv = statsToCsv(stats);
    expect(csv.split('\r\n')[0]).toBe('"series","key","subkey","value"');
    expect(csv).toContain(`"top_reported_courses","${course.title}","${course.id}"`);
    expect(resolveRange({ range: 'custom', from: '2026-03-10', to: '2026-03-01' })).toEqual({ from: '2026-03-01', to: '2026-03-10', range: 'custom' });
  });
});
