import 'server-only';
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '@/db/client';
import { attachments, courseMembers, courses, homeworkMessages, homeworkSubmissions, lessons, users } from '@/db/schema';
import { toAttachmentDto } from '@/lib/attachments/uploads';
import type { SessionUser } from '@/lib/auth/session';
import { isCourseTeacher, threadRoleFor, type ThreadRole } from './access';
import './completion';
import type { HomeworkThreadDto, InboxRow } from './dto';
import type { InboxFilter } from './schemas';

export const INBOX_PAGE_SIZE = 30;

async function loadThread(submissionId: string): Promise<HomeworkThreadDto | null> {
  const claimer = alias(users, 'claimer');
  const [row] = await db
    .select({ s: homeworkSubmissions, courseTitle: courses.title, courseSlug: courses.slug, lessonTitle: lessons.title, studentName: users.name, studentEmail: users.email, claimerName: claimer.name })
    .from(homeworkSubmissions)
    .innerJoin(courses, eq(courses.id, homeworkSubmissions.courseId))
    .innerJoin(lessons, eq(lessons.id, homeworkSubmissions.lessonId))
    .innerJoin(users, eq(users.id, homeworkSubmissions.studentId))
    .leftJoin(claimer, eq(claimer.id, homeworkSubmissions.claimedById))
    .where(eq(homeworkSubmissions.id, submissionId));
  if (!row) return null;
  const author = alias(users, 'author');
  const msgs = await db
    .select({ m: homeworkMessages, authorName: author.name })
    .from(homeworkMessages)
    .leftJoin(author, eq(author.id, homeworkMessages.authorId))
    .where(eq(homeworkMessages.submissionId, submissionId))
    .orderBy(asc(homeworkMessages.createdAt), asc(homeworkMessages.id));
  const files = msgs.length
    ? await db.select().from(attachments).where(and(inArray(attachments.messageId, msgs.map((m) => m.m.id)), eq(attachments.status, 'ready'))).orderBy(asc(attachments.createdAt))
    : [];
  const s = row.s;
  return {
    id: s.id,
    courseId: s.courseId,
    courseTitle: row.courseTitle,
    courseSlug: row.courseSlug,
    lessonId: s.lessonId,
    lessonTitle: row.lessonTitle,
    student: { id: s.studentId, name: row.studentName, email: row.studentEmail },
    status: s.status,
    grade: s.grade,
    claimedBy: s.claimedById ? { id: s.claimedById, name: row.claimerName ?? '' } : null,
    submittedAt: s.submittedAt.toISOString(),
    acceptedAt: s.acceptedAt?.toISOString() ?? null,
    messages: msgs.map(({ m, authorName }) => ({
      id: m.id,
      role: m.role,
      kind: m.kind,
      authorId: m.authorId,
      authorName: authorName ?? '',
      bodyHtml: m.removedAt ? '' : m.bodyHtml,
      removed: m.removedAt !== null,
      createdAt: m.createdAt.toISOString(),
      attachments: m.removedAt ? [] : files.filter((f) => f.messageId === m.id).map(toAttachmentDto),
    })),
  };
}

/** The viewer's own thread on a homework lesson, or null before the first submission. Caller has opened the lesson page for the viewer. */
export async function getOwnHomeworkThread(viewer: SessionUser, lessonId: string) {
  const sub = await db.query.homeworkSubmissions.findFirst({ where: and(eq(homeworkSubmissions.lessonId, lessonId), eq(homeworkSubmissions.studentId, viewer.id)), columns: { id: true } });
  return sub ? loadThread(sub.id) : null;
}

/** A thread with the viewer's role in it, or null when the viewer is not a participant. */
export async function getHomeworkThread(viewer: SessionUser, submissionId: string): Promise<{ thread: HomeworkThreadDto; role: ThreadRole } | null> {
  const sub = await db.query.homeworkSubmissions.findFirst({ where: eq(homeworkSubmissions.id, submissionId), columns: { courseId: true, studentId: true } });
  if (!sub) return null;
  const role = await threadRoleFor(viewer, sub.courseId, sub.studentId);
  if (!role) return null;
  const thread = await loadThread(submissionId);
  return thread ? { thread, role } : null;
}

/** Courses whose homework the viewer reviews: all for an admin, edited ones for an author. */
function taughtCourseIds(viewer: SessionUser): SQL | undefined {
  if (viewer.role === 'admin') return undefined;
  return inArray(
    homeworkSubmissions.courseId,
    db.select({ id: courseMembers.courseId }).from(courseMembers).where(and(eq(courseMembers.userId, viewer.id), inArray(courseMembers.role, ['owner', 'editor']))),
  );
}

/** Submissions waiting for review in the viewer's courses (the navigation badge). Caller checked the platform role. */
export async function countWaitingHomework(viewer: SessionUser) {
  if (viewer.role !== 'admin' && viewer.role !== 'author') return 0;
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(homeworkSubmissions).where(and(eq(homeworkSubmissions.status, 'submitted'), taughtCourseIds(viewer)));
  return n;
}

/** The teacher inbox: submissions across the viewer's courses, filtered, oldest waiting first. */
export async function listInbox(viewer: SessionUser, filter: InboxFilter): Promise<{ rows: InboxRow[]; total: number }> {
  const claimer = alias(users, 'claimer');
  const q = filter.student?.trim();
  const where = and(
    taughtCourseIds(viewer),
    filter.status !== 'all' ? eq(homeworkSubmissions.status, filter.status) : undefined,
    filter.courseId ? eq(homeworkSubmissions.courseId, filter.courseId) : undefined,
    filter.lessonId ? eq(homeworkSubmissions.lessonId, filter.lessonId) : undefined,
    q ? or(ilike(users.name, `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`), ilike(users.email, `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`)) : undefined,
  );
  const base = db
    .select({ s: homeworkSubmissions, courseTitle: courses.title, lessonTitle: lessons.title, studentName: users.name, studentEmail: users.email, claimerName: claimer.name })
    .from(homeworkSubmissions)
    .innerJoin(courses, eq(courses.id, homeworkSubmissions.courseId))
    .innerJoin(lessons, eq(lessons.id, homeworkSubmissions.lessonId))
    .innerJoin(users, eq(users.id, homeworkSubmissions.studentId))
    .leftJoin(claimer, eq(claimer.id, homeworkSubmissions.claimedById))
    .where(where);
  const [rows, [{ n } = { n: 0 }]] = await Promise.all([
    base
      .orderBy(filter.status === 'submitted' ? asc(homeworkSubmissions.submittedAt) : desc(homeworkSubmissions.lastMessageAt))
      .limit(INBOX_PAGE_SIZE)
      .offset((filter.page - 1) * INBOX_PAGE_SIZE),
    db.select({ n: count() }).from(homeworkSubmissions).innerJoin(users, eq(users.id, homeworkSubmissions.studentId)).where(where),
  ]);
  return {
    total: n,
    rows: rows.map((r) => ({
      id: r.s.id,
      courseTitle: r.courseTitle,
      lessonTitle: r.lessonTitle,
      studentName: r.studentName,
      studentEmail: r.studentEmail,
      status: r.s.status,
      grade: r.s.grade,
      claimedByName: r.claimerName,
      isClaimedByMe: r.s.claimedById === viewer.id,
      lastMessageAt: r.s.lastMessageAt.toISOString(),
      submittedAt: r.s.submittedAt.toISOString(),
    })),
  };
}

/** Courses and homework lessons for the inbox filters. */
export async function inboxFilterOptions(viewer: SessionUser) {
  const rows = await db
    .select({ courseId: courses.id, courseTitle: courses.title, lessonId: lessons.id, lessonTitle: lessons.title })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(
      and(
        eq(lessons.type, 'homework'),
        viewer.role === 'admin' ? undefined : inArray(courses.id, db.select({ id: courseMembers.courseId }).from(courseMembers).where(and(eq(courseMembers.userId, viewer.id), inArray(courseMembers.role, ['owner', 'editor'])))),
      ),
    )
    .orderBy(asc(courses.title), asc(lessons.title))
    .limit(500);
  const coursesById = new Map<string, { id: string; title: string }>();
  for (const r of rows) coursesById.set(r.courseId, { id: r.courseId, title: r.courseTitle });
  return { courses: [...coursesById.values()], lessons: rows.map((r) => ({ id: r.lessonId, title: r.lessonTitle, courseId: r.courseId })) };
}

export { isCourseTeacher };
