import 'server-only';
import { and, eq, like, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/factory';
import { courses, courseSlugHistory } from '@/db/schema';
import { firstFreeSlug, slugify } from './slug';

// A slug is taken when it is another course's current slug or any course's old slug (old slugs keep
// redirecting to their course). The database only enforces the first rule, so every writer of slugs
// takes this lock for the rest of its transaction: check-then-write cannot interleave.

/** Serializes slug allocation until the transaction ends. Cheap: course creation is rare. */
export async function lockCourseSlugs(tx: Tx) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lectern:course-slugs'))`);
}

/** Whether `slug` belongs to a course other than `courseId` (now or in the past). Caller holds lockCourseSlugs. */
export async function isSlugTaken(tx: Tx, slug: string, courseId?: string): Promise<boolean> {
  const [current, old] = await Promise.all([
    tx.query.courses.findFirst({ where: courseId ? and(eq(courses.slug, slug), ne(courses.id, courseId)) : eq(courses.slug, slug), columns: { id: true } }),
    // An old slug of this very course is free for it: it may switch back.
    tx.query.courseSlugHistory.findFirst({ where: courseId ? and(eq(courseSlugHistory.slug, slug), ne(courseSlugHistory.courseId, courseId)) : eq(courseSlugHistory.slug, slug), columns: { slug: true } }),
  ]);
  return Boolean(current || old);
}

/**
 * A fresh unique slug for a title (`Основы Python` → `osnovy-python`, then `osnovy-python-2`…).
 * Takes lockCourseSlugs itself; call inside the transaction that inserts the course.
 */
export async function allocateCourseSlug(tx: Tx, title: string): Promise<string> {
  await lockCourseSlugs(tx);
  const base = slugify(title);
  // Every candidate (base, base-2, … cut to the length limit) starts with this prefix; bases hold only [a-z0-9-].
  const prefix = `${base.slice(0, 72).replace(/-+$/, '')}%`;
  const [a, b] = await Promise.all([
    tx.select({ slug: courses.slug }).from(courses).where(like(courses.slug, prefix)),
    tx.select({ slug: courseSlugHistory.slug }).from(courseSlugHistory).where(like(courseSlugHistory.slug, prefix)),
  ]);
  return firstFreeSlug(base, new Set([...a, ...b].map((r) => r.slug)));
}

