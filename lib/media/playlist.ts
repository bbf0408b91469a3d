import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { codecsFromInitSegment } from './codecs';

/** One variant of an HLS master playlist. Paths are relative to the master's folder, with `/`. */
export type Rendition = {
  playlist: string;
  width: number;
  height: number;
  /** Peak segment bit rate in bit/s, as the HLS spec defines BANDWIDTH. */
  bandwidth: number;
  averageBandwidth?: number;
  /** RFC 6381 codecs ("avc1.64001f,mp4a.40.2"); omitted from the master when unknown. */
  codecs?: string | null;
  frameRate?: number;
};

export const MASTER_PLAYLIST = 'master.m3u8';

/**
 * Measures a media playlist that ffmpeg wrote (its EXTINF durations and segment sizes) and reads
 * its init segment's codecs. The caller has checked that `playlistPath` exists.
 */
export async function measureMediaPlaylist(playlistPath: string): Promise<{ bandwidth: number; averageBandwidth: number; codecs: string | null; segments: number[] }> {
  const dir = path.dirname(playlistPath);
  const text = await fs.readFile(playlistPath, 'utf8');
  const lines = text.split('\n').map((l) => l.trim());
  const segments: { uri: string; duration: number }[] = [];
  let initUri: string | null = null;
  let duration: number | null = null;
  for (const line of lines) {
    if (line.startsWith('#EXTINF:')) duration = Number.parseFloat(line.slice('#EXTINF:'.length));
    else if (line.startsWith('#EXT-X-MAP:')) initUri = /URI="([^"]+)"/.exec(line)?.[1] ?? null;
    else if (line && !line.startsWith('#') && duration !== null) {
      segments.push({ uri: line, duration });
      duration = null;
    }
  }
  let peak = 0;
  let bytes = 0;
  let seconds = 0;
  for (const s of segments) {
    const size = (await fs.stat(path.join(dir, s.uri))).size;
    bytes += size;
    seconds += s.duration;
    if (s.duration > 0) peak = Math.max(peak, (size * 8) / s.duration);
  }
  const codecs = initUri ? codecsFromInitSegment(new Uint8Array(await fs.readFile(path.join(dir, initUri)))) : null;
  return {
    bandwidth: Math.ceil(peak),
    averageBandwidth: seconds > 0 ? Math.ceil((bytes * 8) / seconds) : 0,
    codecs,
    segments: segments.map((s) => s.duration),
  };
}

/**
 * The variant players should start with: the largest whose short side is at most 720. Safari and
 * hls.js begin with the first listed variant before they have measured the network, so a 1080p
 * start would stall phones and a 360p start would look poor on desktops.
 */
function startIndex(renditions: readonly Rendition[]): number {
  let best = -1;
  renditions.forEach((r, i) => {
    const short = Math.min(r.width, r.height);
    const bestShort = best < 0 ? -1 : Math.min(renditions[best]!.width, renditions[best]!.height);
    if (short <= 720 && short > bestShort) best = i;
  });
  if (best >= 0) return best;
  // Every variant is larger than 720: start with the smallest.
  return renditions.reduce((min, r, i) => (r.bandwidth < renditions[min]!.bandwidth ? i : min), 0);
}

/**
 * Writes `outDir/master.m3u8` listing `renditions` (whose playlists the caller has already
 * written) and returns its name. Replaces an existing master, so the quick rendition's master can
 * be swapped for the full ladder's in place.
 */
export async function writeMasterPlaylist(outDir: string, renditions: readonly Rendition[]): Promise<string> {
  if (renditions.length === 0) throw new Error('writeMasterPlaylist needs at least one rendition');
  const first = startIndex(renditions);
  const ordered = [renditions[first]!, ...renditions.filter((_, i) => i !== first).sort((a, b) => b.bandwidth - a.bandwidth)];
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const r of ordered) {
    const attrs = [`BANDWIDTH=${Math.max(1, Math.ceil(r.bandwidth))}`];
    if (r.averageBandwidth) attrs.push(`AVERAGE-BANDWIDTH=${Math.ceil(r.averageBandwidth)}`);
    attrs.push(`RESOLUTION=${r.width}x${r.height}`);
    if (r.codecs) attrs.push(`CODECS="${r.codecs}"`);
    if (r.frameRate) attrs.push(`FRAME-RATE=${r.frameRate.toFixed(3)}`);
    lines.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, r.playlist.split(path.sep).join('/'));
  }
  const target = path.join(outDir, MASTER_PLAYLIST);
  // Written beside and renamed, so a reader (or an uploader walking the folder) never sees half a file.
  const tmp = `${target}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${lines.join('\n')}\n`);
  await fs.rename(tmp, target);
  return MASTER_PLAYLIST;
}
