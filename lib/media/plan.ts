// Pure decisions about what to encode; shared by the worker and the uploader (browser-safe).
import type { MediaProbe } from './types';

/** The encoding ladder; `height` is the nominal size of the rung (the picture's short side). */
export const LADDER = [
  { height: 1080, videoKbps: 5000 },
  { height: 720, videoKbps: 2800 },
  { height: 480, videoKbps: 1400 },
  { height: 360, videoKbps: 800 },
] as const;

export type Rung = {
  /** Nominal size, used to name the rendition (`v720`): the short side of the output picture. */
  name: number;
  width: number;
  height: number;
  /** Cap for the video encoder (capped CRF: simple pictures such as slides use far less). */
  videoKbps: number;
};

type Size = Pick<MediaProbe, 'width' | 'height'>;

const evenFloor = (n: number) => Math.max(2, Math.floor(n / 2) * 2);
const evenRound = (n: number) => Math.max(2, Math.round(n / 2) * 2);

// A source a few pixels short of a rung (1280×718 after a crop) still earns that rung, at its own size.
const NEAR_RUNG = 0.95;

/** The output size whose short side is `short`, keeping the source's displayed aspect ratio. */
function sizeFor(src: Size, short: number): { width: number; height: number } {
  if (src.width >= src.height) return { width: evenRound((short * src.width) / src.height), height: short };
  return { width: short, height: evenRound((short * src.height) / src.width) };
}

/**
 * The renditions to encode for a source of this displayed size, largest first. Rungs are picked
 * by the short side, so a portrait 1080×1920 phone video gets a 1080×1920 top rung rather than a
 * 608×1080 one; no rung is larger than the source.
 */
export function ladderFor(probe: Size): Rung[] {
  const short = Math.min(probe.width, probe.height);
  const rungs: Rung[] = [];
  for (const r of LADDER) {
    if (r.height <= short) rungs.push({ name: r.height, ...sizeFor(probe, r.height), videoKbps: r.videoKbps });
    else if (r.height * NEAR_RUNG <= short) rungs.push({ name: r.height, ...sizeFor(probe, evenFloor(short)), videoKbps: r.videoKbps });
  }
  if (rungs.length > 0) return rungs;
  // Smaller than the lowest rung: one rendition at the source's own size, bit rate scaled by area.
  const own = evenFloor(short);
  const size = sizeFor(probe, own);
  const lowest = LADDER[LADDER.length - 1]!;
  const kbps = Math.max(150, Math.round((lowest.videoKbps * size.width * size.height) / (640 * 360)));
  return [{ name: own, ...size, videoKbps: kbps }];
}

/**
 * Whether the video stream can go into HLS fMP4 untouched and play in every browser: 8-bit 4:2:0
 * H.264 without a rotation flag (ffmpeg 5.1's HLS muxer drops the display matrix, and players
 * that read it are not the rule).
 */
export function canCopyVideo(probe: Pick<MediaProbe, 'videoCodec' | 'pixFmt' | 'rotation'>): boolean {
  const pixFmtOk = probe.pixFmt === null || probe.pixFmt === 'yuv420p' || probe.pixFmt === 'yuvj420p';
  return probe.videoCodec === 'h264' && pixFmtOk && probe.rotation === 0;
}

/** Whether the whole file can be remuxed with `-c copy`: a copyable video stream plus AAC audio or none. */
export function canCopyRemux(probe: Pick<MediaProbe, 'videoCodec' | 'pixFmt' | 'rotation' | 'hasAudio' | 'audioCodec'>): boolean {
  return canCopyVideo(probe) && (!probe.hasAudio || probe.audioCodec === 'aac');
}

// Intervals a viewer reads easily on the seek bar's time labels.
const STORYBOARD_STEPS = [1, 2, 3, 5, 10, 15, 20, 30, 60, 90, 120, 180, 300, 600];
export const MAX_STORYBOARD_THUMBNAILS = 100;

/** Seconds between storyboard thumbnails: the smallest round step that keeps them at or under 100. */
export function storyboardInterval(durationSeconds: number): number {
  const wanted = Math.max(1, durationSeconds / MAX_STORYBOARD_THUMBNAILS);
  return STORYBOARD_STEPS.find((s) => s >= wanted) ?? Math.ceil(wanted / 60) * 60;
}

const MiB = 1024 * 1024;
export const MIN_PART_SIZE = 16 * MiB;
/** S3 allows at most 10,000 parts; 1,000 keeps the part list (and the number of signed URLs) small. */
export const TARGET_PART_COUNT = 1000;

/** Multipart upload part size for a file of `size` bytes: at least 16 MiB, a whole number of MiB, about 1,000 parts at most. */
export function partSizeFor(size: number): number {
  const parts = Math.ceil(Math.max(0, size) / TARGET_PART_COUNT);
  return Math.max(MIN_PART_SIZE, Math.ceil(parts / MiB) * MiB);
}
