import 'server-only';
import { db } from '@/db/client';
import { courseMembers, courses } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import type { Meta } from './course-lock';
import type { CreateCourseInput } from './schemas';
import { allocateCourseSlug } from './slug-allocation';

/** A new draft course with a unique slug from its title; the creator becomes its owner. Caller: an author or admin (checked here too). */
export async function createCourse(actor: SessionUser, input: CreateCourseInput, meta: Meta) {
  assertRole(actor, ['author', 'admin']);
  return db.transaction(async (tx) => {
    const slug = await allocateCourseSlug(tx, input.title);
    const [course] = await tx
      .insert(courses)
      .values({ title: input.title, slug, language: input.language, createdById: actor.id })
      .returning({ id: courses.id, title: courses.title, slug: courses.slug });
    await tx.insert(courseMembers).values({ courseId: course!.id, userId: actor.id, role: 'owner' });
    await writeAudit(tx, { actorId: actor.id, action: 'course.created', targetType: 'course', targetId: course!.id, data: { title: course!.title, slug }, ...meta });
    return course!;
  });
}
