import 'server-only';
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import type { Database, Tx } from '@/db/factory';
import { courseModules, courses, lessons, outlineChanges } from '@/db/schema';
import type { CourseOutline } from './dto';
import type { OutlineShape } from './planner';

/** Modules and lesson ids in position order: what the planner works on. */
export async function loadShape(tx: Tx | Database, courseId: string): Promise<OutlineShape> {
  const [mods, less] = await Promise.all([
    tx.select({ id: courseModules.id }).from(courseModules).where(eq(courseModules.courseId, courseId)).orderBy(asc(courseModules.position)),
    tx.select({ id: lessons.id, moduleId: lessons.moduleId }).from(lessons).where(eq(lessons.courseId, courseId)).orderBy(asc(lessons.position)),
  ]);
  const byModule = new Map(mods.map((m) => [m.id, [] as string[]]));
  for (const l of less) byModule.get(l.moduleId)?.push(l.id);
  return { modules: mods.map((m) => ({ id: m.id, lessonIds: byModule.get(m.id)! })) };
}

/** The builder's outline. Caller has checked that `actorId` may edit the course. */
export async function getCourseOutline(courseId: string, actorId: string, database: Tx | Database = db): Promise<CourseOutline | null> {
  const course = await database.query.courses.findFirst({ where: eq(courses.id, courseId), columns: { id: true, title: true, outlineVersion: true } });
  if (!course) return null;
  const [mods, less, undoable, redoable] = await Promise.all([
    database.select().from(courseModules).where(eq(courseModules.courseId, courseId)).orderBy(asc(courseModules.position)),
    database
      .select({ id: lessons.id, moduleId: lessons.moduleId, title: lessons.title, type: lessons.type, status: lessons.status, isFreePreview: lessons.isFreePreview, durationSeconds: lessons.durationSeconds })
      .from(lessons)
      .where(eq(lessons.courseId, courseId))
      .orderBy(asc(lessons.position)),
    database.query.outlineChanges.findFirst({ where: and(eq(outlineChanges.courseId, courseId), eq(outlineChanges.actorId, actorId), isNull(outlineChanges.undoneAt)), columns: { id: true } }),
    database.query.outlineChanges.findFirst({ where: and(eq(outlineChanges.courseId, courseId), eq(outlineChanges.actorId, actorId), isNotNull(outlineChanges.undoneAt)), columns: { id: true } }),
  ]);
  const byModule = new Map(mods.map((m) => [m.id, [] as CourseOutline['modules'][number]['lessons']]));
  for (const { moduleId, ...l } of less) byModule.get(moduleId)?.push(l);
  return {
    courseId: course.id,
    title: course.title,
    version: course.outlineVersion,
    modules: mods.map((m) => ({ id: m.id, title: m.title, lessons: byModule.get(m.id)! })),
    canUndo: Boolean(undoable),
    canRedo: Boolean(redoable),
  };
}
