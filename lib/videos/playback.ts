import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { courses, enrollments, lessons, videoCaptions, videos } from '@/db/schema';
import { hasCourseRole } from '@/lib/auth/roles';
import { getCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { getStorage } from '@/lib/storage';
import type { PlaybackInfo } from './dto';
import { createMediaToken, verifyMediaToken } from './media-token';
import { isMasterPlaylist, joinRelative, rewritePlaylist, rewriteStoryboardVtt } from './playlist';

// Private playback: the bucket is never public. Access is decided here (editor, admin, enrolled
// student of a published lesson, or anyone for a free-preview lesson); the player then receives
// token-bearing playlist URLs whose segments are rewritten to short-lived signed object URLs.

/** Signed object URLs inside playlists live at most this long (and never past the token). */
const SEGMENT_URL_TTL_SECONDS = 2 * 3600;
const SOURCE_URL_TTL_SECONDS = 3600;

type VideoRow = typeof videos.$inferSelect;

/** Why a viewer may watch: staff see any state of the video, students only a published lesson's. */
export type WatchGrant = 'staff' | 'student' | 'preview';

export async function getWatchGrant(viewer: SessionUser | null, video: Pick<VideoRow, 'id' | 'courseId'>): Promise<WatchGrant | null> {
  if (viewer?.role === 'admin') return 'staff';
  if (viewer?.role === 'author' && hasCourseRole(await getCourseRole(viewer.id, video.courseId), 'editor')) return 'staff';
  // A student watches the video of a published lesson of a published course they are enrolled in;
  // anyone watches a free-preview lesson's. (Lesson locks — sequence, drip — are added by the
  // learning module on top of this.)
  const [row] = await db
    .select({
      preview: sql<boolean>`bool_or(${lessons.isFreePreview})`,
      enrolled: viewer
        ? sql<boolean>`bool_or(exists (select 1 from ${enrollments} e where e.course_id = ${lessons.courseId} and e.user_id = ${viewer.id} and e.status = 'active'))`
        : sql<boolean>`false`,
    })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(and(eq(lessons.videoId, video.id), eq(lessons.status, 'published'), eq(courses.status, 'published')));
  if (row?.enrolled) return 'student';
  if (row?.preview) return 'preview';
  return null;
}

/** What the player needs to play a video, or null when the viewer may not watch it (answer 404). */
export async function getPlayback(viewer: SessionUser | null, videoId: string): Promise<PlaybackInfo | null> {
  const video = await db.query.videos.findFirst({ where: eq(videos.id, videoId) });
  if (!video) return null;
  const grant = await getWatchGrant(viewer, video);
  if (!grant) return null;
  const storage = getStorage();
  const { token, expiresAt } = createMediaToken(video.id, video.revision);
  const base = `/api/videos/${video.id}/hls/`;
  const playable = video.playback !== 'none';
  const captions = playable
    ? await Promise.all(
        (await db.select().from(videoCaptions).where(eq(videoCaptions.videoId, video.id)).orderBy(videoCaptions.lang)).map(async (c) => ({
          id: c.id,
          lang: c.lang,
          label: c.label,
          url: await storage.presignGet(c.key, { expiresIn: SOURCE_URL_TTL_SECONDS }),
        })),
      )
    : [];
  return {
    videoId: video.id,
    status: video.status,
    playback: video.playback,
    progress: video.progress,
    durationSeconds: video.durationSeconds,
    width: video.width,
    height: video.height,
    hlsUrl: (video.playback === 'quick' || video.playback === 'hls') && video.hlsMaster ? `${base}${video.hlsMaster}?t=${token}` : null,
    progressiveUrl: video.playback === 'progressive' ? await storage.presignGet(video.sourceKey, { expiresIn: SOURCE_URL_TTL_SECONDS }) : null,
    posterUrl: video.posterKey ? await storage.presignGet(video.posterKey, { expiresIn: SOURCE_URL_TTL_SECONDS }) : null,
    storyboardUrl: video.storyboardKey && video.assetsPrefix ? `${base}${video.storyboardKey.slice(video.assetsPrefix.length)}?t=${token}` : null,
    captions,
    expiresAt: expiresAt.toISOString(),
  };
}

export type MediaFile = { status: number; body: string; contentType: string };

/**
 * A playlist or storyboard of the video's current revision, with its references rewritten, for a
 * request that carries a valid media token. Segments and images are never served here: their signed
 * object URLs are written into the playlist, so the bytes come straight from the object store.
 */
export async function getMediaFile(videoId: string, relPath: string, token: string | null): Promise<MediaFile> {
  const notFound = { status: 404, body: 'Not found', contentType: 'text/plain' };
  const video = await db.query.videos.findFirst({ where: eq(videos.id, videoId), columns: { id: true, revision: true, assetsPrefix: true } });
  if (!video?.assetsPrefix) return notFound;
  const left = verifyMediaToken(token, video.id, video.revision);
  if (left === null) return { status: 403, body: 'This playback link has expired. Reload the page.', contentType: 'text/plain' };
  if (!/^[\w/.-]+\.(m3u8|vtt)$/.test(relPath) || joinRelative('', relPath) !== relPath) return notFound;

  const storage = getStorage();
  let text: string;
  try {
    const obj = await storage.getObject(video.assetsPrefix + relPath);
    const chunks: Buffer[] = [];
    for await (const c of obj.body) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array));
    text = Buffer.concat(chunks).toString('utf8');
  } catch {
    return notFound;
  }
  const ttl = Math.min(SEGMENT_URL_TTL_SECONDS, left);
  const signed = new Map<string, Promise<string>>();
  const sign = (rel: string) => {
    let p = signed.get(rel);
    if (!p) signed.set(rel, (p = storage.presignGet(video.assetsPrefix + rel, { expiresIn: ttl })));
    return p;
  };
  // Presigning is local HMAC work; collect the URIs first, sign them all, then substitute.
  const collect = (rewrite: (t: string, r: (u: string) => string) => string) => {
    const wanted = new Set<string>();
    rewrite(text, (uri) => {
      const rel = joinRelative(relPath, uri);
      if (rel) wanted.add(rel);
      return uri;
    });
    return wanted;
  };
  if (relPath.endsWith('.vtt')) {
    const wanted = collect(rewriteStoryboardVtt);
    const urls = new Map(await Promise.all([...wanted].map(async (rel) => [rel, await sign(rel)] as const)));
    return { status: 200, body: rewriteStoryboardVtt(text, (uri) => urls.get(joinRelative(relPath, uri) ?? '') ?? uri), contentType: 'text/vtt; charset=utf-8' };
  }
  if (isMasterPlaylist(text)) {
    // Variant playlists go through this route again, with the same token.
    return { status: 200, body: rewritePlaylist(text, (uri) => `${uri}?t=${token}`), contentType: 'application/vnd.apple.mpegurl' };
  }
  const wanted = collect(rewritePlaylist);
  const urls = new Map(await Promise.all([...wanted].map(async (rel) => [rel, await sign(rel)] as const)));
  return { status: 200, body: rewritePlaylist(text, (uri) => urls.get(joinRelative(relPath, uri) ?? '') ?? uri), contentType: 'application/vnd.apple.mpegurl' };
}
