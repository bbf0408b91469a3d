import { authedRoute } from '@/lib/route';
import { uploadRefSchema } from '@/lib/videos/schemas';
import { abortVideoUpload } from '@/lib/videos/uploads';

export const dynamic = 'force-dynamic';

/** Cancels an upload (Uppy's abortMultipartUpload). */
export const DELETE = authedRoute<typeof uploadRefSchema, { videoId: string }>('uploads.abort', { schema: uploadRefSchema, roles: ['author', 'admin'] }, (input, { actor, params, ip, requestId }) =>
  abortVideoUpload(actor, params.videoId, input, { ip, requestId }),
);
