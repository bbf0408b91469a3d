import { pingDatabase } from '@/db/health';
import { checkStorage } from '@/lib/storage';

export const dynamic = 'force-dynamic';

// Public and cheap: reveals only up/down per part, never connection strings or errors.
// 503 when the database is down, or when storage is configured but down; `unavailable` names the parts.
export async function GET() {
  const [db, storage] = await Promise.all([pingDatabase(), checkStorage()]);
  const unavailable = [...(db.ok ? [] : ['db']), ...(storage.status === 'down' ? ['storage'] : [])];
  const body = {
    status: unavailable.length ? 'unavailable' : 'ok',
    ...(unavailable.length ? { unavailable } : {}),
    db: db.ok ? 'ok' : 'down',
    dbLatencyMs: db.latencyMs,
    storage: storage.status,
    ...(storage.latencyMs !== undefined ? { storageLatencyMs: storage.latencyMs } : {}),
    uptimeSeconds: Math.round(process.uptime()),
    time: new Date().toISOString(),
  };
  return Response.json(body, { status: unavailable.length ? 503 : 200, headers: { 'cache-control': 'no-store' } });
}
