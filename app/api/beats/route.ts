import { randomUUID } from 'node:crypto';
import { BEATS_MAX_BYTES, beatBatchSchema } from '@/lib/learning/beat-protocol';
import { submitBeats } from '@/lib/learning/ingest';
import { takeToken } from '@/lib/learning/rate-limit';
import { readViewTicket } from '@/lib/learning/ticket';
import { classifyUserAgent } from '@/lib/learning/user-agent';

export const dynamic = 'force-dynamic';

const fail = (status: number, code: string, message: string, requestId: string) => Response.json({ error: { code, message, requestId } }, { status });

/**
 * Playback beats (video.md §4). Authorized by the view ticket the playback endpoint issued (it binds
 * view, video, lesson and viewer), so no session or database lookup is needed before the write; the
 * answer comes after the group commit, so an acknowledged beat is stored.
 */
export async function POST(req: Request) {
  const requestId = req.headers.get('x-request-id') ?? randomUUID();
  if (Number(req.headers.get('content-length') ?? 0) > BEATS_MAX_BYTES) return fail(413, 'VALIDATION', `Beat batches are limited to ${BEATS_MAX_BYTES} bytes`, requestId);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > BEATS_MAX_BYTES) {
      await reader.cancel();
      return fail(413, 'VALIDATION', `Beat batches are limited to ${BEATS_MAX_BYTES} bytes`, requestId);
    }
    chunks.push(value);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return fail(400, 'VALIDATION', 'The body is not valid JSON', requestId);
  }
  const parsed = beatBatchSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(400, 'VALIDATION', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`, requestId);
  }
  const ticket = readViewTicket(parsed.data.ticket);
  if (!ticket || ticket.viewId !== parsed.data.viewId) return fail(403, 'FORBIDDEN', 'This view ticket is not valid for this view (forged or expired); reload the lesson', requestId);
  if (!takeToken(ticket.userId ?? ticket.viewerKey ?? ticket.viewId, { capacity: 20, perSecond: 1 })) return fail(429, 'RATE_LIMITED', 'Too many beat requests', requestId);

  const { device, browser } = classifyUserAgent(req.headers.get('user-agent'));
  try {
    const ack = await submitBeats({ ticket, beats: parsed.data.beats, device, browser });
    return Response.json(ack, { headers: { 'cache-control': 'no-store' } });
  } catch {
    // The database is unreachable or the flush failed: nothing was stored; the browser retries.
    return fail(503, 'INTERNAL', 'Beats could not be stored right now; they will be sent again', requestId);
  }
}
