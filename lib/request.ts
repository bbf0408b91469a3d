import 'server-only';
import { headers } from 'next/headers';
import { randomUUID } from 'node:crypto';

/** Request id set by the proxy (or a new one when the proxy did not run, e.g. in tests). */
export async function getRequestId(): Promise<string> {
  try {
    const h = await headers();
    return h.get('x-request-id') ?? randomUUID();
  } catch {
    return randomUUID();
  }
}

/** Client IP for throttling and audit. Only the first hop of X-Forwarded-For is used. */
export async function getClientIp(): Promise<string> {
  try {
    const h = await headers();
    return ipFromHeaders(h);
  } catch {
    return 'unknown';
  }
}

export function ipFromHeaders(h: Headers): string {
  const fwd = h.get('x-forwarded-for');
  if (fwd) return fwd.split(',')[0]!.trim() || 'unknown';
  return h.get('x-real-ip') ?? 'unknown';
}
