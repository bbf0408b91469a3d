import { z } from 'zod';
import { BEAT_STATES, MAX_RATE, MIN_RATE, SEGMENTS_PER_BEAT, BEATS_PER_REQUEST } from './beat-constants';

// The playback beat protocol (docs: ../shared/docs/video.md §4), shared by the player (which builds
// and queues beats) and the ingestion route (which validates them). Pure: no Node or browser APIs.
//
// One request carries the beats of ONE view, in order of `seq`:
//   POST /api/beats  { viewId, ticket, beats: [{ seq, at, state, pos, rate, segments, … }] }
// The ticket comes from the playback endpoint; it binds the view to its video, lesson, viewer and
// the server time the view began, so the server needs no lookup to accept a beat and can bound the
// watch time a view may claim by real elapsed time.

export * from './beat-constants';

const num = z.number().finite();
const seconds = num.min(0).max(24 * 3600);

export const segmentSchema = z.tuple([seconds, seconds, num.min(MIN_RATE).max(MAX_RATE)]);
export type Segment = z.infer<typeof segmentSchema>; // [from, to, rate]

export const beatSchema = z.strictObject({
  seq: z.number().int().min(0).max(1_000_000),
  /** Client clock (ms since epoch) when the beat was made; the server clamps it to its own clock. */
  at: z.number().int().min(0),
  state: z.enum(BEAT_STATES),
  /** Playhead position (s): the resume point. */
  pos: seconds,
  rate: num.min(MIN_RATE).max(MAX_RATE),
  /** Content intervals played since the previous beat. */
  segments: z.array(segmentSchema).max(SEGMENTS_PER_BEAT),
  startupMs: z.number().int().min(0).max(600_000).optional(),
  stalls: z.strictObject({ count: z.number().int().min(0).max(10_000), ms: z.number().int().min(0).max(86_400_000) }).optional(),
  seeks: z.array(z.tuple([seconds, seconds])).max(SEGMENTS_PER_BEAT).optional(),
  rendition: z.strictObject({ height: z.number().int().min(0).max(8640), bitrate: z.number().int().min(0).max(1e9) }).optional(),
  error: z.strictObject({ code: z.string().max(80), fatal: z.boolean(), beforeFirstFrame: z.boolean() }).optional(),
});
export type Beat = z.infer<typeof beatSchema>;

export const beatBatchSchema = z.strictObject({
  viewId: z.uuid(),
  ticket: z.string().min(20).max(1000),
  beats: z.array(beatSchema).min(1).max(BEATS_PER_REQUEST),
});
export type BeatBatch = z.infer<typeof beatBatchSchema>;

/** The answer to a batch: which seqs are stored (now or before) and the lesson's progress after them. */
export type BeatAck = {
  stored: number[];
  progress: { coverage: number; completed: boolean; lastPosition: number } | null;
};

/** Fields of the playback answer the player uses to start a view and send its beats. */
export type ViewStart = {
  viewId: string;
  ticket: string;
  /** Seconds to start at (the saved position on any device), or null to start at 0. */
  resumeAt: number | null;
};
