import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { courseMembers, courses, type CourseMemberRole, type PlatformRole } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { SessionUser } from './session';
import { hasCourseRole, hasPlatformRole } from './roles';

export { hasCourseRole, hasPlatformRole } from './roles';

/** For actions: throws FORBIDDEN unless the actor has one of the platform roles. */
export function assertRole(actor: SessionUser, roles: readonly PlatformRole[]) {
  if (!hasPlatformRole(actor.role, roles)) throw new AppError('FORBIDDEN');
}

/** For pages: the user when they hold one of the roles; otherwise a 404 that reveals nothing. */
export async function requirePageRole(roles: readonly PlatformRole[]): Promise<SessionUser> {
  // Loaded lazily so mutations (and the scripts and benchmarks that run them outside Next) do not
  // pull in Auth.js through this module.
  const [{ requireUser }, { notFound }] = await Promise.all([import('./session'), import('next/navigation')]);
  const user = await requireUser();
  if (!hasPlatformRole(user.role, roles)) notFound();
  return user;
}

/** The actor's membership role on a course, read from the database (never from the token). */
export async function getCourseRole(userId: string, courseId: string): Promise<CourseMemberRole | null> {
  const row = await db.query.courseMembers.findFirst({
    where: and(eq(courseMembers.courseId, courseId), eq(courseMembers.userId, userId)),
    columns: { role: true },
  });
  return row?.role ?? null;
}

/** Throws FORBIDDEN unless the actor may act on the course with at least `needed` (admins may always). */
export async function assertCourseRole(actor: SessionUser, courseId: string, needed: CourseMemberRole) {
  if (actor.role === 'admin') return;
  if (actor.role !== 'author') throw new AppError('FORBIDDEN');
  const role = await getCourseRole(actor.id, courseId);
  if (!hasCourseRole(role, needed)) throw new AppError('FORBIDDEN');
}

/** For course pages: the user when they edit this course (or are an admin and it exists); otherwise a 404. */
export async function requireCourseEditorPage(courseId: string): Promise<SessionUser> {
  const user = await requirePageRole(['author', 'admin']);
  const isUuid = /^[0-9a-f-]{36}$/i.test(courseId);
  const allowed =
    isUuid &&
    (user.role === 'admin'
      ? Boolean(await db.query.courses.findFirst({ where: eq(courses.id, courseId), columns: { id: true } }))
      : hasCourseRole(await getCourseRole(user.id, courseId), 'editor'));
  if (!allowed) {
    const { notFound } = await import('next/navigation');
    notFound();
  }
  return user;
}
