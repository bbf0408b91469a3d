import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

/**
 * The beat benchmark's baseline (bench/beats.ts): the same app, server and request bodies as
 * POST /api/beats, but no validation, ticket or database work — what a route handler costs in this
 * build. It reads the whole body so the upload is paid for as well. Exists only when BENCH_ROUTES
 * is on; otherwise it answers 404.
 */
export async function POST(req: Request) {
  if (!env.BENCH_ROUTES) return new Response('Not found', { status: 404 });
  await req.arrayBuffer();
  return Response.json({}, { headers: { 'cache-control': 'no-store' } });
}
