import 'server-only';
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Tx } from '@/db/factory';
import { auditEvents, courseInvites, courses, enrollments, users } from '@/db/schema';
import type { AuditInput } from '@/lib/audit';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import type { EnrollmentSource } from '@/lib/course-constants';
import { AppError } from '@/lib/errors';
import { loggerFor } from '@/lib/logger';
import { generateInviteToken, inviteTokenMatches } from './invite-token';

type Meta = { ip?: string; requestId?: string };

// Messages of expected refusals are i18n keys of the `enrollment` namespace; the actions
// translate them (see actions.ts) so the client shows a clear sentence, not a bare code.
const refuse = (code: 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT', key: string) => new AppError(code, `enrollment.errors.${key}`);

const log = loggerFor('enrollments');

async function writeAudits(tx: Tx, events: AuditInput[]) {
  if (!events.length) return;
  await tx.insert(auditEvents).values(
    events.map((e) => ({ actorId: e.actorId, action: e.action, targetType: e.targetType ?? null, targetId: e.targetId ?? null, data: e.data ?? null, ip: e.ip ?? null, requestId: e.requestId ?? null })),
  );
}

/** The course row, share-locked so its status cannot change under this transaction. */
async function lockCourse(tx: Tx, courseId: string) {
  const [course] = await tx
    .select({ id: courses.id, status: courses.status, visibility: courses.visibility, inviteToken: courses.inviteToken })
    .from(courses)
    .where(eq(courses.id, courseId))
    .for('share');
  return course ?? null;
}

type Activation = { userId: string; created: boolean };

/**
 * Makes each user's enrollment active: inserts new rows, reactivates removed ones, and leaves
 * active ones alone (they are not returned, so "already enrolled" is what is missing). A
 * reactivated enrollment keeps its first `enrolled_at`, so drip schedules never re-lock lessons.
 */
async function activateEnrollments(tx: Tx, courseId: string, userIds: string[], source: EnrollmentSource): Promise<Activation[]> {
  if (!userIds.length) return [];
  return tx
    .insert(enrollments)
    .values(userIds.map((userId) => ({ courseId, userId, source })))
    .onConflictDoUpdate({
      target: [enrollments.courseId, enrollments.userId],
      set: { status: 'active', removedAt: null, source: sql`excluded.source` },
      setWhere: eq(enrollments.status, 'removed'),
    })
    // xmax is 0 only on a freshly inserted row version: tells an insert from a reactivation.
    .returning({ userId: enrollments.userId, created: sql<boolean>`(xmax = 0)` });
}

export type EnrollResult = { status: 'enrolled' | 'reactivated' | 'unchanged' };

async function enrollOne(tx: Tx, actor: SessionUser, courseId: string, source: EnrollmentSource, meta: Meta): Promise<EnrollResult> {
  const [row] = await activateEnrollments(tx, courseId, [actor.id], source);
  if (!row) return { status: 'unchanged' };
  await writeAudits(tx, [
    { actorId: actor.id, action: 'enrollment.added', targetType: 'course', targetId: courseId, data: { userId: actor.id, email: actor.email, source, reactivated: !row.created }, ...meta },
  ]);
  return { status: row.created ? 'enrolled' : 'reactivated' };
}

/** Caller: any signed-in user enrolling themself. Open for published public or unlisted courses; idempotent. */
export async function selfEnroll(actor: SessionUser, input: { courseId: string }, meta: Meta): Promise<EnrollResult> {
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, input.courseId);
    if (!course || course.status !== 'published') throw refuse('NOT_FOUND', 'courseUnavailable');
    if (course.visibility === 'private') throw refuse('FORBIDDEN', 'inviteOnly');
    return enrollOne(tx, actor, course.id, 'self', meta);
  });
}

/** Caller: any signed-in user holding the course's invite link. Works for every visibility of a published course. */
export async function joinWithInvite(actor: SessionUser, input: { courseId: string; token: string }, meta: Meta): Promise<EnrollResult> {
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, input.courseId);
    // The same answer for a wrong token and an unknown course: the link reveals nothing.
    if (!course || course.status !== 'published' || !inviteTokenMatches(course.inviteToken, input.token)) throw refuse('NOT_FOUND', 'inviteInvalid');
    return enrollOne(tx, actor, course.id, 'invite', meta);
  });
}

/** Caller: the student leaving a course. Idempotent; progress rows (later) are kept for a return. */
export async function unenroll(actor: SessionUser, input: { courseId: string }, meta: Meta) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(enrollments)
      .set({ status: 'removed', removedAt: sql`now()` })
      .where(and(eq(enrollments.courseId, input.courseId), eq(enrollments.userId, actor.id), eq(enrollments.status, 'active')))
      .returning({ id: enrollments.id });
    if (!row) return { changed: false };
    await writeAudits(tx, [{ actorId: actor.id, action: 'enrollment.removed', targetType: 'course', targetId: input.courseId, data: { userId: actor.id, email: actor.email, by: 'self' }, ...meta }]);
    return { changed: true };
  });
}

export type AddStudentOutcome = 'enrolled' | 'reactivated' | 'alreadyEnrolled' | 'invited' | 'alreadyInvited';
export type AddStudentsResult = { email: string; outcome: AddStudentOutcome }[];

/**
 * Staff adding students by (already validated, lower-cased, de-duplicated) emails. Checks that the
 * actor is an editor of the course (admins pass). Existing accounts are enrolled at once; other
 * addresses get a pending invite that `claimCourseInvites` turns into an enrollment at sign-up/in.
 */
export async function addStudents(actor: SessionUser, input: { courseId: string; emails: string[] }, meta: Meta): Promise<AddStudentsResult> {
  await assertCourseRole(actor, input.courseId, 'editor');
  const emails = [...new Set(input.emails.map((e) => e.toLowerCase()))];
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, input.courseId);
    if (!course) throw new AppError('NOT_FOUND');
    if (!emails.length) return [];
    const known = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails));
    const idByEmail = new Map(known.map((u) => [u.email, u.id]));
    const activated = await activateEnrollments(
      tx,
      course.id,
      known.map((u) => u.id),
      'invite',
    );
    const activatedBy = new Map(activated.map((a) => [a.userId, a]));

    const unknown = emails.filter((e) => !idByEmail.has(e));
    const invited = unknown.length
      ? await tx
          .insert(courseInvites)
          .values(unknown.map((email) => ({ courseId: course.id, email, invitedById: actor.id })))
          // An invite accepted earlier whose account is gone since is opened again.
          .onConflictDoUpdate({
            target: [courseInvites.courseId, courseInvites.email],
            set: { acceptedAt: null, invitedById: actor.id, createdAt: sql`now()` },
            setWhere: isNotNull(courseInvites.acceptedAt),
          })
          .returning({ email: courseInvites.email })
      : [];
    const invitedSet = new Set(invited.map((i) => i.email));

    const results: AddStudentsResult = emails.map((email) => {
      const userId = idByEmail.get(email);
      if (userId) {
        const a = activatedBy.get(userId);
        return { email, outcome: !a ? 'alreadyEnrolled' : a.created ? 'enrolled' : 'reactivated' };
      }
      return { email, outcome: invitedSet.has(email) ? 'invited' : 'alreadyInvited' };
    });
    await writeAudits(tx, [
      ...known
        .filter((u) => activatedBy.has(u.id))
        .map((u) => ({ actorId: actor.id, action: 'enrollment.added', targetType: 'course', targetId: course.id, data: { userId: u.id, email: u.email, source: 'invite', by: 'staff', reactivated: !activatedBy.get(u.id)!.created }, ...meta })),
      ...[...invitedSet].map((email) => ({ actorId: actor.id, action: 'enrollment.invite_created', targetType: 'course', targetId: course.id, data: { kind: 'email', email }, ...meta })),
    ]);
    return results;
  });
}

/** Staff removing a student. Checks that the actor is an editor of the course (admins pass). Idempotent. */
export async function removeStudent(actor: SessionUser, input: { courseId: string; userId: string }, meta: Meta) {
  await assertCourseRole(actor, input.courseId, 'editor');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(enrollments)
      .set({ status: 'removed', removedAt: sql`now()` })
      .where(and(eq(enrollments.courseId, input.courseId), eq(enrollments.userId, input.userId), eq(enrollments.status, 'active')))
      .returning({ id: enrollments.id });
    if (!row) return { changed: false };
    await writeAudits(tx, [{ actorId: actor.id, action: 'enrollment.removed', targetType: 'course', targetId: input.courseId, data: { userId: input.userId, by: 'staff' }, ...meta }]);
    return { changed: true };
  });
}

/** Staff withdrawing a pending email invite. Checks that the actor is an editor of the course (admins pass). */
export async function cancelInvite(actor: SessionUser, input: { courseId: string; email: string }, meta: Meta) {
  await assertCourseRole(actor, input.courseId, 'editor');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(courseInvites)
      .where(and(eq(courseInvites.courseId, input.courseId), eq(courseInvites.email, input.email.toLowerCase()), isNull(courseInvites.acceptedAt)))
      .returning({ id: courseInvites.id });
    if (!row) return { changed: false };
    await writeAudits(tx, [{ actorId: actor.id, action: 'enrollment.invite_cancelled', targetType: 'course', targetId: input.courseId, data: { kind: 'email', email: input.email }, ...meta }]);
    return { changed: true };
  });
}

/** Staff creating or replacing the invite link; the old link stops working. Checks editor role (admins pass). */
export async function regenerateInviteToken(actor: SessionUser, input: { courseId: string }, meta: Meta) {
  await assertCourseRole(actor, input.courseId, 'editor');
  return db.transaction(async (tx) => {
    const token = generateInviteToken();
    const [row] = await tx.update(courses).set({ inviteToken: token, updatedAt: sql`now()` }).where(eq(courses.id, input.courseId)).returning({ slug: courses.slug });
    if (!row) throw new AppError('NOT_FOUND');
    await writeAudits(tx, [{ actorId: actor.id, action: 'enrollment.invite_created', targetType: 'course', targetId: input.courseId, data: { kind: 'link' }, ...meta }]);
    return { token, slug: row.slug };
  });
}

/**
 * Turns pending email invites for `email` into enrollments of `userId`. Called right after a
 * successful sign-up or sign-in (the caller has authenticated `userId` as the owner of `email`).
 * Never throws: a failure here must not undo a sign-in that already succeeded; it is logged.
 */
export async function claimCourseInvites(userId: string, email: string): Promise<number> {
  const address = email.trim().toLowerCase();
  try {
    // The common case (nothing pending) costs one indexed read and no transaction.
    const any = await db.query.courseInvites.findFirst({ where: and(eq(courseInvites.email, address), isNull(courseInvites.acceptedAt)), columns: { id: true } });
    if (!any) return 0;
    return await db.transaction(async (tx) => {
      const pending = await tx
        .select({ id: courseInvites.id, courseId: courseInvites.courseId })
        .from(courseInvites)
        .where(and(eq(courseInvites.email, address), isNull(courseInvites.acceptedAt)))
        .for('update', { skipLocked: true });
      if (!pending.length) return 0;
      await tx
        .update(courseInvites)
        .set({ acceptedAt: sql`now()` })
        .where(inArray(courseInvites.id, pending.map((p) => p.id)));
      const activated: { courseId: string; created: boolean }[] = [];
      for (const p of pending) {
        const [a] = await activateEnrollments(tx, p.courseId, [userId], 'invite');
        if (a) activated.push({ courseId: p.courseId, created: a.created });
      }
      await writeAudits(
        tx,
        activated.map((a) => ({ actorId: userId, action: 'enrollment.added', targetType: 'course', targetId: a.courseId, data: { userId, email: address, source: 'invite', by: 'claim', reactivated: !a.created } })),
      );
      return activated.length;
    });
  } catch (e) {
    log.error({ userId, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'could not claim course invites');
    return 0;
  }
}
