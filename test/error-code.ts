import { AppError } from '@/lib/errors';

/** For integration tests: `'ok'`, or the AppError's code (with its message key, e.g. `CONFLICT:caseChanged`). Other errors propagate. */
export async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.extra.messageKey ? `${e.code}:${e.extra.messageKey}` : e.code;
    throw e;
  }
}
