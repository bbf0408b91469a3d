import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { courses, courseSlugHistory } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { validationError } from '@/lib/errors';
import { lockCourse, type Meta } from './course-lock';
import type { UpdateCourseSettingsInput } from './schemas';
import { isSlugTaken, lockCourseSlugs } from './slug-allocation';

type Settings = Omit<UpdateCourseSettingsInput, 'courseId'>;
const settingKeys = ['title', 'slug', 'shortDescription', 'description', 'coverImageUrl', 'language', 'level', 'tags', 'visibility', 'isSequential'] as const satisfies readonly (keyof Settings)[];
// Long texts are recorded as "changed" without their values, to keep audit rows small.
const longTexts = new Set<keyof Settings>(['shortDescription', 'description']);

const same = (a: unknown, b: unknown) => (Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b);

/**
 * Applies the settings that are given and differ from the stored ones. A new slug must be free
 * (field error `courseValidation.slugTaken`, nothing written); the old one is kept in the slug
 * history so links to it redirect. Caller: any signed-in user (the editor role is checked here).
 */
export async function updateCourseSettings(actor: SessionUser, input: UpdateCourseSettingsInput, meta: Meta) {
  await assertCourseRole(actor, input.courseId, 'editor');
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, input.courseId);
    const changes: Partial<Record<keyof Settings, unknown>> = {};
    for (const key of settingKeys) {
      const next = input[key];
      if (next !== undefined && !same(course[key], next)) changes[key] = next;
    }
    const fields = Object.keys(changes) as (keyof Settings)[];
    if (fields.length === 0) return { changed: false, slug: course.slug };

    if (typeof changes.slug === 'string') {
      const slug = changes.slug;
      await lockCourseSlugs(tx);
      if (await isSlugTaken(tx, slug, course.id)) throw validationError({ slug: ['courseValidation.slugTaken'] });
      // Switching back to one of its own old slugs: it is current again, not history.
      await tx.delete(courseSlugHistory).where(and(eq(courseSlugHistory.slug, slug), eq(courseSlugHistory.courseId, course.id)));
      await tx.insert(courseSlugHistory).values({ slug: course.slug, courseId: course.id }).onConflictDoNothing();
    }

    await tx
      .update(courses)
      .set({ ...(changes as Partial<typeof courses.$inferInsert>), updatedAt: sql`now()` })
      .where(eq(courses.id, course.id));
    const from: Record<string, unknown> = {};
    const to: Record<string, unknown> = {};
    for (const f of fields) {
      if (longTexts.has(f)) continue;
      from[f] = course[f];
      to[f] = changes[f];
    }
    await writeAudit(tx, { actorId: actor.id, action: 'course.updated', targetType: 'course', targetId: course.id, data: { fields, from, to }, ...meta });
    return { changed: true, slug: (changes.slug as string | undefined) ?? course.slug };
  });
}
