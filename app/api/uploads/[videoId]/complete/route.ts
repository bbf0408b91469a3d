import { authedRoute } from '@/lib/route';
import { uploadRefSchema } from '@/lib/videos/schemas';
import { completeVideoUpload } from '@/lib/videos/uploads';

export const dynamic = 'force-dynamic';

/** Finishes an upload and queues processing (Uppy's completeMultipartUpload). */
export const POST = authedRoute<typeof uploadRefSchema, { videoId: string }>('uploads.complete', { schema: uploadRefSchema, roles: ['author', 'admin'] }, (input, { actor, params, ip, requestId }) =>
  completeVideoUpload(actor, params.videoId, input, { ip, requestId }),
);
