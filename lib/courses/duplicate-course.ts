import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { courseMembers, courseModules, courses, lessons } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { TITLE_MAX } from '@/lib/course-constants';
import type { Meta } from './course-lock';
import { allocateCourseSlug } from './slug-allocation';

const COPY_SUFFIX = ' (copy)';
// Stays well under PostgreSQL's 65,535 bind parameters per statement.
const INSERT_CHUNK = 500;

/** `<title> (copy)`, shortened so the result still fits the title limit. */
export function copyTitle(title: string): string {
  return `${title.slice(0, TITLE_MAX - COPY_SUFFIX.length).trimEnd()}${COPY_SUFFIX}`;
}

/**
 * Deep copy in one transaction: settings, modules and lessons with their content, as a new draft
 * with a fresh slug, owned by the actor alone. Not copied: members, students, slug history, the
 * invite token, undo history. Caller: any signed-in user (the editor role on the source is checked here).
 */
export async function duplicateCourse(actor: SessionUser, courseId: string, meta: Meta) {
  await assertCourseRole(actor, courseId, 'editor');
  return db.transaction(async (tx) => {
    // A share lock: outline edits (which lock the course for update) wait, so the copy is consistent.
    const [src] = await tx.select().from(courses).where(eq(courses.id, courseId)).for('share');
    if (!src) throw new AppError('NOT_FOUND');
    const title = copyTitle(src.title);
    const slug = await allocateCourseSlug(tx, title);
    const [copy] = await tx
      .insert(courses)
      .values({
        title,
        slug,
        shortDescription: src.shortDescription,
        description: src.description,
        coverImageUrl: src.coverImageUrl,
        language: src.language,
        level: src.level,
        tags: src.tags,
        visibility: src.visibility,
        status: 'draft',
        createdById: actor.id,
      })
      .returning({ id: courses.id, title: courses.title, slug: courses.slug });
    await tx.insert(courseMembers).values({ courseId: copy!.id, userId: actor.id, role: 'owner' });

    const mods = await tx.select().from(courseModules).where(eq(courseModules.courseId, src.id)).orderBy(asc(courseModules.position));
    const moduleIds = new Map<string, string>();
    if (mods.length) {
      const inserted = await tx
        .insert(courseModules)
        .values(mods.map((m) => ({ courseId: copy!.id, title: m.title, position: m.position })))
        .returning({ id: courseModules.id, position: courseModules.position });
      // Positions are unique per course, so they pair each copy with its original.
      const byPosition = new Map(inserted.map((m) => [m.position, m.id]));
      for (const m of mods) moduleIds.set(m.id, byPosition.get(m.position)!);
    }

    const srcLessons = await tx.select().from(lessons).where(eq(lessons.courseId, src.id));
    for (let i = 0; i < srcLessons.length; i += INSERT_CHUNK) {
      await tx.insert(lessons).values(
        srcLessons.slice(i, i + INSERT_CHUNK).map(({ id: _id, courseId: _c, moduleId, createdAt: _ca, updatedAt: _ua, ...rest }) => ({
          ...rest,
          courseId: copy!.id,
          moduleId: moduleIds.get(moduleId)!,
        })),
      );
    }
    // Video lessons keep pointing at the original course's videos (shared, not copied): the copy plays
    // them while the original exists. Deleting the original course deletes those videos too.
    await writeAudit(tx, { actorId: actor.id, action: 'course.duplicated', targetType: 'course', targetId: copy!.id, data: { sourceId: src.id, modules: mods.length, lessons: srcLessons.length }, ...meta });
    return copy!;
  });
}
