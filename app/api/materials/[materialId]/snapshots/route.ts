import { getSessionUser } from '@/lib/auth/session';
import { SNAPSHOT_MAX_BYTES } from '@/lib/materials/constants';
import { snapshotSchema } from '@/lib/materials/schemas';
import { sendSnapshot } from '@/lib/materials/snapshots';
import { errorResponse, jsonError } from '@/lib/route';
import { ipFromHeaders } from '@/lib/request';
import { toFieldErrors } from '@/lib/validation';

export const dynamic = 'force-dynamic';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A region snapshot (multipart form: `image` PNG, `page`, `nx`, `ny`, `nw`, `nh`, `note`) sent into
 * the student's thread on the document's lesson. Same checks as authedRoute, with a form body.
 */
export async function POST(req: Request, route: { params: Promise<{ materialId: string }> }) {
  const requestId = req.headers.get('x-request-id') ?? crypto.randomUUID();
  try {
    const origin = req.headers.get('origin');
    if (origin && new URL(origin).host !== req.headers.get('host')) return jsonError('FORBIDDEN', requestId);
    const actor = await getSessionUser();
    if (!actor) return jsonError('UNAUTHENTICATED', requestId);
    const { materialId } = await route.params;
    if (!UUID.test(materialId)) return jsonError('NOT_FOUND', requestId);
    if (Number(req.headers.get('content-length') ?? 0) > SNAPSHOT_MAX_BYTES + 64 * 1024) return jsonError('VALIDATION', requestId, { message: 'The snapshot is too large' });
    const form = await req.formData().catch(() => null);
    const image = form?.get('image');
    if (!form || !(image instanceof Blob)) return jsonError('VALIDATION', requestId, { message: 'An image is required' });
    const parsed = snapshotSchema.safeParse(Object.fromEntries([...form.entries()].filter(([k]) => k !== 'image')));
    if (!parsed.success) return jsonError('VALIDATION', requestId, { fieldErrors: toFieldErrors(parsed.error) });
    const png = new Uint8Array(await image.arrayBuffer());
    return Response.json(await sendSnapshot(actor, materialId, parsed.data, png, { ip: ipFromHeaders(req.headers), requestId }), { status: 201 });
  } catch (e) {
    return errorResponse(e, requestId, 'materials.snapshot');
  }
}
