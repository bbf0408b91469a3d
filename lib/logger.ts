import 'server-only';
import pino from 'pino';
import { Writable } from 'node:stream';
import { env } from './env';

type PersistedRow = { level: 'warn' | 'error' | 'fatal'; source: string; message: string; requestId: string | null; userId: string | null; data: unknown; createdAt: Date };

const levelNames: Record<number, PersistedRow['level']> = { 40: 'warn', 50: 'error', 60: 'fatal' };
const buffer: PersistedRow[] = [];
let flushTimer: NodeJS.Timeout | null = null;

// Warnings and errors are also written to `system_logs` so admins can browse them. Writes are
// batched off the request path; if the database is down they are dropped (stdout still has them).
async function flush() {
  flushTimer = null;
  const rows = buffer.splice(0, buffer.length);
  if (!rows.length) return;
  try {
    const [{ db }, { systemLogs }] = await Promise.all([import('@/db/client'), import('@/db/schema')]);
    await db.insert(systemLogs).values(rows);
  } catch (e) {
    process.stdout.write(JSON.stringify({ level: 40, msg: 'could not persist logs', dropped: rows.length, err: String(e) }) + '\n');
  }
}

const dbStream = new Writable({
  write(chunk, _enc, cb) {
    try {
      const { level, msg, source, requestId, userId, time, pid: _pid, hostname: _h, ...rest } = JSON.parse(String(chunk));
      const name = levelNames[level as number];
      if (name) {
        buffer.push({ level: name, source: source ?? 'app', message: String(msg ?? ''), requestId: requestId ?? null, userId: userId ?? null, data: Object.keys(rest).length ? rest : null, createdAt: new Date(time ?? Date.now()) });
        if (buffer.length > 500) buffer.splice(0, buffer.length - 500);
        flushTimer ??= setTimeout(flush, 500);
      }
    } catch {
      /* not JSON: ignore */
    }
    cb();
  },
});

const g = globalThis as unknown as { __lecternLogger?: pino.Logger };
export const logger: pino.Logger = (g.__lecternLogger ??= pino(
  { level: env.LOG_LEVEL, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label, number) => ({ level: number, levelName: label }) } },
  pino.multistream([
    { level: env.LOG_LEVEL === 'silent' ? 'silent' : 'trace', stream: process.stdout },
    { level: 'warn', stream: dbStream },
  ]),
));

export const flushLogs = flush;

export function loggerFor(source: string, bindings: Record<string, unknown> = {}) {
  return logger.child({ source, ...bindings });
}
