import { randomBytes, randomUUID } from 'node:crypto';
import { cookies } from 'next/headers';
import { getSessionUser } from '@/lib/auth/session';
import { errorResponse, jsonError } from '@/lib/route';
import { getPlayback } from '@/lib/videos/playback';

export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** First-party key of an anonymous viewer (free previews): random, no personal data. */
const VIEWER_COOKIE = 'lectern_vk';

/**
 * Playback URLs for one video, watched as `?lessonId=` (students, visitors on free previews) or by
 * its course's staff. The session is optional here; the access decision is getPlayback's. 404 (not
 * 403) hides whether a video exists.
 */
export async function GET(req: Request, { params }: { params: Promise<{ videoId: string }> }) {
  const requestId = req.headers.get('x-request-id') ?? randomUUID();
  try {
    const { videoId } = await params;
    const lessonId = new URL(req.url).searchParams.get('lessonId') ?? undefined;
    if (!UUID.test(videoId) || (lessonId !== undefined && !UUID.test(lessonId))) return jsonError('NOT_FOUND', requestId);
    const viewer = await getSessionUser();
    const jar = await cookies();
    let viewerKey = viewer ? null : (jar.get(VIEWER_COOKIE)?.value ?? null);
    if (!viewer && lessonId && !viewerKey) {
      viewerKey = randomBytes(16).toString('base64url');
      jar.set(VIEWER_COOKIE, viewerKey, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 365 * 86400 });
    }
    const info = await getPlayback(viewer, videoId, { lessonId, viewerKey });
    if (!info) return jsonError('NOT_FOUND', requestId);
    return Response.json(info, { headers: { 'cache-control': 'private, no-store' } });
  } catch (e) {
    return errorResponse(e, requestId, 'videos.playback');
  }
}
