import { authedRoute } from '@/lib/route';
import { createUploadSchema } from '@/lib/videos/schemas';
import { createVideoUpload } from '@/lib/videos/uploads';

export const dynamic = 'force-dynamic';

/** Starts a video upload (Uppy's createMultipartUpload). */
export const POST = authedRoute('uploads.create', { schema: createUploadSchema, roles: ['author', 'admin'] }, async (input, { actor, ip, requestId }) =>
  Response.json(await createVideoUpload(actor, input, { ip, requestId }), { status: 201 }),
);
