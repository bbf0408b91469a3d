import 'server-only';
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { courseInvites, courseModules, courses, enrollments, lessonProgress, lessons, users } from '@/db/schema';
import { publishedLessonCount } from '@/lib/catalog/queries';
import type { MyCourse, StudentsPageData } from './dto';
import { STUDENTS_PAGE_SIZE } from './schemas';

/**
 * "My courses": the user's active enrollments in published courses, latest first. Caller passes
 * the signed-in user's own id. Drafts and archived courses are left out: their pages are closed
 * to students, so a card would lead nowhere.
 */
export async function listMyCourses(userId: string): Promise<MyCourse[]> {
  const rows = await db
    .select({
      courseId: courses.id,
      slug: courses.slug,
      title: courses.title,
      shortDescription: courses.shortDescription,
      coverImageUrl: courses.coverImageUrl,
      level: courses.level,
      language: courses.language,
      enrolledAt: enrollments.enrolledAt,
      completedAt: enrollments.completedAt,
      lessonCount: publishedLessonCount,
      completedLessons: sql<number>`(select count(*)::int from ${lessonProgress} p join ${lessons} l on l.id = p.lesson_id
        where p.user_id = ${enrollments.userId} and p.course_id = ${courses.id} and p.status = 'completed' and l.status = 'published')`,
      lastActivityAt: sql<string | null>`(select max(p.updated_at) from ${lessonProgress} p where p.user_id = ${enrollments.userId} and p.course_id = ${courses.id})`,
    })
    .from(enrollments)
    .innerJoin(courses, eq(courses.id, enrollments.courseId))
    .where(and(eq(enrollments.userId, userId), eq(enrollments.status, 'active'), eq(courses.status, 'published')))
    .orderBy(desc(enrollments.enrolledAt), asc(courses.id));
  return rows
    .map((r) => ({
      ...r,
      enrolledAt: r.enrolledAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
      lastActivityAt: r.lastActivityAt ? new Date(r.lastActivityAt).toISOString() : null,
    }))
    // Most recently studied first; never-opened courses after, newest enrollment first.
    .sort((a, b) => (b.lastActivityAt ?? '').localeCompare(a.lastActivityAt ?? '') || b.enrolledAt.localeCompare(a.enrolledAt));
}

/** The staff view of a course's students. Caller has checked that the viewer is an editor of the course or an admin. */
export async function getStudentsPageData(courseId: string, page: number): Promise<StudentsPageData | null> {
  const course = await db.query.courses.findFirst({
    where: eq(courses.id, courseId),
    columns: { id: true, title: true, slug: true, status: true, visibility: true, inviteToken: true },
  });
  if (!course) return null;
  const active = and(eq(enrollments.courseId, courseId), eq(enrollments.status, 'active'));
  const [rows, [total], invites] = await Promise.all([
    db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        source: enrollments.source,
        enrolledAt: enrollments.enrolledAt,
        completedLessons: sql<number>`(select count(*)::int from ${lessonProgress} p join ${lessons} l on l.id = p.lesson_id
          where p.user_id = ${users.id} and p.course_id = ${courseId} and p.status = 'completed' and l.status = 'published')`,
        lastActivityAt: sql<string | null>`(select max(p.updated_at) from ${lessonProgress} p where p.user_id = ${users.id} and p.course_id = ${courseId})`,
      })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.userId))
      .where(active)
      .orderBy(desc(enrollments.enrolledAt), asc(users.email))
      .limit(STUDENTS_PAGE_SIZE)
      .offset((page - 1) * STUDENTS_PAGE_SIZE),
    db.select({ n: count() }).from(enrollments).where(active),
    db
      .select({ email: courseInvites.email, invitedAt: courseInvites.createdAt })
      .from(courseInvites)
      .where(and(eq(courseInvites.courseId, courseId), isNull(courseInvites.acceptedAt)))
      .orderBy(desc(courseInvites.createdAt), asc(courseInvites.email))
      .limit(500),
  ]);
  return {
    course,
    students: rows.map((r) => ({ ...r, enrolledAt: r.enrolledAt.toISOString(), lastActivityAt: r.lastActivityAt ? new Date(r.lastActivityAt).toISOString() : null })),
    lessons: await db
      .select({ id: lessons.id, title: lessons.title })
      .from(lessons)
      .innerJoin(courseModules, eq(courseModules.id, lessons.moduleId))
      .where(and(eq(lessons.courseId, courseId), eq(lessons.status, 'published')))
      .orderBy(asc(courseModules.position), asc(lessons.position)),
    total: total?.n ?? 0,
    page,
    pageSize: STUDENTS_PAGE_SIZE,
    invites: invites.map((i) => ({ email: i.email, invitedAt: i.invitedAt.toISOString() })),
  };
}
