import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Tx } from '@/db/factory';
import { courses, homeworkMessages, homeworkSubmissions, lessonProgress, lessons } from '@/db/schema';
import { bindAttachments } from '@/lib/attachments/uploads';
import { threadAttachmentsPrefix } from '@/lib/attachments/keys';
import { writeAudit } from '@/lib/audit';
import type { SessionUser } from '@/lib/auth/session';
import { lessonHref } from '@/lib/catalog/routes';
import { AppError } from '@/lib/errors';
import { completeLesson } from '@/lib/learning/progress';
import { emailNotification } from '@/lib/notifications/email';
import { notify, type NotificationData } from '@/lib/notifications/mutations';
import { assertCanSubmit, isCourseTeacher } from './access';
import './completion';
import { markdownToHtml } from './markdown';
import type { ReviewHomeworkInput, SubmitHomeworkInput } from './schemas';

// Homework threads: a student submits (and resubmits after a return), teachers comment, return for
// revision or accept. Each write is one transaction over the submission row (locked), its new
// message, the attachments it binds and the notification it sends.

type Meta = { ip?: string; requestId?: string };

const emptyMessage = () => new AppError('VALIDATION', undefined, { fieldErrors: { body: ['homework.emptyMessage'] } });

/** A student's submission or follow-up message. Refused unless the lesson is open to them. */
export async function submitHomework(actor: SessionUser, input: SubmitHomeworkInput, meta: Meta = {}) {
  await assertCanSubmit(actor, input.courseId, input.lessonId);
  const bodyHtml = markdownToHtml(input.body);
  if (!bodyHtml && !input.attachmentIds.length) throw emptyMessage();
  const result = await db.transaction(async (tx) => {
    await tx.insert(homeworkSubmissions).values({ lessonId: input.lessonId, courseId: input.courseId, studentId: actor.id }).onConflictDoNothing();
    const [sub] = await tx
      .select()
      .from(homeworkSubmissions)
      .where(and(eq(homeworkSubmissions.lessonId, input.lessonId), eq(homeworkSubmissions.studentId, actor.id)))
      .for('update');
    // A thread may have been started by a question (a document snapshot, lib/materials/snapshots.ts):
    // the first *submission* still starts the review.
    const isFirst = !(await tx.query.homeworkMessages.findFirst({ where: and(eq(homeworkMessages.submissionId, sub!.id), eq(homeworkMessages.kind, 'submission')), columns: { id: true } }));
    // A new round of review starts with the first message or after a return; otherwise it is a note.
    const kind = isFirst || sub!.status === 'needs_revision' ? ('submission' as const) : ('comment' as const);
    const [msg] = await tx.insert(homeworkMessages).values({ submissionId: sub!.id, authorId: actor.id, role: 'student', kind, bodyHtml }).returning({ id: homeworkMessages.id });
    await bindAttachments(tx, actor, input.attachmentIds, msg!.id, threadAttachmentsPrefix(input.courseId, input.lessonId, actor.id));
    const now = new Date();
    await tx
      .update(homeworkSubmissions)
      .set(kind === 'submission' ? { status: 'submitted', submittedAt: now, reviewedAt: null, lastMessageAt: now } : { lastMessageAt: now })
      .where(eq(homeworkSubmissions.id, sub!.id));
    if (kind === 'submission') await writeAudit(tx, { actorId: actor.id, action: 'homework.submitted', targetType: 'homework_submission', targetId: sub!.id, data: { lessonId: input.lessonId, resubmission: !isFirst }, ...meta });
    return { submissionId: sub!.id, messageId: msg!.id, kind };
  });
  return result;
}

/** Locks the submission and checks that the actor teaches its course (others: NOT_FOUND). */
async function lockThreadAsTeacher(tx: Tx, actor: SessionUser, submissionId: string) {
  const [sub] = await tx.select().from(homeworkSubmissions).where(eq(homeworkSubmissions.id, submissionId)).for('update');
  if (!sub || !(await isCourseTeacher(actor, sub.courseId))) throw new AppError('NOT_FOUND');
  return sub;
}

/**
 * A teacher's reply: a comment, a return for revision (a comment is required) or an acceptance
 * (optional grade and comment). Accepting completes the lesson for the student in the same
 * transaction, which unlocks the next lesson of a sequential course.
 */
export async function reviewHomework(actor: SessionUser, input: ReviewHomeworkInput, meta: Meta = {}) {
  const bodyHtml = markdownToHtml(input.body);
  if (input.decision === 'return' && !bodyHtml) throw new AppError('VALIDATION', undefined, { fieldErrors: { body: ['homework.returnNeedsComment'] } });
  if (input.decision === 'comment' && !bodyHtml && !input.attachmentIds.length) throw emptyMessage();
  let email: { userId: string; data: NotificationData } | null = null;
  const result = await db.transaction(async (tx) => {
    const sub = await lockThreadAsTeacher(tx, actor, input.submissionId);
    // A question thread on a lesson that takes no homework: only replies, never a grade.
    if (input.decision !== 'comment') {
      const lesson = await tx.query.lessons.findFirst({ where: eq(lessons.id, sub.lessonId), columns: { type: true } });
      if (lesson?.type !== 'homework') throw new AppError('VALIDATION', 'A question thread takes replies, not grades');
    }
    const kind = input.decision === 'accept' ? ('accepted' as const) : input.decision === 'return' ? ('returned' as const) : ('comment' as const);
    const [msg] = await tx.insert(homeworkMessages).values({ submissionId: sub.id, authorId: actor.id, role: 'teacher', kind, bodyHtml }).returning({ id: homeworkMessages.id });
    await bindAttachments(tx, actor, input.attachmentIds, msg!.id, threadAttachmentsPrefix(sub.courseId, sub.lessonId, sub.studentId));
    const now = new Date();
    const base = { lastMessageAt: now, reviewedAt: sub.reviewedAt ?? now, claimedById: sub.claimedById ?? actor.id };
    if (kind === 'accepted') {
      await tx.update(homeworkSubmissions).set({ ...base, status: 'accepted', grade: input.grade, acceptedAt: sub.acceptedAt ?? now }).where(eq(homeworkSubmissions.id, sub.id));
      await completeLesson(tx, sub.studentId, sub.lessonId, sub.courseId);
      await tx.update(lessonProgress).set({ grade: input.grade, updatedAt: now }).where(and(eq(lessonProgress.userId, sub.studentId), eq(lessonProgress.lessonId, sub.lessonId)));
    } else if (kind === 'returned') {
      await tx.update(homeworkSubmissions).set({ ...base, status: 'needs_revision', grade: null, acceptedAt: null }).where(eq(homeworkSubmissions.id, sub.id));
    } else {
      await tx.update(homeworkSubmissions).set(base).where(eq(homeworkSubmissions.id, sub.id));
    }
    const [info] = await tx
      .select({ lessonTitle: lessons.title, slug: courses.slug })
      .from(lessons)
      .innerJoin(courses, eq(courses.id, lessons.courseId))
      .where(eq(lessons.id, sub.lessonId));
    const params: Record<string, string | number> = { lesson: info?.lessonTitle ?? '' };
    if (kind === 'accepted' && input.grade !== null) params.grade = input.grade;
    const key = kind === 'accepted' ? (input.grade !== null ? 'homeworkAcceptedGrade' : 'homeworkAccepted') : kind === 'returned' ? 'homeworkReturned' : 'homeworkComment';
    const data: NotificationData = { key, params, href: info ? lessonHref(info.slug, sub.lessonId) : undefined };
    await notify(tx, sub.studentId, `homework.${kind}`, data);
    // Decisions are emailed (when SMTP is set); comments stay in the app.
    if (kind !== 'comment') email = { userId: sub.studentId, data };
    if (kind !== 'comment') await writeAudit(tx, { actorId: actor.id, action: `homework.${kind}`, targetType: 'homework_submission', targetId: sub.id, data: { grade: input.grade }, ...meta });
    return { submissionId: sub.id, messageId: msg!.id, status: kind === 'accepted' ? 'accepted' : kind === 'returned' ? 'needs_revision' : sub.status };
  });
  // After the commit, without waiting: a slow or failing SMTP server never holds up the review.
  const pending = email as { userId: string; data: NotificationData } | null;
  if (pending) void emailNotification(pending.userId, pending.data);
  return result;
}

/** Takes a submission for review (or gives it back), so two teachers do not review the same one. */
export async function claimHomework(actor: SessionUser, input: { submissionId: string; release: boolean }) {
  return db.transaction(async (tx) => {
    const sub = await lockThreadAsTeacher(tx, actor, input.submissionId);
    if (input.release) {
      if (sub.claimedById === actor.id) await tx.update(homeworkSubmissions).set({ claimedById: null }).where(eq(homeworkSubmissions.id, sub.id));
      return { claimedById: sub.claimedById === actor.id ? null : sub.claimedById };
    }
    if (sub.claimedById && sub.claimedById !== actor.id) throw new AppError('CONFLICT', undefined, { fieldErrors: { submissionId: ['homework.claimedByOther'] } });
    await tx.update(homeworkSubmissions).set({ claimedById: actor.id }).where(eq(homeworkSubmissions.id, sub.id));
    return { claimedById: actor.id };
  });
}

/** For tests and tools: the submission of a student on a lesson. */
export const submissionOf = (lessonId: string, studentId: string) =>
  db.query.homeworkSubmissions.findFirst({ where: and(eq(homeworkSubmissions.lessonId, lessonId), eq(homeworkSubmissions.studentId, studentId)) });

