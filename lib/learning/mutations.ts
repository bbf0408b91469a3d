import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { enrollments, lessonProgress, lessons, lessonUnlocks, userPreferences } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { openableLesson } from './access';
import { completeLesson } from './progress';

type Meta = { ip?: string; requestId?: string };

/** Records that a student opened a lesson (its progress starts "in progress"). Caller checked access. */
export async function recordLessonOpened(userId: string, courseId: string, lessonId: string) {
  await db.insert(lessonProgress).values({ userId, courseId, lessonId }).onConflictDoNothing();
}

/**
 * "Mark as complete" for lessons whose rule is `view` (text lessons by default). Other rules are
 * decided by the server from what the student did, so they cannot be marked by hand.
 */
export async function markLessonComplete(actor: SessionUser, input: { courseId: string; lessonId: string }) {
  const { lesson, allowed, view } = await openableLesson(actor, input.courseId, input.lessonId);
  if (!lesson || !allowed) throw new AppError('NOT_FOUND');
  if (!view?.enrollment) throw new AppError('FORBIDDEN', 'Only enrolled students record progress');
  if (lesson.completionRule.kind !== 'view') throw new AppError('VALIDATION', undefined, { messageKey: 'completionAutomatic' });
  await db.transaction((tx) => completeLesson(tx, actor.id, lesson.id, input.courseId));
  return { completed: true };
}

/** A teacher opens a locked lesson early for one enrolled student (sequence and drip no longer apply). */
export async function unlockLessonForStudent(actor: SessionUser, input: { courseId: string; lessonId: string; userId: string; reason: string }, meta: Meta = {}) {
  await assertCourseRole(actor, input.courseId, 'editor');
  const [lesson, enrollment] = await Promise.all([
    db.query.lessons.findFirst({ where: and(eq(lessons.id, input.lessonId), eq(lessons.courseId, input.courseId)), columns: { id: true, title: true } }),
    db.query.enrollments.findFirst({ where: and(eq(enrollments.courseId, input.courseId), eq(enrollments.userId, input.userId), eq(enrollments.status, 'active')), columns: { id: true } }),
  ]);
  if (!lesson || !enrollment) throw new AppError('NOT_FOUND');
  await db.transaction(async (tx) => {
    await tx.insert(lessonUnlocks).values({ userId: input.userId, lessonId: lesson.id, grantedById: actor.id, reason: input.reason }).onConflictDoNothing();
    await writeAudit(tx, { actorId: actor.id, action: 'lesson.unlocked_for_student', targetType: 'lesson', targetId: lesson.id, data: { courseId: input.courseId, studentId: input.userId, title: lesson.title, reason: input.reason }, ...meta });
  });
  return { unlocked: true };
}

/** Remembers the player's speed and caption language for this user, on every device. */
export async function updatePlaybackPrefs(actor: SessionUser, input: { rate?: number; captionLang?: string | null }) {
  const set = { ...(input.rate !== undefined && { playbackRate: input.rate }), ...(input.captionLang !== undefined && { captionLang: input.captionLang }), updatedAt: new Date() };
  await db.insert(userPreferences).values({ userId: actor.id, ...set }).onConflictDoUpdate({ target: userPreferences.userId, set });
  return { saved: true };
}
