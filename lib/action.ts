import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { z } from 'zod';
import type { PlatformRole } from '@/db/schema';
import { getSessionUser, type SessionUser } from '@/lib/auth/session';
import { AppError, type ActionResult, type ErrorCode } from '@/lib/errors';
import { loggerFor } from '@/lib/logger';
import { getClientIp, getRequestId } from '@/lib/request';
import { formDataToObject, toFieldErrors } from '@/lib/validation';

export type ActionContext = { requestId: string; ip: string };
export type AuthedContext = ActionContext & { actor: SessionUser };

const log = loggerFor('action');

async function fail(code: ErrorCode, requestId: string, extra: Omit<NonNullable<ConstructorParameters<typeof AppError>[2]>, never> = {}, message?: string): Promise<ActionResult<never>> {
  const t = await getTranslations('errors');
  return {
    ok: false,
    error: {
      code,
      message: extra.messageKey ? t(extra.messageKey as never, { seconds: extra.retryAfterSeconds ?? 0, ...extra.params } as never) : message && code !== 'INTERNAL' ? message : t(code),
      fieldErrors: extra.fieldErrors,
      retryAfterSeconds: extra.retryAfterSeconds,
      requestId,
    },
  };
}

async function run<S extends z.ZodType, R>(
  name: string,
  schema: S,
  raw: unknown,
  ctx: ActionContext,
  authorize: () => Promise<void>,
  handler: (input: z.output<S>) => Promise<R>,
): Promise<ActionResult<R>> {
  try {
    await authorize();
    const input = raw instanceof FormData ? formDataToObject(raw) : raw;
    const parsed = schema.safeParse(input);
    if (!parsed.success) return fail('VALIDATION', ctx.requestId, { fieldErrors: toFieldErrors(parsed.error) });
    return { ok: true, data: await handler(parsed.data) };
  } catch (e) {
    unstable_rethrow(e); // redirect() and notFound() are control flow, not failures
    if (e instanceof AppError) return fail(e.code, ctx.requestId, e.extra, e.message === e.code ? undefined : e.message);
    log.error({ requestId: ctx.requestId, action: name, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, `action ${name} failed`);
    return fail('INTERNAL', ctx.requestId);
  }
}

/**
 * The only way to export a server action that needs a user. Every export is a public POST endpoint:
 * this checks the session (against the database), the platform role, then validates the input.
 * Resource-level checks (course membership…) belong in the handler or the mutation.
 */
export function authedAction<S extends z.ZodType, R>(
  name: string,
  opts: { schema: S; roles?: readonly PlatformRole[] },
  handler: (input: z.output<S>, ctx: AuthedContext) => Promise<R>,
) {
  return async (input: z.input<S> | FormData): Promise<ActionResult<R>> => {
    const ctx: ActionContext = { requestId: await getRequestId(), ip: await getClientIp() };
    let actor: SessionUser | null = null;
    return run(
      name,
      opts.schema,
      input,
      ctx,
      async () => {
        actor = await getSessionUser();
        if (!actor) throw new AppError('UNAUTHENTICATED');
        if (opts.roles && !opts.roles.includes(actor.role)) {
          log.warn({ requestId: ctx.requestId, userId: actor.id, action: name, role: actor.role }, 'forbidden action call');
          throw new AppError('FORBIDDEN');
        }
      },
      (parsed) => handler(parsed, { ...ctx, actor: actor! }),
    );
  };
}

/** For the few actions that must work without a session (sign-up, sign-in, first-run setup). */
export function publicAction<S extends z.ZodType, R>(name: string, opts: { schema: S }, handler: (input: z.output<S>, ctx: ActionContext) => Promise<R>) {
  return async (input: z.input<S> | FormData): Promise<ActionResult<R>> => {
    const ctx: ActionContext = { requestId: await getRequestId(), ip: await getClientIp() };
    return run(name, opts.schema, input, ctx, async () => {}, (parsed) => handler(parsed, ctx));
  };
}
