import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { attachments, courseMembers, homeworkMessages, homeworkSubmissions, lessons } from '@/db/schema';
import { attachmentKey } from '@/lib/attachments/keys';
import { sniffAttachment } from '@/lib/attachments/sniff';
import { writeAudit } from '@/lib/audit';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { markdownToHtml } from '@/lib/homework/markdown';
import { loggerFor } from '@/lib/logger';
import { notify } from '@/lib/notifications/mutations';
import { getStorage } from '@/lib/storage';
import { materialAccess } from './access';
import { SNAPSHOT_MAX_BYTES } from './constants';
import type { SnapshotOrigin } from './links';
import type { SnapshotInput } from './schemas';

// A region snapshot: a student selects a rectangle of a document page in the viewer, the browser
// crops it to a PNG, and it is sent with a note into the student's thread on the document's lesson
// (a homework thread on a homework lesson, a question thread on any other lesson — the same
// homework_submissions/messages model; lib/homework/mutations.ts refuses grades on question
// threads). The image is a homework attachment under the thread's prefix (so thread access rules,
// signed reads and clean-up apply), and its `origin` keeps material, revision, page and box, so a
// teacher can jump back to that spot in the viewer.

const log = loggerFor('materials');
const MAX_SIDE = 4096;

/** Sends a snapshot into the actor's thread on the material's lesson. Refused (FORBIDDEN) while that lesson is locked. */
export async function sendSnapshot(actor: SessionUser, materialId: string, input: SnapshotInput, png: Uint8Array, meta: { ip?: string; requestId?: string } = {}) {
  const access = await materialAccess(actor, materialId);
  if (!access.allowed) throw access.reason === 'locked' ? new AppError('FORBIDDEN', 'This lesson is not open to you yet') : new AppError('NOT_FOUND');
  const m = access.material;
  if (!m.lessonId) throw new AppError('VALIDATION', 'Snapshots can be sent from lesson documents only');
  // The thread is the student's: staff previewing a course have nobody to ask.
  if (!access.scope.view.enrollment) throw new AppError('FORBIDDEN', 'Only enrolled students send snapshots');
  if (m.pageCount !== null && input.page > m.pageCount) throw new AppError('VALIDATION', 'No such page');
  if (input.nx + input.nw > 1.0001 || input.ny + input.nh > 1.0001) throw new AppError('VALIDATION', 'The region is outside the page');
  if (png.length === 0 || png.length > SNAPSHOT_MAX_BYTES) throw new AppError('VALIDATION', 'The snapshot is empty or too large');
  const sniffed = sniffAttachment(png, 'snapshot.png');
  if (sniffed?.type !== 'image/png' || !sniffed.width || !sniffed.height || sniffed.width > MAX_SIDE || sniffed.height > MAX_SIDE) throw new AppError('VALIDATION', 'The snapshot must be a PNG image');

  const lessonId = m.lessonId;
  const attachmentId = randomUUID();
  const filename = `${m.title.slice(0, 40)} p${input.page}.png`;
  const key = attachmentKey(m.courseId, lessonId, actor.id, attachmentId, filename);
  const storage = getStorage();
  await storage.putObject(key, png, { contentType: 'image/png' });
  const origin: SnapshotOrigin = { kind: 'material_snapshot', materialId: m.id, revision: m.revision, page: input.page, nx: input.nx, ny: input.ny, nw: input.nw, nh: input.nh };
  try {
    return await db.transaction(async (tx) => {
      // New threads start waiting for a teacher: a question wants an answer.
      await tx.insert(homeworkSubmissions).values({ lessonId, courseId: m.courseId, studentId: actor.id }).onConflictDoNothing();
      const [sub] = await tx
        .select()
        .from(homeworkSubmissions)
        .where(and(eq(homeworkSubmissions.lessonId, lessonId), eq(homeworkSubmissions.studentId, actor.id)))
        .for('update');
      const bodyHtml = markdownToHtml(input.note);
      const [msg] = await tx.insert(homeworkMessages).values({ submissionId: sub!.id, authorId: actor.id, role: 'student', kind: 'comment', bodyHtml }).returning({ id: homeworkMessages.id });
      await tx.insert(attachments).values({
        id: attachmentId,
        courseId: m.courseId,
        messageId: msg!.id,
        uploaderId: actor.id,
        key,
        filename,
        contentType: 'image/png',
        size: png.length,
        width: sniffed.width,
        height: sniffed.height,
        status: 'ready',
        origin,
      });
      await tx.update(homeworkSubmissions).set({ lastMessageAt: new Date() }).where(eq(homeworkSubmissions.id, sub!.id));
      await writeAudit(tx, { actorId: actor.id, action: 'material.snapshot_sent', targetType: 'homework_submission', targetId: sub!.id, data: { materialId: m.id, page: input.page }, ...meta });
      // The course's teachers (owner and editors) are told in the app: a question on a thread that
      // was already reviewed would otherwise wait unseen, since only waiting submissions are counted.
      const [lesson] = await tx.select({ title: lessons.title }).from(lessons).where(eq(lessons.id, lessonId));
      const teachers = await tx.select({ userId: courseMembers.userId }).from(courseMembers).where(eq(courseMembers.courseId, m.courseId));
      for (const { userId } of teachers) {
        await notify(tx, userId, 'materials.snapshot', { key: 'materialSnapshot', params: { student: actor.name || actor.email, page: input.page, material: m.title, lesson: lesson?.title ?? '' }, href: `/inbox/${sub!.id}` });
      }
      return { submissionId: sub!.id, messageId: msg!.id, attachmentId, lessonId };
    });
  } catch (e) {
    await storage.deleteObject(key).catch(() => log.warn({ key }, 'orphan snapshot left for the hourly clean-up'));
    throw e;
  }
}
