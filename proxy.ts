import { NextResponse, type NextRequest } from 'next/server';
import { isDatabaseUp } from './db/health';
import { hasSessionCookie } from './lib/auth/cookies';
import { serviceUnavailableHtml } from './lib/service-unavailable';

// Areas that need a session. The redirect below is a convenience only: every page and action
// checks the session and role itself (the proxy is never the security boundary), so a cookie's
// presence is all it looks at; decoding the JWT here would cost every request for nothing.
const signedInAreas = ['/dashboard', '/account', '/admin', '/courses', '/moderation'];

export default async function proxy(req: NextRequest) {
  const requestId = req.headers.get('x-request-id') ?? crypto.randomUUID();
  const { pathname, search } = req.nextUrl;

  if (!(await isDatabaseUp())) {
    return new NextResponse(serviceUnavailableHtml(req.headers.get('accept-language'), req.cookies.get('NEXT_LOCALE')?.value), {
      status: 503,
      headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '5', 'cache-control': 'no-store', 'x-request-id': requestId },
    });
  }

  // Only page navigations are redirected; server action POSTs reach the action, whose wrapper
  // answers UNAUTHENTICATED itself.
  const hasSession = hasSessionCookie(req.cookies);
  if (req.method === 'GET' && !hasSession && signedInAreas.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const url = new URL('/login', req.nextUrl);
    url.searchParams.set('callbackUrl', pathname + search);
    return NextResponse.redirect(url);
  }

  const headers = new Headers(req.headers);
  headers.set('x-request-id', requestId);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set('x-request-id', requestId);
  return res;
}

export const config = {
  // Not for static assets, the health endpoint (it reports on its own), Auth.js's own routes, or
  // course import (a 20 MB body the proxy would otherwise buffer; the route checks everything itself),
  // or playback beats (the hottest endpoint; the view ticket authorizes them, a 503 comes from the route).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|fonts/|api/health|api/auth|api/courses/import|api/beats).*)'],
};
