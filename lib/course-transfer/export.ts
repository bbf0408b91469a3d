import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { courseModules, courses, lessons } from '@/db/schema';
import { assertCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import type { CompletionRule } from '@/lib/course-constants';
import { AppError } from '@/lib/errors';
import { COURSE_FILE_FORMAT, COURSE_FILE_VERSION, type CourseFile, type CourseInfo, type LessonFile } from './format';

/** What exportCourse writes: a complete version-1 file (every optional field present). */
export type ExportedCourseFile = CourseFile & { exportedAt: string; course: CourseInfo & { slug: string } };

// Keys are written in one fixed order (the documented one) so two exports of the same course
// differ only in `exportedAt`, and files diff well under version control.
function completionRuleOut(rule: CompletionRule): CompletionRule {
  return rule.kind === 'video_coverage' ? { kind: rule.kind, percent: rule.percent } : { kind: rule.kind };
}

/**
 * The course as a version-1 course file: settings, then modules and lessons in position order.
 * Checks itself that the actor is an editor/owner of the course or an admin (FORBIDDEN otherwise).
 */
export async function exportCourse(actor: SessionUser, courseId: string): Promise<ExportedCourseFile> {
  await assertCourseRole(actor, courseId, 'editor');
  // One snapshot: a concurrent outline edit cannot leave the file with half of a move.
  return db.transaction(
    async (tx) => {
      const course = await tx.query.courses.findFirst({ where: eq(courses.id, courseId) });
      if (!course) throw new AppError('NOT_FOUND');
      const [mods, rows] = await Promise.all([
        tx.select({ id: courseModules.id, title: courseModules.title }).from(courseModules).where(eq(courseModules.courseId, courseId)).orderBy(asc(courseModules.position)),
        tx.select().from(lessons).where(eq(lessons.courseId, courseId)).orderBy(asc(lessons.position)),
      ]);
      const byModule = new Map(mods.map((m) => [m.id, [] as LessonFile[]]));
      for (const l of rows) {
        byModule.get(l.moduleId)?.push({
          title: l.title,
          type: l.type,
          status: l.status,
          isFreePreview: l.isFreePreview,
          description: l.description,
          contentHtml: l.contentHtml,
          durationSeconds: l.durationSeconds,
          completionRule: completionRuleOut(l.completionRule),
          dripDays: l.dripDays,
          dripDate: l.dripDate ? l.dripDate.toISOString() : null,
          // Filled by the media issue: references to the lesson's video/PDF objects.
          media: [],
        });
      }
      return {
        format: COURSE_FILE_FORMAT,
        version: COURSE_FILE_VERSION,
        exportedAt: new Date().toISOString(),
        course: {
          title: course.title,
          slug: course.slug,
          shortDescription: course.shortDescription,
          description: course.description,
          coverImageUrl: course.coverImageUrl,
          // Settings only store languages from the offered list; the column itself is plain text.
          language: course.language as CourseInfo['language'],
          level: course.level,
          tags: course.tags,
          visibility: course.visibility,
        },
        modules: mods.map((m) => ({ title: m.title, lessons: byModule.get(m.id)! })),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
