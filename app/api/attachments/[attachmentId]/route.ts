import { z } from 'zod';
import { getAttachmentUrl } from '@/lib/attachments/uploads';
import { authedRoute } from '@/lib/route';

export const dynamic = 'force-dynamic';
const schema = z.object({ thumb: z.literal('1').optional(), download: z.literal('1').optional() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Redirects a thread participant to a short-lived signed URL of the file (or its thumbnail). Pages
 * link here rather than embedding signed URLs, so an old page never holds a long-lived link.
 */
export const GET = authedRoute<typeof schema, { attachmentId: string }>('attachments.get', { schema }, async (input, { actor, params, requestId }) => {
  if (!UUID.test(params.attachmentId)) return Response.json({ error: { code: 'NOT_FOUND', message: 'Not found.', requestId } }, { status: 404 });
  const url = await getAttachmentUrl(actor, params.attachmentId, { thumb: input.thumb === '1', download: input.download === '1' });
  return new Response(null, { status: 302, headers: { Location: url, 'Cache-Control': 'private, max-age=60', 'Referrer-Policy': 'no-referrer' } });
});
