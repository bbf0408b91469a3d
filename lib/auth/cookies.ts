// Auth.js session cookie names (plain and __Secure- variants, possibly chunked as `.0`, `.1`…).
const names = ['authjs.session-token', '__Secure-authjs.session-token'];

/** Cheap pre-check: without a session cookie there is no session to decode. */
export function hasSessionCookie(jar: { has(name: string): boolean }): boolean {
  return names.some((c) => jar.has(c) || jar.has(`${c}.0`));
}
