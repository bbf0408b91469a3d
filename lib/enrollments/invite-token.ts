import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

/** 24 random bytes → 32 base64url characters: unguessable, and safe in a URL without escaping. */
export const generateInviteToken = () => randomBytes(24).toString('base64url');

/** Constant-time comparison (hashing first makes both sides the same length). */
export function inviteTokenMatches(stored: string | null, given: string | null | undefined): boolean {
  if (!stored || !given) return false;
  const a = createHash('sha256').update(stored).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** The shareable link: the landing page with the token; an old slug in it still redirects. */
export const inviteUrl = (slug: string, token: string) => `${env.APP_URL}/c/${encodeURIComponent(slug)}?invite=${token}`;
