import 'server-only';
import { hmac, verifyHmac } from '@/lib/crypto/signed';

// Playlists are fetched by the player (hls.js), not by pages, so they carry a short-lived token
// instead of relying on the session: `{expiresAtSeconds}.{hmac}` bound to one video and revision.
// Checking it needs no database query, and a copied link stops working when it expires or when the
// video is re-processed.

export const MEDIA_TOKEN_TTL_SECONDS = 4 * 3600;
const PURPOSE = 'media-token';

export function createMediaToken(videoId: string, revision: number, now = Date.now(), ttlSeconds = MEDIA_TOKEN_TTL_SECONDS) {
  const exp = Math.floor(now / 1000) + ttlSeconds;
  return { token: `${exp}.${hmac(PURPOSE, `${videoId}:${revision}:${exp}`)}`, expiresAt: new Date(exp * 1000) };
}

/** Seconds the token stays valid, or null when it is malformed, forged, expired or for another revision. */
export function verifyMediaToken(token: string | null, videoId: string, revision: number, now = Date.now()): number | null {
  const m = token ? /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
  if (!m) return null;
  const exp = Number(m[1]);
  const left = exp - Math.floor(now / 1000);
  if (left <= 0) return null;
  return verifyHmac(PURPOSE, `${videoId}:${revision}:${exp}`, m[2]!) ? left : null;
}
