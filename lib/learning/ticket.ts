import 'server-only';
import { randomUUID } from 'node:crypto';
import { readSignedPayload, signPayload } from '@/lib/crypto/signed';

// A view ticket: issued with the playback URLs once the server has decided the viewer may watch this
// lesson's video. It names the view, the video, lesson, course and viewer, the duration to clamp
// against, and the server time the view began. Beats carrying it need no database lookup to be
// authorized, and the watch time a view can claim is bounded by real time since `startedAt`.

export const VIEW_TICKET_TTL_MS = 8 * 3600_000;
const PURPOSE = 'view-ticket';

export type ViewTicket = {
  viewId: string;
  videoId: string;
  lessonId: string;
  courseId: string;
  userId: string | null;
  viewerKey: string | null;
  durationSeconds: number;
  /** Server clock (ms) when the ticket was issued: the earliest moment the view could start. */
  startedAt: number;
  expiresAt: number;
};

type Wire = { v: string; vid: string; l: string; c: string; u: string | null; k: string | null; d: number; t: number; e: number };

export function issueViewTicket(input: Omit<ViewTicket, 'viewId' | 'startedAt' | 'expiresAt'>, now = Date.now()): { ticket: string; payload: ViewTicket } {
  const payload: ViewTicket = { ...input, viewId: randomUUID(), startedAt: now, expiresAt: now + VIEW_TICKET_TTL_MS };
  const wire: Wire = { v: payload.viewId, vid: payload.videoId, l: payload.lessonId, c: payload.courseId, u: payload.userId, k: payload.viewerKey, d: payload.durationSeconds, t: payload.startedAt, e: payload.expiresAt };
  return { ticket: signPayload(PURPOSE, wire), payload };
}

/** The ticket's content when it is genuine and unexpired, else null. */
export function readViewTicket(ticket: string, now = Date.now()): ViewTicket | null {
  const w = readSignedPayload<Wire>(PURPOSE, ticket);
  if (!w || typeof w.e !== 'number' || w.e < now) return null;
  return { viewId: w.v, videoId: w.vid, lessonId: w.l, courseId: w.c, userId: w.u, viewerKey: w.k, durationSeconds: w.d, startedAt: w.t, expiresAt: w.e };
}
