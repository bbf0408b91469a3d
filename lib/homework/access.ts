import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Database, Tx } from '@/db/factory';
import { lessons } from '@/db/schema';
import { getCourseRole, hasCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { openableLesson } from '@/lib/learning/access';

// Who takes part in a homework thread: its student, the course's editors (its teachers) and admins.
// Nobody else learns that a thread exists (NOT_FOUND, not FORBIDDEN).

export type ThreadRole = 'student' | 'teacher';

/** True when the actor teaches the course: an admin, or an author who edits it (read from the database). */
export async function isCourseTeacher(actor: SessionUser, courseId: string) {
  if (actor.role === 'admin') return true;
  return actor.role === 'author' && hasCourseRole(await getCourseRole(actor.id, courseId), 'editor');
}

/** The actor's role in the thread of `studentId` on a lesson of `courseId`, or null when not a participant. */
export async function threadRoleFor(actor: SessionUser, courseId: string, studentId: string): Promise<ThreadRole | null> {
  if (actor.id === studentId) return 'student';
  return (await isCourseTeacher(actor, courseId)) ? 'teacher' : null;
}

/**
 * Throws unless the actor may submit to this homework lesson now: it is a homework lesson of the
 * course, and the actor is enrolled and the lesson is open to them (not locked by sequence or drip).
 */
export async function assertCanSubmit(actor: SessionUser, courseId: string, lessonId: string, database: Database | Tx = db) {
  const lesson = await database.query.lessons.findFirst({ where: and(eq(lessons.id, lessonId), eq(lessons.courseId, courseId)), columns: { type: true } });
  if (!lesson) throw new AppError('NOT_FOUND');
  if (lesson.type !== 'homework') throw new AppError('VALIDATION', 'This lesson does not take homework');
  const open = await openableLesson(actor, courseId, lessonId, database);
  // Only an enrolled student submits; staff previewing a course have nothing to hand in.
  if (!open.allowed || !open.view?.enrollment) throw new AppError('FORBIDDEN', 'This lesson is not open to you yet');
}
