// Constants of the beat protocol without zod, so the player's bundle does not pull in the schemas.

export const BEAT_STATES = ['playing', 'paused', 'buffering', 'ended', 'error', 'hidden'] as const;
export type BeatState = (typeof BEAT_STATES)[number];

/** Largest request body the route reads (bytes). */
export const BEATS_MAX_BYTES = 16 * 1024;
/** Beats one request may carry (a queue drained after a long offline spell is sent in chunks). */
export const BEATS_PER_REQUEST = 30;
/** Segments one beat may carry; the player closes at most a few per 10 s. */
export const SEGMENTS_PER_BEAT = 20;
/** While playing, a beat every 10 s. */
export const BEAT_INTERVAL_MS = 10_000;
/** Forward seeks shorter than this are ignored (the segment keeps growing), as in PeerTube. */
export const SMALL_SEEK_SECONDS = 3;
export const MIN_RATE = 0.25;
export const MAX_RATE = 4;
