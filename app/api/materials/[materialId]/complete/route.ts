import { toMaterialDto } from '@/lib/materials/queries';
import { materialUploadRefSchema } from '@/lib/materials/schemas';
import { completeMaterialUpload } from '@/lib/materials/uploads';
import { authedRoute } from '@/lib/route';

export const dynamic = 'force-dynamic';

/** Finishes the upload (checked by size and content), swaps the file in and queues extraction. */
export const POST = authedRoute<typeof materialUploadRefSchema, { materialId: string }>('materials.complete', { schema: materialUploadRefSchema, roles: ['author', 'admin'] }, async (input, { actor, params, ip, requestId }) =>
  toMaterialDto(await completeMaterialUpload(actor, params.materialId, input, { ip, requestId })),
);
