import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { courseModules, courses, lessons } from '@/db/schema';
import type { LessonEditor, StudentCourseView, StudentLessonView } from './dto';

/** Caller has checked that the actor edits this course. Null when the lesson is not in it. */
export async function getLessonForEdit(courseId: string, lessonId: string): Promise<LessonEditor | null> {
  const [row] = await db
    .select({ lesson: lessons, moduleTitle: courseModules.title, courseTitle: courses.title })
    .from(lessons)
    .innerJoin(courseModules, eq(courseModules.id, lessons.moduleId))
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(and(eq(lessons.id, lessonId), eq(lessons.courseId, courseId)));
  if (!row) return null;
  const l = row.lesson;
  return {
    id: l.id,
    courseId: l.courseId,
    courseTitle: row.courseTitle,
    moduleTitle: row.moduleTitle,
    title: l.title,
    type: l.type,
    status: l.status,
    isFreePreview: l.isFreePreview,
    description: l.description,
    contentHtml: l.contentHtml,
    durationSeconds: l.durationSeconds,
    completionRule: l.completionRule,
    dripDays: l.dripDays,
    dripDate: l.dripDate ? l.dripDate.toISOString().slice(0, 10) : null,
    updatedAt: l.updatedAt.toISOString(),
  };
}

/** Published lessons in order, as an enrolled student sees them. Caller checked access. */
export async function getStudentCourseView(courseId: string): Promise<StudentCourseView | null> {
  const course = await db.query.courses.findFirst({ where: eq(courses.id, courseId), columns: { id: true, title: true } });
  if (!course) return null;
  const [mods, less] = await Promise.all([
    db.select({ id: courseModules.id, title: courseModules.title }).from(courseModules).where(eq(courseModules.courseId, courseId)).orderBy(asc(courseModules.position)),
    db
      .select({ id: lessons.id, moduleId: lessons.moduleId, title: lessons.title, type: lessons.type, durationSeconds: lessons.durationSeconds, isFreePreview: lessons.isFreePreview })
      .from(lessons)
      .where(and(eq(lessons.courseId, courseId), eq(lessons.status, 'published')))
      .orderBy(asc(lessons.position)),
  ]);
  const by = new Map(mods.map((m) => [m.id, [] as StudentCourseView['modules'][number]['lessons']]));
  for (const { moduleId, ...l } of less) by.get(moduleId)?.push(l);
  return { courseId: course.id, title: course.title, modules: mods.map((m) => ({ ...m, lessons: by.get(m.id)! })).filter((m) => m.lessons.length > 0) };
}

/** One published lesson with its neighbours in the student order. */
export async function getStudentLesson(view: StudentCourseView, lessonId: string): Promise<StudentLessonView | null> {
  const flat = view.modules.flatMap((m) => m.lessons.map((l) => ({ ...l, moduleTitle: m.title })));
  const i = flat.findIndex((l) => l.id === lessonId);
  if (i < 0) return null;
  const row = await db.query.lessons.findFirst({ where: eq(lessons.id, lessonId), columns: { description: true, contentHtml: true } });
  if (!row) return null;
  const l = flat[i]!;
  return { id: l.id, title: l.title, type: l.type, description: row.description, contentHtml: row.contentHtml, durationSeconds: l.durationSeconds, moduleTitle: l.moduleTitle, prevId: flat[i - 1]?.id ?? null, nextId: flat[i + 1]?.id ?? null };
}
