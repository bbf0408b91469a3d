import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { lessons } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { sanitizeLessonHtml } from '@/lib/content/sanitize';
import { AppError } from '@/lib/errors';
import type { UpdateLessonInput } from './schemas';

/** Saves a lesson's settings and content. HTML is sanitized here, whatever the client sent. */
export async function updateLesson(actor: SessionUser, input: UpdateLessonInput, meta: { ip?: string; requestId?: string }) {
  await assertCourseRole(actor, input.courseId, 'editor');
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(lessons).where(and(eq(lessons.id, input.lessonId), eq(lessons.courseId, input.courseId))).for('update');
    if (!current) throw new AppError('NOT_FOUND');
    const next = {
      title: input.title,
      description: input.description,
      status: input.status,
      isFreePreview: input.isFreePreview,
      durationSeconds: input.durationSeconds,
      completionRule: input.completionRule,
      dripDays: input.drip.mode === 'days' ? input.drip.days : null,
      dripDate: input.drip.mode === 'date' ? new Date(`${input.drip.date}T00:00:00Z`) : null,
      contentHtml: sanitizeLessonHtml(input.contentHtml),
    };
    const changed = Object.entries(next)
      .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(current[k as keyof typeof current]))
      .map(([k]) => k);
    const [row] = await tx.update(lessons).set({ ...next, updatedAt: sql`now()` }).where(eq(lessons.id, input.lessonId)).returning({ updatedAt: lessons.updatedAt, contentHtml: lessons.contentHtml });
    await writeAudit(tx, { actorId: actor.id, action: 'lesson.updated', targetType: 'lesson', targetId: input.lessonId, data: { courseId: input.courseId, changed }, ...meta });
    return { updatedAt: row!.updatedAt.toISOString(), contentHtml: row!.contentHtml };
  });
}
