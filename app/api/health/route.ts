import { pingDatabase } from '@/db/health';

export const dynamic = 'force-dynamic';

// Public and cheap: reveals only up/down per part, never connection strings or errors.
export async function GET() {
  const db = await pingDatabase();
  const body = { status: db.ok ? 'ok' : 'unavailable', db: db.ok ? 'ok' : 'down', dbLatencyMs: db.latencyMs, uptimeSeconds: Math.round(process.uptime()), time: new Date().toISOString() };
  return Response.json(body, { status: db.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
