import { listCourseStudents } from '@/lib/analytics/course-queries';
import { csvFileName, toCsv } from '@/lib/csv';
import { STUDENT_CSV_MAX_ROWS, studentListSchema } from '@/lib/analytics/dashboard-schemas';
import { AppError } from '@/lib/errors';
import { authedRoute } from '@/lib/route';

// The course dashboard's student list as CSV (same search and sort, every page). Authors of other
// courses get the same 404 as a course that does not exist.
export const GET = authedRoute<typeof studentListSchema, { courseId: string }>('analytics.students.csv', { schema: studentListSchema, roles: ['author', 'admin'] }, async (input, { actor, params }) => {
  const data = await listCourseStudents(actor, params.courseId, { ...input, page: 1 }, STUDENT_CSV_MAX_ROWS);
  if (!data) throw new AppError('NOT_FOUND');
  const header = ['name', 'email', 'enrolled_at', 'completed_at', 'completed_lessons', 'progress', 'last_activity_at', ...data.lessons.map((l, i) => `${i + 1}. ${l.title} (${l.type})`)];
  const rows = data.students.map((s) => [s.name, s.email, s.enrolledAt, s.completedAt, s.completedLessons, s.progress, s.lastActivityAt, ...s.lessons.map((p) => (p.status === null ? null : p.coverage))]);
  return new Response(`\uFEFF${toCsv(header, rows)}`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${csvFileName('students', params.courseId.slice(0, 8))}"`,
      'cache-control': 'no-store',
    },
  });
});
