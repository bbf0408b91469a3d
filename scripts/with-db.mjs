#!/usr/bin/env node
// Runs a command with DATABASE_URL pointing at: $DATABASE_URL, else the running Lectern's embedded
// server, else an embedded server started just for this command on .data/postgres.
// Usage: node scripts/with-db.mjs tsx <script.ts> [args…]
import path from 'node:path';
import { ensureDeps } from './lib/ensure-deps.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
ensureDeps(root);
// Optional .env file (see .env.example); real environment variables win.
for (const f of ['.env', '.env.local']) {
  try {
    process.loadEnvFile(path.join(root, f));
  } catch {
    /* no such file */
  }
}
const rt = await import('./lib/runtime.mjs');
const { startEmbeddedPostgres } = await import('./lib/embedded-pg.mjs');

const [kind, script, ...args] = process.argv.slice(2);
if (kind !== 'tsx' || !script) {
  console.error('usage: with-db.mjs tsx <script.ts> [args…]');
  process.exit(2);
}

let pg = null;
let databaseUrl = process.env.DATABASE_URL || rt.runningInstance()?.databaseUrl;
if (!databaseUrl) {
  try {
    pg = await startEmbeddedPostgres({ dataDir: path.join(rt.dataDir, 'postgres'), database: 'lectern' });
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
  databaseUrl = pg.url;
}
const env = { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: rt.authSecret() };
let code = 0;
try {
  if (script !== 'db/migrate.ts') await rt.run(process.execPath, [...rt.tsNode, 'db/migrate.ts'], { env, stdio: ['inherit', 'ignore', 'inherit'] });
  await rt.run(process.execPath, [...rt.tsNode, script, ...args], { env });
} catch (e) {
  code = typeof e.code === 'number' ? e.code : 1;
} finally {
  if (pg) await pg.stop().catch(() => {});
}
process.exit(code);
