import { authedRoute } from '@/lib/route';
import { uploadRefSchema } from '@/lib/videos/schemas';
import { listUploadParts } from '@/lib/videos/uploads';

export const dynamic = 'force-dynamic';

/** Parts already stored, for resuming (Uppy's listParts). */
export const GET = authedRoute<typeof uploadRefSchema, { videoId: string }>('uploads.listParts', { schema: uploadRefSchema, roles: ['author', 'admin'] }, async (input, { actor, params }) =>
  Response.json(await listUploadParts(actor, params.videoId, input), { headers: { 'cache-control': 'no-store' } }),
);
