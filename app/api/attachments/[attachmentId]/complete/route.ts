import { z } from 'zod';
import { completeAttachmentUpload } from '@/lib/attachments/uploads';
import { authedRoute } from '@/lib/route';

export const dynamic = 'force-dynamic';
const schema = z.object({});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks the uploaded object (size, real type from its first bytes); a disguised or empty file is deleted. */
export const POST = authedRoute<typeof schema, { attachmentId: string }>('attachments.complete', { schema }, async (_input, { actor, params, ip, requestId }) => {
  if (!UUID.test(params.attachmentId)) return Response.json({ error: { code: 'NOT_FOUND', message: 'Not found.', requestId } }, { status: 404 });
  return { attachment: await completeAttachmentUpload(actor, params.attachmentId, { ip, requestId }) };
});
