import 'server-only';
import { db } from '@/db/client';
import type { Tx } from '@/db/factory';
import { courseMembers, courseModules, courses, lessons } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { assertRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { sanitizeLessonHtml } from '@/lib/content/sanitize';
import { allocateCourseSlug } from '@/lib/courses/slug-allocation';
import type { CourseFile, CourseFileProblem } from './format';
import { validateCourseFile } from './validate';

export { validateCourseFile } from './validate';

type Meta = { ip?: string; requestId?: string };

export type ImportCourseResult = { ok: true; courseId: string; slug: string } | { ok: false; problems: CourseFileProblem[] };

// Stays well under PostgreSQL's 65,535 bind parameters per statement (a lesson row has 13).
const INSERT_CHUNK = 500;

/**
 * The file with every lesson's HTML sanitized. Runs before the transaction (which holds the global
 * slug lock) and yields between big lessons: sanitizing 20 MB of HTML takes seconds of CPU.
 */
async function withSanitizedHtml(file: CourseFile): Promise<CourseFile> {
  const modules: CourseFile['modules'] = [];
  for (const m of file.modules) {
    const lessonsOut: CourseFile['modules'][number]['lessons'] = [];
    for (const l of m.lessons) {
      lessonsOut.push({ ...l, contentHtml: sanitizeLessonHtml(l.contentHtml) });
      if (l.contentHtml.length > 10_000) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    modules.push({ ...m, lessons: lessonsOut });
  }
  return { ...file, modules };
}

/** Caller has validated the file and sanitized its HTML. */
async function insertCourseFile(tx: Tx, actor: SessionUser, file: CourseFile, meta: Meta) {
  const info = file.course;
  // The file's slug when it is free, else the first free `-2`, `-3`… variant (a valid slug
  // slugifies to itself); without one, a slug from the title.
  const slug = await allocateCourseSlug(tx, info.slug ?? info.title);
  const [course] = await tx
    .insert(courses)
    .values({
      title: info.title,
      slug,
      shortDescription: info.shortDescription,
      description: info.description,
      coverImageUrl: info.coverImageUrl,
      language: info.language,
      level: info.level,
      tags: info.tags,
      visibility: info.visibility,
      // Whatever the source course was, the copy starts as a draft its importer reviews.
      status: 'draft',
      createdById: actor.id,
    })
    .returning({ id: courses.id });
  const courseId = course!.id;
  await tx.insert(courseMembers).values({ courseId, userId: actor.id, role: 'owner' });

  const moduleIds: string[] = [];
  for (let i = 0; i < file.modules.length; i += INSERT_CHUNK) {
    const rows = await tx
      .insert(courseModules)
      .values(file.modules.slice(i, i + INSERT_CHUNK).map((m, j) => ({ courseId, title: m.title, position: i + j })))
      .returning({ id: courseModules.id, position: courseModules.position });
    for (const r of rows) moduleIds[r.position] = r.id;
  }

  const lessonRows = file.modules.flatMap((m, mi) =>
    m.lessons.map((l, position) => ({
      courseId,
      moduleId: moduleIds[mi]!,
      // Positions come from the order in the file: dense 0..n-1 per module.
      position,
      title: l.title,
      type: l.type,
      status: l.status,
      isFreePreview: l.isFreePreview,
      description: l.description,
      contentHtml: l.contentHtml,
      durationSeconds: l.durationSeconds,
      completionRule: l.completionRule,
      dripDays: l.dripDays,
      dripDate: l.dripDate ? new Date(l.dripDate) : null,
      // `l.media` is validated but not linked yet: the media issue resolves references to stored objects.
    })),
  );
  for (let i = 0; i < lessonRows.length; i += INSERT_CHUNK) await tx.insert(lessons).values(lessonRows.slice(i, i + INSERT_CHUNK));

  await writeAudit(tx, {
    actorId: actor.id,
    action: 'course.imported',
    targetType: 'course',
    targetId: courseId,
    data: { title: info.title, slug, requestedSlug: info.slug ?? null, version: file.version, modules: file.modules.length, lessons: lessonRows.length },
    ...meta,
  });
  return { courseId, slug };
}

/**
 * Creates a new draft course, owned by the actor, from a course file, in one transaction; on any
 * problem with the file writes nothing and returns every problem. Checks itself that the actor is
 * an author or admin (FORBIDDEN otherwise).
 */
export async function importCourse(actor: SessionUser, text: string, meta: Meta = {}): Promise<ImportCourseResult> {
  assertRole(actor, ['author', 'admin']);
  const result = validateCourseFile(text);
  if (!result.ok) return result;
  const file = await withSanitizedHtml(result.data);
  const created = await db.transaction((tx) => insertCourseFile(tx, actor, file, meta));
  return { ok: true, ...created };
}
