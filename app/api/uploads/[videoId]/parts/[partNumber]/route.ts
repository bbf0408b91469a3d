import { authedRoute } from '@/lib/route';
import { uploadRefSchema } from '@/lib/videos/schemas';
import { signUploadPart } from '@/lib/videos/uploads';
import { z } from 'zod';

export const dynamic = 'force-dynamic';

const partNumber = z.coerce.number().int().min(1).max(10_000);

/** A short-lived URL to PUT one part straight to the object store (Uppy's signPart). */
export const GET = authedRoute<typeof uploadRefSchema, { videoId: string; partNumber: string }>('uploads.signPart', { schema: uploadRefSchema, roles: ['author', 'admin'] }, async (input, { actor, params }) => {
  const n = partNumber.safeParse(params.partNumber);
  if (!n.success) return Response.json({ error: { code: 'VALIDATION', message: 'Part number must be 1–10000' } }, { status: 400 });
  return Response.json(await signUploadPart(actor, params.videoId, { ...input, partNumber: n.data }), { headers: { 'cache-control': 'no-store' } });
});
