import { afterAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { addCourseMember, createCourse, enroll } from '@/db/factories';
import { attachments, courses, homeworkMessages, lessonProgress, lessons, notifications, userPreferences } from '@/db/schema';
import { setMailTransport, type MailTransport } from '@/lib/notifications/email';
import { completeAttachmentUpload, createAttachmentUpload, getAttachmentUrl } from '@/lib/attachments/uploads';
import { makeActor } from '@/lib/courses/test-utils';
import { AppError } from '@/lib/errors';
import { getBoss } from '@/lib/jobs/client';
import { openableLesson } from '@/lib/learning/access';
import { deleteLessons } from '@/lib/outline/mutations';
import { getStorage } from '@/lib/storage';
import { runStorageCleanup } from '@/lib/videos/maintenance';
import type { SessionUser } from '@/lib/auth/session';
import { claimHomework, reviewHomework, submissionOf, submitHomework } from './mutations';
import { countWaitingHomework, getHomeworkThread, getOwnHomeworkThread, listInbox } from './queries';

afterAll(async () => (await getBoss()).stop({ graceful: false, wait: true }));

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.extra.fieldErrors ? `${e.code}:${Object.values(e.extra.fieldErrors)[0]![0]}` : e.code;
    throw e;
  }
};

const exists = (key: string) => getStorage().headObject(key).then(() => true, () => false);

/** A 2×3 PNG (real header, IHDR). */
function pngBytes(w = 2, h = 3) {
  const b = new Uint8Array(64);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, w);
  new DataView(b.buffer).setUint32(20, h);
  return b;
}

/** A sequential published course: homework lesson then a text lesson; a teacher (owner) and an enrolled student. */
async function setup() {
  const teacher = await makeActor('author');
  const student = await makeActor('student');
  const course = await createCourse(db, { ownerId: teacher.id, status: 'published', modules: 1, lessonsPerModule: 3 });
  await db.update(courses).set({ isSequential: true }).where(eq(courses.id, course.id));
  const [first, homework, next] = course.modules[0]!.lessonIds as [string, string, string];
  await db.update(lessons).set({ type: 'homework', completionRule: { kind: 'homework_accepted' } }).where(eq(lessons.id, homework));
  await enroll(db, course.id, student.id);
  // The first lesson is done, so the homework lesson is open and the one after it locked.
  await db.insert(lessonProgress).values({ userId: student.id, lessonId: first, courseId: course.id, status: 'completed', completedAt: new Date() });
  return { teacher, student, course, homework, next, first };
}

async function upload(actor: SessionUser, courseId: string, lessonId: string, bytes: Uint8Array, filename: string, studentId?: string) {
  const up = await createAttachmentUpload(actor, { courseId, lessonId, studentId, filename, type: '', size: bytes.length });
  const res = await fetch(up.url, { method: 'PUT', body: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
  expect(res.ok).toBe(true);
  return { id: up.attachmentId, complete: () => completeAttachmentUpload(actor, up.attachmentId) };
}

describe('homework threads', () => {
  it('refuses submissions to a locked lesson or from someone not enrolled', async () => {
    const { course, homework, student, first } = await setup();
    const stranger = await makeActor('student');
    expect(await codeOf(submitHomework(stranger, { courseId: course.id, lessonId: homework, body: 'hi', attachmentIds: [] }))).toBe('FORBIDDEN');
    await db.delete(lessonProgress).where(and(eq(lessonProgress.userId, student.id), eq(lessonProgress.lessonId, first)));
    expect(await codeOf(submitHomework(student, { courseId: course.id, lessonId: homework, body: 'hi', attachmentIds: [] }))).toBe('FORBIDDEN');
    expect(await codeOf(createAttachmentUpload(student, { courseId: course.id, lessonId: homework, filename: 'a.png', type: 'image/png', size: 10 }))).toBe('FORBIDDEN');
    // A lesson that is not homework takes no submissions.
    expect(await codeOf(submitHomework(student, { courseId: course.id, lessonId: first, body: 'hi', attachmentIds: [] }))).toBe('VALIDATION');
  });

  it('submit → return → resubmit → accept with a grade completes the lesson and unlocks the next', async () => {
    const { course, homework, next, student, teacher } = await setup();
    expect((await openableLesson(student, course.id, next)).allowed).toBe(false);
    const shot = await upload(student, course.id, homework, pngBytes(640, 480), 'screen shot.png');
    const dto = await shot.complete();
    expect(dto).toMatchObject({ contentType: 'image/png', width: 640, height: 480, isImage: true });
    const s1 = await submitHomework(student, { courseId: course.id, lessonId: homework, body: 'My answer <script>alert(1)</script>', attachmentIds: [shot.id] });
    expect(s1.kind).toBe('submission');
    expect(await countWaitingHomework(teacher)).toBe(1);
    expect((await listInbox(teacher, { status: 'submitted', page: 1 })).rows.map((r) => r.id)).toEqual([s1.submissionId]);

    const thread = (await getOwnHomeworkThread(student, homework))!;
    expect(thread.messages[0]!.bodyHtml).toContain('&lt;script&gt;');
    expect(thread.messages[0]!.bodyHtml).not.toContain('<script');
    expect(thread.messages[0]!.attachments.map((a) => a.id)).toEqual([shot.id]);

    expect(await claimHomework(teacher, { submissionId: s1.submissionId, release: false })).toEqual({ claimedById: teacher.id });
    expect(await codeOf(reviewHomework(teacher, { submissionId: s1.submissionId, decision: 'return', body: '', attachmentIds: [], grade: null }))).toBe('VALIDATION:homework.returnNeedsComment');
    await reviewHomework(teacher, { submissionId: s1.submissionId, decision: 'return', body: 'Add the **conclusion**', attachmentIds: [], grade: null });
    expect((await submissionOf(homework, student.id))!.status).toBe('needs_revision');
    expect(await countWaitingHomework(teacher)).toBe(0);

    const s2 = await submitHomework(student, { courseId: course.id, lessonId: homework, body: 'Fixed', attachmentIds: [] });
    expect(s2).toMatchObject({ submissionId: s1.submissionId, kind: 'submission' });
    expect((await submissionOf(homework, student.id))!.status).toBe('submitted');

    await reviewHomework(teacher, { submissionId: s1.submissionId, decision: 'accept', body: 'Well done', attachmentIds: [], grade: 87 });
    const sub = (await submissionOf(homework, student.id))!;
    expect(sub).toMatchObject({ status: 'accepted', grade: 87 });
    const progress = await db.query.lessonProgress.findFirst({ where: and(eq(lessonProgress.userId, student.id), eq(lessonProgress.lessonId, homework)) });
    expect(progress).toMatchObject({ status: 'completed', grade: 87 });
    expect((await openableLesson(student, course.id, next)).allowed).toBe(true);

    const notes = await db.select().from(notifications).where(eq(notifications.userId, student.id));
    expect(notes.map((n) => n.kind).sort()).toEqual(['homework.accepted', 'homework.returned']);
    const kinds = (await db.select({ kind: homeworkMessages.kind }).from(homeworkMessages).where(eq(homeworkMessages.submissionId, s1.submissionId)).orderBy(homeworkMessages.createdAt)).map((m) => m.kind);
    expect(kinds).toEqual(['submission', 'returned', 'submission', 'accepted']);
  });

  it('shows a thread and its files only to the student, the course editors and admins', async () => {
    const { course, homework, student, teacher } = await setup();
    const other = await makeActor('student');
    await enroll(db, course.id, other.id);
    await db.insert(lessonProgress).values({ userId: other.id, lessonId: course.modules[0]!.lessonIds[0]!, courseId: course.id, status: 'completed', completedAt: new Date() });
    const otherAuthor = await makeActor('author');
    const coEditor = await makeActor('author');
    await addCourseMember(db, course.id, coEditor.id, 'editor');
    const admin = await makeActor('admin');

    const file = await upload(student, course.id, homework, pngBytes(), 'a.png');
    await file.complete();
    // Before it is sent, only the uploader can fetch it.
    expect(await getAttachmentUrl(student, file.id)).toMatch(/^https?:\/\//);
    expect(await codeOf(getAttachmentUrl(teacher, file.id))).toBe('NOT_FOUND');
    // Nobody else can bind someone's file to their own message.
    expect(await codeOf(submitHomework(other, { courseId: course.id, lessonId: homework, body: 'x', attachmentIds: [file.id] }))).toMatch(/^VALIDATION/);
    const { submissionId } = await submitHomework(student, { courseId: course.id, lessonId: homework, body: 'answer', attachmentIds: [file.id] });

    for (const who of [student, teacher, coEditor, admin]) {
      expect(await getHomeworkThread(who, submissionId)).not.toBeNull();
      const url = await getAttachmentUrl(who, file.id);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer()).slice(0, 4)).toEqual(pngBytes().slice(0, 4));
    }
    for (const who of [other, otherAuthor]) {
      expect(await getHomeworkThread(who, submissionId)).toBeNull();
      expect(await codeOf(getAttachmentUrl(who, file.id))).toBe('NOT_FOUND');
      expect(await codeOf(reviewHomework(who, { submissionId, decision: 'accept', body: '', attachmentIds: [], grade: null }))).toBe('NOT_FOUND');
    }
    expect(await listInbox(otherAuthor, { status: 'all', page: 1 })).toEqual({ rows: [], total: 0 });
    expect((await listInbox(coEditor, { status: 'all', page: 1 })).total).toBe(1);
  });
});

describe('attachments', () => {
  it('rejects and deletes an executable disguised as an image, empty and oversized files', async () => {
    const { course, homework, student } = await setup();
    expect(await codeOf(createAttachmentUpload(student, { courseId: course.id, lessonId: homework, filename: 'empty.png', type: 'image/png', size: 0 }))).toBe('VALIDATION:homework.fileEmpty');
    expect(await codeOf(createAttachmentUpload(student, { courseId: course.id, lessonId: homework, filename: 'big.png', type: 'image/png', size: 21 * 1024 * 1024 }))).toBe('VALIDATION:homework.fileTooLarge');
    expect(await codeOf(createAttachmentUpload(student, { courseId: course.id, lessonId: homework, filename: 'run.exe', type: '', size: 10 }))).toBe('VALIDATION:homework.fileType');

    const exe = new Uint8Array(128);
    exe.set([0x4d, 0x5a, 0x90, 0x00]);
    const fake = await upload(student, course.id, homework, exe, 'cat.png');
    const row = await db.query.attachments.findFirst({ where: eq(attachments.id, fake.id) });
    expect(await codeOf(fake.complete())).toBe('VALIDATION:homework.fileRejected');
    expect(await db.query.attachments.findFirst({ where: eq(attachments.id, fake.id) })).toBeUndefined();
    expect(await exists(row!.key)).toBe(false);
  });

  it('deletes a lesson’s thread files with the lesson, and orphans in the hourly clean-up', async () => {
    const { course, homework, student, teacher } = await setup();
    const file = await upload(student, course.id, homework, pngBytes(), 'a.png');
    await file.complete();
    await submitHomework(student, { courseId: course.id, lessonId: homework, body: '', attachmentIds: [file.id] });
    const row = (await db.query.attachments.findFirst({ where: eq(attachments.id, file.id) }))!;
    expect(row.key).toMatch(new RegExp(`^courses/${course.id}/attachments/${homework}/${student.id}/${file.id}/a\\.png$`));

    // An object with no row under the course's attachments (e.g. a crash between PUT and the row).
    const orphan = `courses/${course.id}/attachments/${homework}/${student.id}/00000000-0000-4000-8000-000000000000/x.png`;
    await getStorage().putObject(orphan, pngBytes());
    await runStorageCleanup(getStorage(), { staleHours: 24, graceMinutes: -5, courseId: course.id });
    expect(await exists(orphan)).toBe(false);
    expect((await getStorage().headObject(row.key)).size).toBe(64);

    const version = (await db.query.courses.findFirst({ where: eq(courses.id, course.id) }))!.outlineVersion;
    await deleteLessons(teacher, { courseId: course.id, lessonIds: [homework], expectedVersion: version }, {});
    expect(await db.query.attachments.findFirst({ where: eq(attachments.id, file.id) })).toBeUndefined();
    expect(await exists(row.key)).toBe(false);
  });
});

describe('notification emails (SMTP boundary mocked)', () => {
  afterAll(() => setMailTransport(undefined));

  it('emails decisions in the student’s language after the commit; a failing server does not fail the review', async () => {
    const { course, homework, student, teacher } = await setup();
    const sent: Parameters<MailTransport['sendMail']>[0][] = [];
    setMailTransport({ sendMail: async (m) => void sent.push(m) });
    const { submissionId } = await submitHomework(student, { courseId: course.id, lessonId: homework, body: 'answer', attachmentIds: [] });
    await reviewHomework(teacher, { submissionId, decision: 'comment', body: 'Looking now', attachmentIds: [], grade: null });
    await reviewHomework(teacher, { submissionId, decision: 'return', body: 'More please', attachmentIds: [], grade: null });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ to: student.email, subject: 'Your homework for “Lesson 1.2” was returned for revision.' });
    expect(sent[0]!.text).toContain(`/learn/${course.slug}/${homework}`);

    await db.insert(userPreferences).values({ userId: student.id, locale: 'ru' });
    await submitHomework(student, { courseId: course.id, lessonId: homework, body: 'again', attachmentIds: [] });
    setMailTransport({ sendMail: async () => Promise.reject(new Error('SMTP down')) });
    await reviewHomework(teacher, { submissionId, decision: 'accept', body: '', attachmentIds: [], grade: 70 });
    expect((await submissionOf(homework, student.id))!.status).toBe('accepted');
    setMailTransport({ sendMail: async (m) => void sent.push(m) });
    await reviewHomework(teacher, { submissionId, decision: 'accept', body: '', attachmentIds: [], grade: 75 });
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.subject).toBe('Ваше задание по уроку «Lesson 1.2» принято с оценкой 75/100.');
  });
});
