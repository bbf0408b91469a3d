import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { addCourseMember, createCourse, createUser, enroll, uniqueEmail } from '@/db/factories';
import { auditEvents, courseInvites, courses, enrollments } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { registerStudent } from '@/lib/users/mutations';
import { addStudents, cancelInvite, claimCourseInvites, joinWithInvite, regenerateInviteToken, removeStudent, selfEnroll, unenroll } from './mutations';
import { getStudentsPageData, listMyCourses } from './queries';

const actorOf = (u: { id: string; email: string; name: string; role: SessionUser['role'] }): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });
const enrollmentOf = (courseId: string, userId: string) => db.query.enrollments.findFirst({ where: and(eq(enrollments.courseId, courseId), eq(enrollments.userId, userId)) });
const audits = (courseId: string) => db.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'course'), eq(auditEvents.targetId, courseId)));

async function setup(opts: { status?: 'draft' | 'published' | 'archived'; visibility?: 'public' | 'unlisted' | 'private' } = {}) {
  const owner = actorOf(await createUser(db, { role: 'author' }));
  const course = await createCourse(db, { ownerId: owner.id, status: opts.status ?? 'published', visibility: opts.visibility ?? 'public', modules: 1, lessonsPerModule: 2 });
  return { owner, course };
}

describe('self-enrollment', () => {
  it('is idempotent and audited once', async () => {
    const { course } = await setup();
    const s = actorOf(await createUser(db));
    expect(await selfEnroll(s, { courseId: course.id }, {})).toEqual({ status: 'enrolled' });
    expect(await selfEnroll(s, { courseId: course.id }, {})).toEqual({ status: 'unchanged' });
    const rows = await db.select().from(enrollments).where(and(eq(enrollments.courseId, course.id), eq(enrollments.userId, s.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'active', source: 'self', removedAt: null });
    expect((await audits(course.id)).map((a) => a.action)).toEqual(['enrollment.added']);
    expect(await listMyCourses(s.id)).toEqual([expect.objectContaining({ courseId: course.id, slug: course.slug, lessonCount: 2 })]);
  });

  it('works for unlisted courses', async () => {
    const { course } = await setup({ visibility: 'unlisted' });
    const s = actorOf(await createUser(db));
    expect(await selfEnroll(s, { courseId: course.id }, {})).toEqual({ status: 'enrolled' });
  });

  it('unenroll marks the row removed; enrolling again reactivates it and keeps the first date', async () => {
    const { course } = await setup();
    const s = actorOf(await createUser(db));
    await selfEnroll(s, { courseId: course.id }, {});
    const first = await enrollmentOf(course.id, s.id);
    expect(await unenroll(s, { courseId: course.id }, {})).toEqual({ changed: true });
    expect(await unenroll(s, { courseId: course.id }, {})).toEqual({ changed: false });
    const removed = await enrollmentOf(course.id, s.id);
    expect(removed).toMatchObject({ status: 'removed' });
    expect(removed!.removedAt).toBeInstanceOf(Date);
    expect(await listMyCourses(s.id)).toEqual([]);
    expect(await selfEnroll(s, { courseId: course.id }, {})).toEqual({ status: 'reactivated' });
    const back = await enrollmentOf(course.id, s.id);
    expect(back).toMatchObject({ id: first!.id, status: 'active', removedAt: null, enrolledAt: first!.enrolledAt });
    expect((await audits(course.id)).map((a) => a.action).sort()).toEqual(['enrollment.added', 'enrollment.added', 'enrollment.removed']);
  });

  it('refuses private, draft and archived courses and writes nothing', async () => {
    const s = actorOf(await createUser(db));
    const priv = (await setup({ visibility: 'private' })).course;
    await expect(selfEnroll(s, { courseId: priv.id }, {})).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'enrollment.errors.inviteOnly' });
    for (const status of ['draft', 'archived'] as const) {
      const c = (await setup({ status })).course;
      await expect(selfEnroll(s, { courseId: c.id }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(selfEnroll(s, { courseId: '00000000-0000-4000-8000-000000000000' }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.select().from(enrollments).where(eq(enrollments.userId, s.id))).toEqual([]);
  });
});

describe('invite links', () => {
  it('a valid token enrolls into a private course; a wrong or replaced one does not', async () => {
    const { owner, course } = await setup({ visibility: 'private' });
    const s = actorOf(await createUser(db));
    const { token } = await regenerateInviteToken(owner, { courseId: course.id }, {});
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await expect(joinWithInvite(s, { courseId: course.id, token: `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}` }, {})).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'enrollment.errors.inviteInvalid' });
    expect(await enrollmentOf(course.id, s.id)).toBeUndefined();

    expect(await joinWithInvite(s, { courseId: course.id, token }, {})).toEqual({ status: 'enrolled' });
    expect(await enrollmentOf(course.id, s.id)).toMatchObject({ status: 'active', source: 'invite' });

    const { token: fresh } = await regenerateInviteToken(owner, { courseId: course.id }, {});
    expect(fresh).not.toBe(token);
    const late = actorOf(await createUser(db));
    await expect(joinWithInvite(late, { courseId: course.id, token }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await joinWithInvite(late, { courseId: course.id, token: fresh }, {})).toEqual({ status: 'enrolled' });
    expect((await audits(course.id)).filter((a) => a.action === 'enrollment.invite_created')).toHaveLength(2);
  });

  it('a course without a token, or not yet published, cannot be joined', async () => {
    const s = actorOf(await createUser(db));
    const noToken = (await setup({ visibility: 'private' })).course;
    await expect(joinWithInvite(s, { courseId: noToken.id, token: 'anything-at-all-here' }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const draft = await setup({ status: 'draft', visibility: 'private' });
    const { token } = await regenerateInviteToken(draft.owner, { courseId: draft.course.id }, {});
    await expect(joinWithInvite(s, { courseId: draft.course.id, token }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('staff adding and removing students', () => {
  it('enrolls existing accounts at once and invites unknown emails, claimed at sign-up', async () => {
    const { owner, course } = await setup({ visibility: 'private' });
    const editor = actorOf(await createUser(db, { role: 'author' }));
    await addCourseMember(db, course.id, editor.id, 'editor');
    const existing = await createUser(db);
    const already = await createUser(db);
    await enroll(db, course.id, already.id);
    const newcomer = uniqueEmail('newcomer');

    const r = await addStudents(editor, { courseId: course.id, emails: [existing.email, already.email, newcomer.toUpperCase()] }, {});
    expect(r).toEqual([
      { email: existing.email, outcome: 'enrolled' },
      { email: already.email, outcome: 'alreadyEnrolled' },
      { email: newcomer, outcome: 'invited' },
    ]);
    expect(await enrollmentOf(course.id, existing.id)).toMatchObject({ status: 'active', source: 'invite' });
    const invite = await db.query.courseInvites.findFirst({ where: and(eq(courseInvites.courseId, course.id), eq(courseInvites.email, newcomer)) });
    expect(invite).toMatchObject({ invitedById: editor.id, acceptedAt: null });
    // Adding the same list again changes nothing.
    expect((await addStudents(owner, { courseId: course.id, emails: [existing.email, newcomer] }, {})).map((x) => x.outcome)).toEqual(['alreadyEnrolled', 'alreadyInvited']);

    const page = await getStudentsPageData(course.id, 1);
    expect(page!.students.map((s) => s.email).sort()).toEqual([existing.email, already.email].sort());
    expect(page!.invites.map((i) => i.email)).toEqual([newcomer]);

    // The newcomer signs up: the sign-up action calls claimCourseInvites right after sign-in.
    const user = await registerStudent({ email: newcomer, name: 'New Comer', password: 'new-comer-pass-1' }, {});
    expect(await claimCourseInvites(user.id, user.email)).toBe(1);
    expect(await enrollmentOf(course.id, user.id)).toMatchObject({ status: 'active', source: 'invite' });
    expect((await db.query.courseInvites.findFirst({ where: eq(courseInvites.id, invite!.id) }))!.acceptedAt).toBeInstanceOf(Date);
    expect(await claimCourseInvites(user.id, user.email)).toBe(0);
    expect((await listMyCourses(user.id)).map((c) => c.courseId)).toEqual([course.id]);
    const actions = (await audits(course.id)).map((a) => a.action).sort();
    expect(actions).toEqual(['enrollment.added', 'enrollment.added', 'enrollment.invite_created']);
  });

  it('removing a student marks the enrollment removed; a re-add reactivates it', async () => {
    const { owner, course } = await setup();
    const s = await createUser(db);
    await enroll(db, course.id, s.id);
    expect(await removeStudent(owner, { courseId: course.id, userId: s.id }, {})).toEqual({ changed: true });
    expect(await enrollmentOf(course.id, s.id)).toMatchObject({ status: 'removed' });
    expect((await addStudents(owner, { courseId: course.id, emails: [s.email] }, {}))[0]!.outcome).toBe('reactivated');
  });

  it('a pending invite can be cancelled and is then not claimed', async () => {
    const { owner, course } = await setup();
    const email = uniqueEmail('cancelled');
    await addStudents(owner, { courseId: course.id, emails: [email] }, {});
    expect(await cancelInvite(owner, { courseId: course.id, email }, {})).toEqual({ changed: true });
    const u = await createUser(db, { email });
    expect(await claimCourseInvites(u.id, email)).toBe(0);
  });

  it('admins pass without membership', async () => {
    const { course } = await setup();
    const admin = actorOf(await createUser(db, { role: 'admin' }));
    const s = await createUser(db);
    expect(await addStudents(admin, { courseId: course.id, emails: [s.email] }, {})).toEqual([{ email: s.email, outcome: 'enrolled' }]);
  });

  for (const who of ['student', 'author outside the course', 'enrolled student'] as const) {
    it(`a ${who} calling staff operations gets FORBIDDEN and nothing is written`, async () => {
      const { course } = await setup({ visibility: 'private' });
      const victim = await createUser(db);
      await enroll(db, course.id, victim.id);
      const me = actorOf(await createUser(db, { role: who === 'author outside the course' ? 'author' : 'student' }));
      if (who === 'enrolled student') await enroll(db, course.id, me.id);
      const before = await db.query.courses.findFirst({ where: eq(courses.id, course.id) });
      const email = uniqueEmail('sneaky');
      await expect(addStudents(me, { courseId: course.id, emails: [email, me.email] }, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(removeStudent(me, { courseId: course.id, userId: victim.id }, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(regenerateInviteToken(me, { courseId: course.id }, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(cancelInvite(me, { courseId: course.id, email }, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await enrollmentOf(course.id, victim.id)).toMatchObject({ status: 'active' });
      expect(await db.select().from(courseInvites).where(eq(courseInvites.courseId, course.id))).toEqual([]);
      expect((await db.query.courses.findFirst({ where: eq(courses.id, course.id) }))!.inviteToken).toBe(before!.inviteToken);
      expect(await audits(course.id)).toEqual([]);
      if (who !== 'enrolled student') expect(await enrollmentOf(course.id, me.id)).toBeUndefined();
    });
  }
});
