import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { courses } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import type { PublishProblem } from './dto';
import { lockCourse, type Meta } from './course-lock';
import { checkPublishable } from './queries';

/** CONFLICT carrying the reasons a course cannot be published (i18n keys with parameters). */
export class PublishBlockedError extends AppError {
  constructor(public readonly problems: PublishProblem[]) {
    super('CONFLICT', 'courseValidation.publishBlocked');
    this.name = 'PublishBlockedError';
  }
}

/** Archived courses leave the catalog and cannot be published until restored. Caller: any signed-in user (owner role checked here). */
export async function archiveCourse(actor: SessionUser, courseId: string, meta: Meta) {
  await assertCourseRole(actor, courseId, 'owner');
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, courseId);
    if (course.status === 'archived') return { changed: false };
    await tx.update(courses).set({ status: 'archived', archivedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(courses.id, course.id));
    await writeAudit(tx, { actorId: actor.id, action: 'course.archived', targetType: 'course', targetId: course.id, data: { from: course.status }, ...meta });
    return { changed: true };
  });
}

/** An archived course comes back as a draft (it must be published again). Caller: any signed-in user (owner role checked here). */
export async function restoreCourse(actor: SessionUser, courseId: string, meta: Meta) {
  await assertCourseRole(actor, courseId, 'owner');
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, courseId);
    if (course.status !== 'archived') return { changed: false };
    await tx.update(courses).set({ status: 'draft', archivedAt: null, updatedAt: sql`now()` }).where(eq(courses.id, course.id));
    await writeAudit(tx, { actorId: actor.id, action: 'course.restored', targetType: 'course', targetId: course.id, ...meta });
    return { changed: true };
  });
}

/**
 * Publishes when checkPublishable finds nothing, checked under the course lock so no outline change
 * slips in between; otherwise throws PublishBlockedError (CONFLICT). Caller: any signed-in user (editor role checked here).
 */
export async function publishCourse(actor: SessionUser, courseId: string, meta: Meta) {
  await assertCourseRole(actor, courseId, 'editor');
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, courseId);
    if (course.status === 'published') return { changed: false };
    const problems = await checkPublishable(course.id, tx);
    if (problems.length) throw new PublishBlockedError(problems);
    await tx.update(courses).set({ status: 'published', publishedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(courses.id, course.id));
    await writeAudit(tx, { actorId: actor.id, action: 'course.published', targetType: 'course', targetId: course.id, ...meta });
    return { changed: true };
  });
}

/** Back to draft: out of the catalog, enrolled students keep their enrollment. Caller: any signed-in user (editor role checked here). */
export async function unpublishCourse(actor: SessionUser, courseId: string, meta: Meta) {
  await assertCourseRole(actor, courseId, 'editor');
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, courseId);
    if (course.status !== 'published') return { changed: false };
    await tx.update(courses).set({ status: 'draft', updatedAt: sql`now()` }).where(eq(courses.id, course.id));
    await writeAudit(tx, { actorId: actor.id, action: 'course.unpublished', targetType: 'course', targetId: course.id, ...meta });
    return { changed: true };
  });
}
