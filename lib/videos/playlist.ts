// Rewrites the URIs inside HLS playlists and storyboard WebVTT files. Pure, so it is unit-tested and
// runs per request: media playlists get segment URIs replaced by short-lived signed URLs, playlists
// that reference other playlists keep relative URIs with the access token appended.

export type UriResolver = (uri: string) => string;

const isAbsolute = (uri: string) => /^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/');

/** `uri` resolved against the folder of `base` ("v720/index.m3u8" + "seg_1.m4s" → "v720/seg_1.m4s"); refuses "..". */
export function joinRelative(base: string, uri: string): string | null {
  const dir = base.includes('/') ? base.slice(0, base.lastIndexOf('/') + 1) : '';
  const joined = dir + uri.split(/[?#]/)[0];
  return joined.split('/').some((p) => p === '..' || p === '.' || p === '') ? null : joined;
}

/**
 * Every URI of an M3U8 playlist passed through `resolve` (`URI="…"` attributes and the URI lines
 * after EXTINF / EXT-X-STREAM-INF). Absolute URIs are left alone.
 */
export function rewritePlaylist(text: string, resolve: UriResolver): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const trimmed = line.trim();
      if (!trimmed) return line;
      if (trimmed.startsWith('#')) return line.replace(/URI="([^"]+)"/g, (all, uri: string) => (isAbsolute(uri) ? all : `URI="${resolve(uri)}"`));
      return isAbsolute(trimmed) ? line : resolve(trimmed);
    })
    .join('\n');
}

/** Image references of a storyboard VTT (`storyboard_0.jpg#xywh=…`) passed through `resolve`, keeping the fragment. */
export function rewriteStoryboardVtt(text: string, resolve: UriResolver): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const m = /^([^\s#]+\.(?:jpg|jpeg|png|webp))(#.*)?$/.exec(line.trim());
      return m && !isAbsolute(m[1]!) ? resolve(m[1]!) + (m[2] ?? '') : line;
    })
    .join('\n');
}

/** Whether a playlist is a master (variant streams) rather than a media playlist. */
export const isMasterPlaylist = (text: string) => text.includes('#EXT-X-STREAM-INF');
