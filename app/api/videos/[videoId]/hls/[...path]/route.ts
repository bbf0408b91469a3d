import { getMediaFile } from '@/lib/videos/playback';

export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Playlists and the storyboard of a video, for holders of a valid media token (see getPlayback). */
export async function GET(req: Request, { params }: { params: Promise<{ videoId: string; path: string[] }> }) {
  const { videoId, path } = await params;
  if (!UUID.test(videoId)) return new Response('Not found', { status: 404 });
  const file = await getMediaFile(videoId, path.join('/'), new URL(req.url).searchParams.get('t'));
  // Signed URLs inside expire: a playlist must never be cached beyond this viewer and moment.
  return new Response(file.body, { status: file.status, headers: { 'content-type': file.contentType, 'cache-control': 'private, no-store' } });
}
