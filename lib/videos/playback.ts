import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { lessons, userPreferences, videoCaptions, videoResume, videos } from '@/db/schema';
import { hasCourseRole } from '@/lib/auth/roles';
import { getCourseRole } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { getStorage } from '@/lib/storage';
import type { PlaybackInfo } from './dto';
import { openableLesson } from '@/lib/learning/access';
import { issueViewTicket } from '@/lib/learning/ticket';
import { createMediaToken, verifyMediaToken } from './media-token';
import { isMasterPlaylist, joinRelative, rewritePlaylist, rewriteStoryboardVtt } from './playlist';

// Private playback: the bucket is never public. Access is decided here (editor, admin, or a lesson
// the viewer may open now, free previews included); the player then receives
// token-bearing playlist URLs whose segments are rewritten to short-lived signed object URLs.

/** Signed object URLs inside playlists live at most this long (and never past the token). */
const SEGMENT_URL_TTL_SECONDS = 2 * 3600;
const SOURCE_URL_TTL_SECONDS = 3600;

type VideoRow = typeof videos.$inferSelect;

/** Why a viewer may watch: staff see any state of the video; others only as a lesson they may open. */
export type WatchGrant = { kind: 'staff' | 'lesson'; lesson: { id: string; courseId: string } | null };

/**
 * Admins and the course's editors may watch any video of it. Everyone else watches a video only as
 * the video of a lesson they may open now (enrolled, published, not locked by sequence or drip —
 * or a free preview), so a locked lesson's media is refused here, not just hidden.
 */
export async function getWatchGrant(viewer: SessionUser | null, video: Pick<VideoRow, 'id' | 'courseId'>, lessonId?: string): Promise<WatchGrant | null> {
  const lesson = lessonId ? await db.query.lessons.findFirst({ where: and(eq(lessons.id, lessonId), eq(lessons.videoId, video.id)), columns: { id: true, courseId: true } }) : undefined;
  const staff = viewer?.role === 'admin' || (viewer?.role === 'author' && hasCourseRole(await getCourseRole(viewer.id, video.courseId), 'editor'));
  if (staff) return { kind: 'staff', lesson: lesson ?? null };
  if (!lesson) return null;
  const { allowed } = await openableLesson(viewer, lesson.courseId, lesson.id);
  return allowed ? { kind: 'lesson', lesson } : null;
}

/**
 * What the player needs to play a video, or null when the viewer may not watch it (answer 404). With
 * a lesson, it also starts a view: a ticket for its beats and the position to resume from.
 */
export async function getPlayback(viewer: SessionUser | null, videoId: string, opts: { lessonId?: string; viewerKey?: string | null } = {}): Promise<PlaybackInfo | null> {
  const video = await db.query.videos.findFirst({ where: eq(videos.id, videoId) });
  if (!video) return null;
  const grant = await getWatchGrant(viewer, video, opts.lessonId);
  if (!grant) return null;
  const storage = getStorage();
  const { token, expiresAt } = createMediaToken(video.id, video.revision);
  const base = `/api/videos/${video.id}/hls/`;
  const playable = video.playback !== 'none';
  const [captions, prefs, resume] = await Promise.all([
    playable
      ? Promise.all(
          (await db.select().from(videoCaptions).where(eq(videoCaptions.videoId, video.id)).orderBy(videoCaptions.lang)).map(async (c) => ({
            id: c.id,
            lang: c.lang,
            label: c.label,
            url: await storage.presignGet(c.key, { expiresIn: SOURCE_URL_TTL_SECONDS }),
          })),
        )
      : [],
    viewer ? db.query.userPreferences.findFirst({ where: eq(userPreferences.userId, viewer.id), columns: { playbackRate: true, captionLang: true } }) : undefined,
    viewer ? db.query.videoResume.findFirst({ where: and(eq(videoResume.userId, viewer.id), eq(videoResume.videoId, video.id)), columns: { position: true } }) : undefined,
  ]);
  const view =
    grant.lesson && playable && video.durationSeconds
      ? (() => {
          const { ticket, payload } = issueViewTicket({
            videoId: video.id,
            lessonId: grant.lesson.id,
            courseId: grant.lesson.courseId,
            userId: viewer?.id ?? null,
            viewerKey: viewer ? null : (opts.viewerKey ?? null),
            durationSeconds: video.durationSeconds,
          });
          return { viewId: payload.viewId, ticket, resumeAt: resume && resume.position > 0 ? resume.position : null };
        })()
      : null;
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
    view,
    prefs: { rate: prefs?.playbackRate ?? 1, captionLang: prefs?.captionLang ?? null },
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

/** The video's signed poster URL, for a page that has already decided the viewer may watch it. */
export async function getPosterUrl(videoId: string): Promise<string | null> {
  const video = await db.query.videos.findFirst({ where: eq(videos.id, videoId), columns: { posterKey: true } });
  return video?.posterKey ? getStorage().presignGet(video.posterKey, { expiresIn: SOURCE_URL_TTL_SECONDS }) : null;
}
