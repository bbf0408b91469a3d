import { z } from 'zod';
import { materialUploadRefSchema } from '@/lib/materials/schemas';
import { signMaterialPart } from '@/lib/materials/uploads';
import { authedRoute } from '@/lib/route';

export const dynamic = 'force-dynamic';
const partNumber = z.coerce.number().int().min(1).max(10_000);

/** A short-lived URL to PUT one part of the material's upload straight to the store. */
export const GET = authedRoute<typeof materialUploadRefSchema, { materialId: string; partNumber: string }>('materials.signPart', { schema: materialUploadRefSchema, roles: ['author', 'admin'] }, async (input, { actor, params }) => {
  const n = partNumber.safeParse(params.partNumber);
  if (!n.success) return Response.json({ error: { code: 'VALIDATION', message: 'Part number must be 1–10000' } }, { status: 400 });
  return Response.json(await signMaterialPart(actor, params.materialId, { ...input, partNumber: n.data }), { headers: { 'cache-control': 'no-store' } });
});
