import { createMaterialUploadSchema } from '@/lib/materials/schemas';
import { createMaterialUpload } from '@/lib/materials/uploads';
import { authedRoute } from '@/lib/route';

export const dynamic = 'force-dynamic';

/** Starts a material upload (new, or a replacement of `materialId`'s file): the server picks the key. */
export const POST = authedRoute('materials.create', { schema: createMaterialUploadSchema, roles: ['author', 'admin'] }, async (input, { actor, ip, requestId }) =>
  Response.json(await createMaterialUpload(actor, input, { ip, requestId }), { status: 201 }),
);
