import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

// The one way to build a database client. The app uses db/client.ts; scripts and tests call this
// directly because they must not import `server-only` modules.
export function createDb(url: string, opts: { max?: number } = {}) {
  const sql = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    // Fail fast when the database is down so pages can show 503 instead of hanging.
    connect_timeout: 5,
    idle_timeout: 60,
  });
  const db = drizzle(sql, { schema, casing: 'snake_case' });
  return { db, sql };
}

export type Database = ReturnType<typeof createDb>['db'];
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
