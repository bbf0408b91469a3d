import 'server-only';
import { createDb } from './factory';
import { env } from '@/lib/env';

// One pool per server process. In dev, hot reload re-evaluates modules: keep the pool on globalThis
// so reloads do not leak connections.
const g = globalThis as unknown as { __lecternDb?: ReturnType<typeof createDb> };
const instance = (g.__lecternDb ??= createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX }));

export const db = instance.db;
export const sql = instance.sql;
export type Db = typeof db;
