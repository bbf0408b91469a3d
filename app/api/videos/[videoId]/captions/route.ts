import { randomUUID } from 'node:crypto';
import { getSessionUser } from '@/lib/auth/session';
import { errorResponse, jsonError } from '@/lib/route';
import { CAPTIONS_MAX_BYTES } from '@/lib/video-constants';
import { uploadCaptions } from '@/lib/videos/mutations';
import { captionUploadSchema } from '@/lib/videos/schemas';
import { ipFromHeaders } from '@/lib/request';
import { toFieldErrors } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/**
 * Captions upload (multipart form: file, lang, label). A route rather than a server action because a
 * caption file may exceed the 1 MB action body limit; the cap here is CAPTIONS_MAX_BYTES.
 */
export async function POST(req: Request, { params }: { params: Promise<{ videoId: string }> }) {
  const requestId = req.headers.get('x-request-id') ?? randomUUID();
  try {
    const origin = req.headers.get('origin');
    if (origin && new URL(origin).host !== req.headers.get('host')) return jsonError('FORBIDDEN', requestId);
    const actor = await getSessionUser();
    if (!actor) return jsonError('UNAUTHENTICATED', requestId);
    if (actor.role !== 'author' && actor.role !== 'admin') return jsonError('FORBIDDEN', requestId);
    if (Number(req.headers.get('content-length') ?? 0) > CAPTIONS_MAX_BYTES + 64 * 1024) return jsonError('VALIDATION', requestId, { status: 413, fieldErrors: { file: ['videos.captionsTooLarge'] } });
    const form = await req.formData().catch(() => null);
    if (!form) return jsonError('VALIDATION', requestId, { message: 'Send a multipart form with file, lang and label' });
    const parsed = captionUploadSchema.safeParse({ lang: form.get('lang'), label: form.get('label') });
    const file = form.get('file');
    if (!parsed.success || !(file instanceof File)) {
      const fieldErrors = parsed.success ? {} : toFieldErrors(parsed.error);
      if (!(file instanceof File)) fieldErrors.file = ['validation.required'];
      return jsonError('VALIDATION', requestId, { fieldErrors });
    }
    const { videoId } = await params;
    if (!/^[0-9a-f-]{36}$/i.test(videoId)) return jsonError('NOT_FOUND', requestId);
    const created = await uploadCaptions(actor, { videoId, ...parsed.data, filename: file.name, size: file.size, text: file.size > CAPTIONS_MAX_BYTES ? '' : await file.text() }, { ip: ipFromHeaders(req.headers), requestId });
    return Response.json(created, { status: 201 });
  } catch (e) {
    return errorResponse(e, requestId, 'videos.captions');
  }
}
