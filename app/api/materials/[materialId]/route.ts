import { materialUploadRefSchema } from '@/lib/materials/schemas';
import { abortMaterialUpload } from '@/lib/materials/uploads';
import { authedRoute } from '@/lib/route';

export const dynamic = 'force-dynamic';

/** Cancels the material's upload in progress. */
export const DELETE = authedRoute<typeof materialUploadRefSchema, { materialId: string }>('materials.abort', { schema: materialUploadRefSchema, roles: ['author', 'admin'] }, (input, { actor, params }) =>
  abortMaterialUpload(actor, params.materialId, input),
);
