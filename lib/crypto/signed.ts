import 'server-only';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

// HMAC signing with a key derived from AUTH_SECRET per purpose, so a value signed for one purpose
// (a playlist token, a view ticket) is never accepted for another.

const keys = new Map<string, Buffer>();
const keyFor = (purpose: string) => {
  let k = keys.get(purpose);
  if (!k) keys.set(purpose, (k = createHash('sha256').update(`lectern:${purpose}:${env.AUTH_SECRET}`).digest()));
  return k;
};

export const hmac = (purpose: string, data: string) => createHmac('sha256', keyFor(purpose)).update(data).digest('base64url');

/** Constant-time comparison of a received signature with the expected one. */
export function verifyHmac(purpose: string, data: string, signature: string): boolean {
  const expected = Buffer.from(hmac(purpose, data));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** `base64url(JSON).signature` for a small payload. */
export function signPayload(purpose: string, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${hmac(purpose, body)}`;
}

/** The payload of a value made by signPayload for the same purpose, or null when forged or malformed. */
export function readSignedPayload<T>(purpose: string, value: string): T | null {
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return null;
  const body = value.slice(0, dot);
  if (!verifyHmac(purpose, body, value.slice(dot + 1))) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
  } catch {
    return null;
  }
}
