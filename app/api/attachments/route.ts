import { createAttachmentUpload } from '@/lib/attachments/uploads';
import { createAttachmentSchema } from '@/lib/homework/schemas';
import { authedRoute } from '@/lib/route';

export const dynamic = 'force-dynamic';

/** Starts a homework attachment upload: the server picks the key and answers with a signed PUT URL for it. */
export const POST = authedRoute('attachments.create', { schema: createAttachmentSchema }, (input, { actor, ip, requestId }) => createAttachmentUpload(actor, input, { ip, requestId }));
