import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { courses } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { validationError } from '@/lib/errors';
import { isStorageConfigured } from '@/lib/storage';
import { courseMediaPrefix } from '@/lib/videos/keys';
import { deletePrefixNowOrLater } from '@/lib/videos/mutations';
import { lockCourse, type Meta } from './course-lock';
import type { DeleteCourseInput } from './schemas';

/**
 * Removes the course's stored media (one prefix delete). Called after the rows are gone: a failure
 * queues the deletion for the worker, never leaving a course with missing media.
 */
export async function deleteCourseMedia(courseId: string): Promise<void> {
  if (!isStorageConfigured) return;
  await deletePrefixNowOrLater(courseMediaPrefix(courseId), 'course deleted');
}

/**
 * Deletes the course and, by cascade, its modules, lessons, members, enrollments, invites and slug
 * history. `confirmTitle` must equal the title exactly (field error otherwise, nothing deleted).
 * Caller: any signed-in user (owner role checked here).
 */
export async function deleteCourse(actor: SessionUser, input: DeleteCourseInput, meta: Meta) {
  await assertCourseRole(actor, input.courseId, 'owner');
  await db.transaction(async (tx) => {
    const course = await lockCourse(tx, input.courseId);
    if (input.confirmTitle !== course.title) throw validationError({ confirmTitle: ['courseValidation.confirmTitleMismatch'] });
    await writeAudit(tx, { actorId: actor.id, action: 'course.deleted', targetType: 'course', targetId: course.id, data: { title: course.title, slug: course.slug, status: course.status }, ...meta });
    await tx.delete(courses).where(eq(courses.id, course.id));
  });
  await deleteCourseMedia(input.courseId);
  return { deleted: true };
}
