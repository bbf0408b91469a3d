import { z } from 'zod';
import { getSessionUser } from '@/lib/auth/session';
import { getMaterialFileUrl } from '@/lib/materials/mutations';
import { errorResponse, jsonError } from '@/lib/route';

export const dynamic = 'force-dynamic';
const schema = z.object({ download: z.literal('1').optional(), thumb: z.coerce.number().int().min(1).optional(), json: z.literal('1').optional() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The material's file for someone allowed to read its lesson now (visitors too, on free-preview
 * lessons): a redirect to a short-lived signed URL, or `{ url }` with `?json=1` (the viewer).
 */
export async function GET(req: Request, route: { params: Promise<{ materialId: string }> }) {
  const requestId = req.headers.get('x-request-id') ?? crypto.randomUUID();
  try {
    const { materialId } = await route.params;
    const parsed = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!UUID.test(materialId) || !parsed.success) return jsonError('NOT_FOUND', requestId);
    const url = await getMaterialFileUrl(await getSessionUser(), materialId, { download: parsed.data.download === '1', thumbPage: parsed.data.thumb });
    if (parsed.data.json) return Response.json({ url }, { headers: { 'cache-control': 'no-store' } });
    return new Response(null, { status: 302, headers: { Location: url, 'Cache-Control': 'private, max-age=60', 'Referrer-Policy': 'no-referrer' } });
  } catch (e) {
    return errorResponse(e, requestId, 'materials.file');
  }
}
