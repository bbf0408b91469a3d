import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { materials } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { getCourseProgressView } from '@/lib/learning/access';
import type { CourseProgressView } from '@/lib/learning/dto';

// Who may see which material: the same rule as the lesson it belongs to (lib/learning/access.ts).
// Staff of the course see every material; anyone else sees a ready material of a published lesson
// they may open now (free previews included), and course-wide materials once enrolled.

export type MaterialRow = typeof materials.$inferSelect;

/** The lessons (and whether course-wide materials) this viewer may read in a course. */
export type MaterialScope = { view: CourseProgressView; isStaff: boolean; lessonIds: string[]; courseWide: boolean };

/** Null when the course is not visible to the viewer at all. */
export async function materialScope(viewer: SessionUser | null, courseId: string): Promise<MaterialScope | null> {
  const view = await getCourseProgressView(viewer, courseId);
  if (!view) return null;
  if (view.isStaff) return { view, isStaff: true, lessonIds: view.lessons.map((l) => l.id), courseWide: true };
  return { view, isStaff: false, lessonIds: view.lessons.filter((l) => !l.locked).map((l) => l.id), courseWide: Boolean(view.enrollment) };
}

export type MaterialAccess =
  | { allowed: true; material: MaterialRow; scope: MaterialScope }
  | { allowed: false; reason: 'not_found' | 'locked'; material?: MaterialRow };

/**
 * Whether the viewer may read this material now. `locked`: it exists and the viewer is enrolled,
 * but its lesson is not open to them yet (sequence or drip); anything else is `not_found`.
 */
export async function materialAccess(viewer: SessionUser | null, materialId: string): Promise<MaterialAccess> {
  const material = await db.query.materials.findFirst({ where: eq(materials.id, materialId) });
  if (!material) return { allowed: false, reason: 'not_found' };
  const scope = await materialScope(viewer, material.courseId);
  if (!scope) return { allowed: false, reason: 'not_found' };
  if (scope.isStaff) return { allowed: true, material, scope };
  if (material.status !== 'ready' || !material.key) return { allowed: false, reason: 'not_found' };
  if (material.lessonId === null) return scope.courseWide ? { allowed: true, material, scope } : { allowed: false, reason: 'not_found' };
  if (scope.lessonIds.includes(material.lessonId)) return { allowed: true, material, scope };
  const lesson = scope.view.lessons.find((l) => l.id === material.lessonId);
  // Enrolled and the lesson is published but locked: say so (the UI shows why). Otherwise hide it.
  return lesson && scope.view.enrollment ? { allowed: false, reason: 'locked', material } : { allowed: false, reason: 'not_found' };
}
