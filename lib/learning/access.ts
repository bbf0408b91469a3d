import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Database, Tx } from '@/db/factory';
import { courseModules, courses, enrollments, lessonProgress, lessons, lessonUnlocks } from '@/db/schema';
import { getCourseRole, hasCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import type { CourseProgressView, LessonLock, StudentLessonState } from './dto';

// Who may open which lesson, decided on the server from the database: enrollment, publication,
// drip dates, the course's sequential switch, teachers' early unlocks, free previews. Pages, the
// playback endpoint and the beat tickets all go through getCourseProgressView, so a locked lesson's
// content and media are refused everywhere, not just hidden.

const DAY_MS = 86_400_000;

async function isStaffOf(viewer: SessionUser | null, courseId: string) {
  if (!viewer) return false;
  if (viewer.role === 'admin') return true;
  return viewer.role === 'author' && hasCourseRole(await getCourseRole(viewer.id, courseId), 'editor');
}

/**
 * The course as this viewer sees it: published lessons in outline order, each with its progress and,
 * when it cannot be opened, why. Null when the course does not exist or is not visible to the viewer
 * (a draft or archived course for anyone but its staff).
 */
export async function getCourseProgressView(viewer: SessionUser | null, courseId: string, database: Database | Tx = db, now = new Date()): Promise<CourseProgressView | null> {
  const course = await database.query.courses.findFirst({
    where: eq(courses.id, courseId),
    columns: { id: true, slug: true, title: true, status: true, isSequential: true },
  });
  if (!course) return null;
  const isStaff = await isStaffOf(viewer, courseId);
  if (course.status !== 'published' && !isStaff) return null;

  const [mods, rows, enrollment, progress, unlocks] = await Promise.all([
    database.select({ id: courseModules.id, title: courseModules.title }).from(courseModules).where(eq(courseModules.courseId, courseId)).orderBy(asc(courseModules.position)),
    database
      .select({
        id: lessons.id,
        moduleId: lessons.moduleId,
        title: lessons.title,
        type: lessons.type,
        durationSeconds: lessons.durationSeconds,
        isFreePreview: lessons.isFreePreview,
        completionRule: lessons.completionRule,
        videoId: lessons.videoId,
        dripDays: lessons.dripDays,
        dripDate: lessons.dripDate,
      })
      .from(lessons)
      .innerJoin(courseModules, eq(courseModules.id, lessons.moduleId))
      // A lesson a moderator hid is gone for everyone but the course's staff (pages, media, beats).
      .where(and(eq(lessons.courseId, courseId), eq(lessons.status, 'published'), isStaff ? undefined : isNull(lessons.hiddenAt)))
      .orderBy(asc(courseModules.position), asc(lessons.position)),
    viewer
      ? database.query.enrollments.findFirst({
          where: and(eq(enrollments.courseId, courseId), eq(enrollments.userId, viewer.id), eq(enrollments.status, 'active')),
          columns: { enrolledAt: true, completedAt: true },
        })
      : Promise.resolve(undefined),
    viewer ? database.select().from(lessonProgress).where(and(eq(lessonProgress.courseId, courseId), eq(lessonProgress.userId, viewer.id))) : Promise.resolve([]),
    viewer
      ? database.select({ lessonId: lessonUnlocks.lessonId }).from(lessonUnlocks).innerJoin(lessons, eq(lessons.id, lessonUnlocks.lessonId)).where(and(eq(lessons.courseId, courseId), eq(lessonUnlocks.userId, viewer.id)))
      : Promise.resolve([]),
  ]);
  const byLesson = new Map(progress.map((p) => [p.lessonId, p]));
  const unlocked = new Set(unlocks.map((u) => u.lessonId));

  let previous: { id: string; title: string; completed: boolean } | null = null;
  const states: StudentLessonState[] = rows.map((l) => {
    const p = byLesson.get(l.id);
    const completed = p?.status === 'completed';
    let locked: LessonLock | null = null;
    if (!isStaff && !l.isFreePreview) {
      if (!enrollment) locked = { kind: 'not_enrolled' };
      else if (!unlocked.has(l.id)) {
        const opensAt = l.dripDate ?? (l.dripDays !== null ? new Date(enrollment.enrolledAt.getTime() + l.dripDays * DAY_MS) : null);
        if (opensAt && opensAt > now) locked = { kind: 'drip', opensAt: opensAt.toISOString() };
        else if (course.isSequential && previous && !previous.completed) locked = { kind: 'sequence', lessonId: previous.id, lessonTitle: previous.title };
      }
    }
    previous = { id: l.id, title: l.title, completed };
    return {
      id: l.id,
      moduleId: l.moduleId,
      title: l.title,
      type: l.type,
      durationSeconds: l.durationSeconds,
      isFreePreview: l.isFreePreview,
      completionRule: l.completionRule,
      videoId: l.videoId,
      status: completed ? 'completed' : p ? 'in_progress' : 'not_started',
      coverage: p?.coverage ?? 0,
      lastPosition: p?.lastPosition ?? null,
      locked,
    };
  });

  const completedCount = states.filter((s) => s.status === 'completed').length;
  const next = states.find((s) => s.status !== 'completed' && !s.locked) ?? null;
  return {
    course: { id: course.id, slug: course.slug, title: course.title, status: course.status, isSequential: course.isSequential },
    isStaff,
    enrollment: enrollment ? { enrolledAt: enrollment.enrolledAt.toISOString(), completedAt: enrollment.completedAt?.toISOString() ?? null } : null,
    modules: mods.map((m) => ({ id: m.id, title: m.title, lessons: states.filter((s) => s.moduleId === m.id) })).filter((m) => m.lessons.length > 0),
    lessons: states,
    completedCount,
    total: states.length,
    percent: states.length ? Math.round((completedCount / states.length) * 100) : 0,
    nextLessonId: next?.id ?? null,
  };
}

/** The lesson's state when the viewer may open it now; otherwise null, with the lock when there is one. */
export async function openableLesson(viewer: SessionUser | null, courseId: string, lessonId: string, database: Database | Tx = db) {
  const view = await getCourseProgressView(viewer, courseId, database);
  const lesson = view?.lessons.find((l) => l.id === lessonId) ?? null;
  return { view, lesson, allowed: Boolean(lesson && !lesson.locked) };
}
