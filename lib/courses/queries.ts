import 'server-only';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import type { Database, Tx } from '@/db/factory';
import { courseMembers, courseModules, courses, lessons, users, videos } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import type { CourseAccess, CourseList, CourseMember, CourseSettings, PublishProblem } from './dto';

export const COURSES_PAGE_SIZE = 25;

const lessonCount = sql<number>`(select count(*)::int from ${lessons} where ${lessons.courseId} = ${courses.id})`.mapWith(Number);

/** Courses the actor works on: every course for admins, their memberships for authors, none otherwise. Caller: any signed-in user. */
export async function listCoursesForUser(actor: SessionUser, opts: { page?: number } = {}): Promise<CourseList> {
  const page = opts.page ?? 1;
  if (actor.role !== 'admin' && actor.role !== 'author') return { items: [], total: 0, page, pageSize: COURSES_PAGE_SIZE };
  const isAdmin = actor.role === 'admin';
  const membership = and(eq(courseMembers.courseId, courses.id), eq(courseMembers.userId, actor.id));
  const base = db
    .select({
      id: courses.id,
      title: courses.title,
      slug: courses.slug,
      status: courses.status,
      visibility: courses.visibility,
      lessonCount,
      role: courseMembers.role,
      updatedAt: courses.updatedAt,
    })
    .from(courses);
  const rowsQuery = isAdmin ? base.leftJoin(courseMembers, membership) : base.innerJoin(courseMembers, membership);
  const totalQuery = isAdmin ? db.select({ n: count() }).from(courses) : db.select({ n: count() }).from(courseMembers).where(eq(courseMembers.userId, actor.id));
  const [rows, [total]] = await Promise.all([
    rowsQuery
      .orderBy(desc(courses.updatedAt), courses.id)
      .limit(COURSES_PAGE_SIZE)
      .offset((page - 1) * COURSES_PAGE_SIZE),
    totalQuery,
  ]);
  return {
    items: rows.map((r) => ({ ...r, role: r.role ?? null, updatedAt: r.updatedAt.toISOString() })),
    total: total?.n ?? 0,
    page,
    pageSize: COURSES_PAGE_SIZE,
  };
}

/**
 * For authoring pages: the course and the viewer's standing, or null when the course does not exist
 * or the viewer is neither an admin nor an author who is a member (the page then shows a 404).
 */
export async function getCourseAccess(actor: SessionUser, courseId: string): Promise<CourseAccess | null> {
  if (actor.role !== 'admin' && actor.role !== 'author') return null;
  if (!z.uuid().safeParse(courseId).success) return null;
  const [row] = await db
    .select({ id: courses.id, title: courses.title, status: courses.status, role: courseMembers.role })
    .from(courses)
    .leftJoin(courseMembers, and(eq(courseMembers.courseId, courses.id), eq(courseMembers.userId, actor.id)))
    .where(eq(courses.id, courseId));
  if (!row) return null;
  const isAdmin = actor.role === 'admin';
  if (!isAdmin && !row.role) return null;
  return { id: row.id, title: row.title, status: row.status, role: row.role ?? null, canManage: isAdmin || row.role === 'owner' };
}

/** Caller has checked that the viewer may edit the course (getCourseAccess). */
export async function getCourseSettings(courseId: string): Promise<CourseSettings | null> {
  const c = await db.query.courses.findFirst({ where: eq(courses.id, courseId) });
  if (!c) return null;
  return {
    id: c.id,
    title: c.title,
    slug: c.slug,
    shortDescription: c.shortDescription,
    description: c.description,
    coverImageUrl: c.coverImageUrl,
    language: c.language,
    level: c.level,
    tags: c.tags,
    visibility: c.visibility,
    isSequential: c.isSequential,
    status: c.status,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    archivedAt: c.archivedAt?.toISOString() ?? null,
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Owner first, then editors by date joined. Caller has checked that the viewer may edit the course. */
export async function listCourseMembers(courseId: string, database: Tx | Database = db): Promise<CourseMember[]> {
  const rows = await database
    .select({ userId: users.id, name: users.name, email: users.email, role: courseMembers.role, since: courseMembers.createdAt })
    .from(courseMembers)
    .innerJoin(users, eq(users.id, courseMembers.userId))
    .where(eq(courseMembers.courseId, courseId))
    .orderBy(sql`${courseMembers.role} = 'owner' desc`, asc(courseMembers.createdAt), asc(users.email));
  return rows.map((r) => ({ ...r, since: r.since.toISOString() }));
}

/**
 * Why the course cannot be published yet (empty list: it can). Pass the transaction that holds the
 * course lock when the answer decides a write. Caller has checked that the viewer may edit the course.
 */
export async function checkPublishable(courseId: string, database: Tx | Database = db): Promise<PublishProblem[]> {
  const [course, mods, less] = await Promise.all([
    database.query.courses.findFirst({ where: eq(courses.id, courseId), columns: { status: true, moderationHeldAt: true } }),
    database.select({ id: courseModules.id, title: courseModules.title }).from(courseModules).where(eq(courseModules.courseId, courseId)).orderBy(asc(courseModules.position)),
    database
      .select({ moduleId: lessons.moduleId, title: lessons.title, type: lessons.type, status: lessons.status, videoPlayback: videos.playback })
      .from(lessons)
      .innerJoin(courseModules, eq(courseModules.id, lessons.moduleId))
      .leftJoin(videos, eq(videos.id, lessons.videoId))
      .where(eq(lessons.courseId, courseId))
      .orderBy(asc(courseModules.position), asc(lessons.position)),
  ]);
  if (!course) return [];
  const problems: PublishProblem[] = [];
  if (course.status === 'archived') problems.push({ key: 'courseValidation.courseArchived' });
  if (course.moderationHeldAt) problems.push({ key: 'courseValidation.moderationHold' });
  const published = less.filter((l) => l.status === 'published');
  if (published.length === 0) problems.push({ key: 'courseValidation.noPublishedLesson' });
  const modulesWithLessons = new Set(less.map((l) => l.moduleId));
  for (const m of mods) if (!modulesWithLessons.has(m.id)) problems.push({ key: 'courseValidation.emptyModule', params: { module: m.title } });
  // A published video lesson needs a video that plays (at least its quick rendition).
  for (const l of published) if (l.type === 'video' && (!l.videoPlayback || l.videoPlayback === 'none')) problems.push({ key: 'courseValidation.videoNotReady', params: { lesson: l.title } });
  return problems;
}
