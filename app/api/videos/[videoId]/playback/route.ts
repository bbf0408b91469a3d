import { randomUUID } from 'node:crypto';
import { getSessionUser } from '@/lib/auth/session';
import { errorResponse, jsonError } from '@/lib/route';
import { getPlayback } from '@/lib/videos/playback';

export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Playback URLs for one video. Visitors get an answer only for free-preview lessons, so the session
 * is optional here; the access decision is getPlayback's. 404 (not 403) hides whether a video exists.
 */
export async function GET(req: Request, { params }: { params: Promise<{ videoId: string }> }) {
  const requestId = req.headers.get('x-request-id') ?? randomUUID();
  try {
    const { videoId } = await params;
    const info = UUID.test(videoId) ? await getPlayback(await getSessionUser(), videoId) : null;
    if (!info) return jsonError('NOT_FOUND', requestId);
    return Response.json(info, { headers: { 'cache-control': 'private, no-store' } });
  } catch (e) {
    return errorResponse(e, requestId, 'videos.playback');
  }
}
