import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { courses, lessons } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { getCourseProgressView } from './access';
import type { CourseProgressView, StudentLessonState } from './dto';

export type LearnLessonPage = {
  view: CourseProgressView;
  lesson: StudentLessonState;
  moduleTitle: string;
  prev: StudentLessonState | null;
  next: StudentLessonState | null;
  /** Only when the lesson is open to this viewer: a locked lesson's content never leaves the server. */
  content: { description: string; contentHtml: string; hiddenAt: Date | null } | null;
};

/** The course (by slug) as this viewer sees it, or null when it is not visible to them. */
export async function getCourseViewBySlug(viewer: SessionUser | null, slug: string) {
  const course = await db.query.courses.findFirst({ where: eq(courses.slug, slug), columns: { id: true } });
  return course ? getCourseProgressView(viewer, course.id) : null;
}

/** Everything the lesson page shows. Null when the course or lesson is not visible to the viewer. */
export async function getLearnLessonPage(viewer: SessionUser | null, slug: string, lessonId: string): Promise<LearnLessonPage | null> {
  const view = await getCourseViewBySlug(viewer, slug);
  if (!view) return null;
  const i = view.lessons.findIndex((l) => l.id === lessonId);
  if (i < 0) return null;
  const lesson = view.lessons[i]!;
  const content = lesson.locked
    ? null
    : ((await db.query.lessons.findFirst({ where: eq(lessons.id, lesson.id), columns: { description: true, contentHtml: true, hiddenAt: true } })) ?? null);
  return {
    view,
    lesson,
    moduleTitle: view.modules.find((m) => m.id === lesson.moduleId)?.title ?? '',
    prev: view.lessons[i - 1] ?? null,
    next: view.lessons[i + 1] ?? null,
    content,
  };
}
