import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Tx } from '@/db/factory';
import { courseMembers, users } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { AppError, validationError } from '@/lib/errors';
import { lockCourse, type Meta } from './course-lock';
import type { CourseMemberInput, InviteEditorInput } from './schemas';

// Membership changes: owner or admin only. Each locks the course row first, so two of them on one
// course (say, a transfer and a removal) run one after the other and see each other's result.

async function memberOf(tx: Tx, courseId: string, userId: string) {
  const [row] = await tx
    .select({ role: courseMembers.role, email: users.email })
    .from(courseMembers)
    .innerJoin(users, eq(users.id, courseMembers.userId))
    .where(and(eq(courseMembers.courseId, courseId), eq(courseMembers.userId, userId)));
  return row ?? null;
}

/**
 * Adds an existing author or admin, found by email, as an editor. Expected refusals are field
 * errors on `email`. Caller: any signed-in user (the owner role is checked here).
 */
export async function inviteEditor(actor: SessionUser, input: InviteEditorInput, meta: Meta) {
  await assertCourseRole(actor, input.courseId, 'owner');
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, input.courseId);
    const user = await tx.query.users.findFirst({ where: eq(users.email, input.email), columns: { id: true, email: true, name: true, role: true, blockedAt: true } });
    if (!user || user.blockedAt) throw validationError({ email: ['courseValidation.userNotFound'] });
    if (user.role !== 'author' && user.role !== 'admin') throw validationError({ email: ['courseValidation.inviteeNotAuthor'] });
    if (await memberOf(tx, course.id, user.id)) throw validationError({ email: ['courseValidation.alreadyMember'] });
    await tx.insert(courseMembers).values({ courseId: course.id, userId: user.id, role: 'editor' });
    await writeAudit(tx, { actorId: actor.id, action: 'course.member_added', targetType: 'course', targetId: course.id, data: { userId: user.id, email: user.email, role: 'editor' }, ...meta });
    return { userId: user.id, name: user.name, email: user.email };
  });
}

/** Removes an editor (an owner cannot be removed: transfer ownership first). Caller: any signed-in user (owner role checked here). */
export async function removeEditor(actor: SessionUser, input: CourseMemberInput, meta: Meta) {
  await assertCourseRole(actor, input.courseId, 'owner');
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, input.courseId);
    const member = await memberOf(tx, course.id, input.userId);
    if (!member) throw new AppError('NOT_FOUND');
    if (member.role === 'owner') throw new AppError('CONFLICT', 'courseValidation.ownerCannotBeRemoved');
    await tx.delete(courseMembers).where(and(eq(courseMembers.courseId, course.id), eq(courseMembers.userId, input.userId)));
    await writeAudit(tx, { actorId: actor.id, action: 'course.member_removed', targetType: 'course', targetId: course.id, data: { userId: input.userId, email: member.email }, ...meta });
    return { removed: true };
  });
}

/**
 * Makes an editor the owner; the previous owner stays on as an editor. Caller: any signed-in user
 * (owner role checked here; an admin may transfer a course they are not a member of).
 */
export async function transferOwnership(actor: SessionUser, input: CourseMemberInput, meta: Meta) {
  await assertCourseRole(actor, input.courseId, 'owner');
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, input.courseId);
    const member = await memberOf(tx, course.id, input.userId);
    if (!member) throw new AppError('NOT_FOUND');
    if (member.role === 'owner') return { changed: false };
    const previous = await tx
      .update(courseMembers)
      .set({ role: 'editor' })
      .where(and(eq(courseMembers.courseId, course.id), eq(courseMembers.role, 'owner')))
      .returning({ userId: courseMembers.userId });
    await tx
      .update(courseMembers)
      .set({ role: 'owner' })
      .where(and(eq(courseMembers.courseId, course.id), eq(courseMembers.userId, input.userId)));
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'course.ownership_transferred',
      targetType: 'course',
      targetId: course.id,
      data: { from: previous.map((p) => p.userId), to: input.userId, email: member.email },
      ...meta,
    });
    return { changed: true };
  });
}
