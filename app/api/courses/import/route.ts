import { getTranslations } from 'next-intl/server';
import { randomUUID } from 'node:crypto';
import { getSessionUser } from '@/lib/auth/session';
import { COURSE_FILE_MAX_BYTES } from '@/lib/course-transfer/format';
import { importCourse } from '@/lib/course-transfer/import';
import { httpStatus, type ErrorCode } from '@/lib/errors';
import { loggerFor } from '@/lib/logger';
import { ipFromHeaders } from '@/lib/request';

export const dynamic = 'force-dynamic';
const log = loggerFor('course-import');

// Course import is a route of its own (not a server action) so that only this endpoint accepts
// bodies up to 20 MB; every other action keeps Next's 1 MB default.
export async function POST(req: Request) {
  const requestId = req.headers.get('x-request-id') ?? randomUUID();
  const t = await getTranslations('errors');
  const fail = (code: ErrorCode, status = httpStatus[code], message: string = t(code)) => Response.json({ error: { code, message, requestId } }, { status });

  // Cookies are SameSite=Lax, and a cross-site form post is refused here too.
  const origin = req.headers.get('origin');
  if (origin && new URL(origin).host !== req.headers.get('host')) return fail('FORBIDDEN');

  const user = await getSessionUser();
  if (!user) return fail('UNAUTHENTICATED');
  if (user.role !== 'author' && user.role !== 'admin') return fail('FORBIDDEN');

  const declared = Number(req.headers.get('content-length') ?? 0);
  const tooLarge = () => fail('VALIDATION', 413);
  if (declared > COURSE_FILE_MAX_BYTES) return tooLarge();
  // Read with a running cap: the Content-Length header can be absent or wrong.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > COURSE_FILE_MAX_BYTES) {
      await reader.cancel();
      return tooLarge();
    }
    chunks.push(value);
  }
  if (size === 0) return fail('VALIDATION');
  const text = Buffer.concat(chunks).toString('utf8');

  try {
    const r = await importCourse(user, text, { ip: ipFromHeaders(req.headers), requestId });
    if (!r.ok) return Response.json({ problems: r.problems }, { status: 422 });
    return Response.json({ courseId: r.courseId, slug: r.slug }, { status: 201 });
  } catch (e) {
    log.error({ requestId, userId: user.id, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'course import failed');
    return fail('INTERNAL');
  }
}
