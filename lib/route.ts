import 'server-only';
import { randomUUID } from 'node:crypto';
import { getTranslations } from 'next-intl/server';
import type { z } from 'zod';
import type { PlatformRole } from '@/db/schema';
import { getSessionUser, type SessionUser } from '@/lib/auth/session';
import { AppError, httpStatus, type ErrorCode, type FieldErrors } from '@/lib/errors';
import { loggerFor } from '@/lib/logger';
import { ipFromHeaders } from '@/lib/request';
import { StorageError } from '@/lib/storage';
import { toFieldErrors } from '@/lib/validation';

// The route-handler twin of authedAction, for the endpoints that must be plain HTTP (uploads driven
// by Uppy, media). Same order: session from the database → platform role → input → handler; every
// failure is a JSON body `{ error: { code, message, fieldErrors?, requestId } }` with its status.

export type RouteContext = { requestId: string; ip: string; actor: SessionUser };
type Params = Record<string, string | string[]>;

const log = loggerFor('route');

export async function jsonError(code: ErrorCode, requestId: string, opts: { message?: string; fieldErrors?: FieldErrors; status?: number; messageKey?: string; params?: Record<string, string | number> } = {}) {
  const t = await getTranslations('errors');
  const message = opts.messageKey ? t(opts.messageKey as never, (opts.params ?? {}) as never) : opts.message && code !== 'INTERNAL' ? opts.message : t(code);
  return Response.json({ error: { code, message, fieldErrors: opts.fieldErrors, requestId } }, { status: opts.status ?? httpStatus[code] });
}

/** Turns an expected failure into its JSON answer; anything else is logged and answered as INTERNAL. */
export async function errorResponse(e: unknown, requestId: string, name: string) {
  if (e instanceof AppError) return jsonError(e.code, requestId, { message: e.message === e.code ? undefined : e.message, fieldErrors: e.extra.fieldErrors, messageKey: e.extra.messageKey, params: e.extra.params });
  if (e instanceof StorageError) {
    log.warn({ requestId, route: name, code: e.code, err: e.message }, 'storage failure in route');
    return jsonError('INTERNAL', requestId, { status: 503, messageKey: 'storageUnavailable' });
  }
  log.error({ requestId, route: name, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, `route ${name} failed`);
  return jsonError('INTERNAL', requestId);
}

/**
 * Wraps a route handler: checks the session (and platform role), refuses cross-site writes, parses
 * the JSON body (POST/PUT/PATCH/DELETE) or the query string (GET) with `schema`, then runs `handler`.
 * Resource checks (course membership…) belong in the handler's mutation, as for actions.
 */
export function authedRoute<S extends z.ZodType, P extends Params = Params>(
  name: string,
  opts: { schema: S; roles?: readonly PlatformRole[] },
  handler: (input: z.output<S>, ctx: RouteContext & { params: P; req: Request }) => Promise<unknown>,
) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get('x-request-id') ?? randomUUID();
    try {
      const isWrite = req.method !== 'GET' && req.method !== 'HEAD';
      // Session cookies are SameSite=Lax; a cross-site write is refused here as well.
      const origin = req.headers.get('origin');
      if (isWrite && origin && new URL(origin).host !== req.headers.get('host')) return jsonError('FORBIDDEN', requestId);
      const actor = await getSessionUser();
      if (!actor) return jsonError('UNAUTHENTICATED', requestId);
      if (opts.roles && !opts.roles.includes(actor.role)) return jsonError('FORBIDDEN', requestId);
      let raw: unknown;
      if (isWrite) {
        const text = await req.text();
        try {
          raw = text ? JSON.parse(text) : {};
        } catch {
          return jsonError('VALIDATION', requestId, { message: 'The request body is not valid JSON' });
        }
      } else {
        raw = Object.fromEntries(new URL(req.url).searchParams);
      }
      const parsed = opts.schema.safeParse(raw);
      if (!parsed.success) return jsonError('VALIDATION', requestId, { fieldErrors: toFieldErrors(parsed.error) });
      const params = await route.params;
      const data = await handler(parsed.data, { requestId, ip: ipFromHeaders(req.headers), actor, params, req });
      return data instanceof Response ? data : Response.json(data ?? {});
    } catch (e) {
      return errorResponse(e, requestId, name);
    }
  };
}
