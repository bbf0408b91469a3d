import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getSessionUser } from '@/lib/auth/session';
import { exportCourse } from '@/lib/course-transfer/export';
import { AppError, httpStatus, type ErrorCode } from '@/lib/errors';
import { loggerFor } from '@/lib/logger';
import { getRequestId } from '@/lib/request';

export const dynamic = 'force-dynamic';

const log = loggerFor('course-export');
const courseIdSchema = z.uuid();

// A download, so HTTP rather than a server action: `<a href download>` needs a URL. Checks the
// session and the course role itself; failures are JSON `{ error: { code, message } }`.
export async function GET(_req: Request, { params }: { params: Promise<{ courseId: string }> }) {
  const requestId = await getRequestId();
  const fail = async (code: ErrorCode) =>
    Response.json({ error: { code, message: (await getTranslations('errors'))(code), requestId } }, { status: httpStatus[code], headers: { 'cache-control': 'no-store' } });

  const user = await getSessionUser();
  if (!user) return fail('UNAUTHENTICATED');
  const { courseId } = await params;
  // Not a course id: no such course (and no database error from a malformed uuid).
  if (!courseIdSchema.safeParse(courseId).success) return fail('NOT_FOUND');
  try {
    const file = await exportCourse(user, courseId);
    return new Response(`${JSON.stringify(file, null, 2)}\n`, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        // Slugs hold only [a-z0-9-]: safe inside the quoted filename.
        'content-disposition': `attachment; filename="${file.course.slug}.lectern.json"`,
        'cache-control': 'no-store',
      },
    });
  } catch (e) {
    if (e instanceof AppError) return fail(e.code);
    log.error({ requestId, userId: user.id, courseId, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'course export failed');
    return fail('INTERNAL');
  }
}
