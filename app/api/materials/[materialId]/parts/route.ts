import { materialUploadRefSchema } from '@/lib/materials/schemas';
import { listMaterialUploadParts } from '@/lib/materials/uploads';
import { authedRoute } from '@/lib/route';

export const dynamic = 'force-dynamic';

/** Parts already stored, for resuming (Uppy's listParts). */
export const GET = authedRoute<typeof materialUploadRefSchema, { materialId: string }>('materials.listParts', { schema: materialUploadRefSchema, roles: ['author', 'admin'] }, async (input, { actor, params }) =>
  Response.json(await listMaterialUploadParts(actor, params.materialId, input), { headers: { 'cache-control': 'no-store' } }),
);
