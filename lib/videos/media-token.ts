import 'server-only';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

// Playlists are fetched by the player (hls.js), not by pages, so they carry a short-lived token
// instead of relying on the session: `{expiresAtSeconds}.{hmac}` bound to one video and revision.
// Checking it needs no database query, and a copied link stops working when it expires or when the
// video is re-processed.

export const MEDIA_TOKEN_TTL_SECONDS = 4 * 3600;

const key = createHash('sha256').update(`lectern-media-token:${env.AUTH_SECRET}`).digest();

const sign = (videoId: string, revision: number, exp: number) => createHmac('sha256', key).update(`${videoId}:${revision}:${exp}`).digest('base64url');

export function createMediaToken(videoId: string, revision: number, now = Date.now(), ttlSeconds = MEDIA_TOKEN_TTL_SECONDS) {
  const exp = Math.floor(now / 1000) + ttlSeconds;
  return { token: `${exp}.${sign(videoId, revision, exp)}`, expiresAt: new Date(exp * 1000) };
}

/** Seconds the token stays valid, or null when it is malformed, forged, expired or for another revision. */
export function verifyMediaToken(token: string | null, videoId: string, revision: number, now = Date.now()): number | null {
  const m = token ? /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
  if (!m) return null;
  const exp = Number(m[1]);
  const left = exp - Math.floor(now / 1000);
  if (left <= 0) return null;
  const expected = Buffer.from(sign(videoId, revision, exp));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? left : null;
}
