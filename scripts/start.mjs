#!/usr/bin/env node
// `npm start`: install if needed, start embedded PostgreSQL (unless DATABASE_URL is set) and an
// embedded S3 server (unless S3_ENDPOINT is set), migrate, build if sources changed, then serve on http://localhost:3000. `--dev` runs `next dev` instead.
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

const { spawn } = await import('node:child_process');
const net = await import('node:net');
const rt = await import('./lib/runtime.mjs');
const { startEmbeddedPostgres } = await import('./lib/embedded-pg.mjs');
const { startEmbeddedS3 } = await import('./lib/embedded-s3.mjs');
const { needsBuild } = await import('./lib/build.mjs');

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT || 3000);

const fail = (msg) => {
  console.error(`\n✖ ${msg}\n`);
  process.exit(1);
};

const running = rt.runningInstance();
if (running) {
  fail(`Lectern is already running from ${rt.dataDir} (pid ${running.pid}, http://localhost:${running.port}).\n  Stop it first, or set DATA_DIR to use another data folder.`);
}

const portFree = await new Promise((resolve) => {
  const srv = net.createServer().once('error', () => resolve(false));
  srv.listen(port, () => srv.close(() => resolve(true)));
});
if (!portFree) fail(`Port ${port} is already in use. Stop what is using it, or set PORT.`);

let pg = null;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.log(`Starting embedded PostgreSQL (data in ${path.relative(root, rt.dataDir) || '.'}/postgres)…`);
  try {
    pg = await startEmbeddedPostgres({
      dataDir: path.join(rt.dataDir, 'postgres'),
      port: Number(process.env.EMBEDDED_PG_PORT || 54329),
      database: 'lectern',
      log: process.env.LOG_PG ? (m) => process.stdout.write(`[pg] ${m}`) : undefined,
    });
  } catch (e) {
    fail(e.message);
  }
  databaseUrl = pg.url;
}

let s3 = null;
const appUrl = process.env.APP_URL || `http://localhost:${port}`;
let s3Env = {};
if (!process.env.S3_ENDPOINT) {
  console.log(`Starting embedded S3 (data in ${path.relative(root, rt.dataDir) || '.'}/s3)…`);
  try {
    s3 = await startEmbeddedS3({
      dataDir: path.join(rt.dataDir, 's3'),
      port: Number(process.env.EMBEDDED_S3_PORT || 54330),
      bucket: process.env.S3_BUCKET || 'lectern',
      // Browsers upload straight to S3 from the app's pages.
      corsOrigins: [...new Set([new URL(appUrl).origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`])],
      log: Boolean(process.env.LOG_S3),
    });
  } catch (e) {
    if (pg) await pg.stop().catch(() => {});
    fail(e.message);
  }
  s3Env = {
    S3_ENDPOINT: s3.endpoint,
    S3_REGION: s3.region,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: 'true',
  };
}
rt.writeLock({ port, databaseUrl, s3Endpoint: s3?.endpoint, startedAt: new Date().toISOString() });

const childEnv = {
  ...process.env,
  ...s3Env,
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: rt.authSecret(),
  APP_URL: appUrl,
  AUTH_TRUST_HOST: 'true',
  PORT: String(port),
  NODE_ENV: dev ? 'development' : 'production',
};

let server = null;
let worker = null;
let stopping = false;
const stopChild = async (child) => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
};
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.all([stopChild(server), stopChild(worker)]);
  if (s3) await s3.stop().catch(() => {});
  if (pg) await pg.stop().catch(() => {});
  rt.removeLock();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
  console.log('Applying database migrations…');
  await rt.run(process.execPath, [...rt.tsNode, 'db/migrate.ts'], { env: childEnv });

  if (!dev && needsBuild(process.env.NEXT_DIST_DIR || '.next')) {
    console.log('Building the app (first start or sources changed; takes about a minute)…');
    await rt.run(process.execPath, [rt.nextBin, 'build'], { env: { ...childEnv, NEXT_TELEMETRY_DISABLED: '1' } });
  }
} catch (e) {
  console.error(e.message);
  await shutdown(1);
}

server = spawn(process.execPath, [rt.nextBin, dev ? 'dev' : 'start', '-p', String(port)], {
  cwd: root,
  env: { ...childEnv, NEXT_TELEMETRY_DISABLED: '1' },
  stdio: 'inherit',
});
server.on('exit', (code) => {
  if (!stopping) shutdown(code ?? 1);
});

// The job worker (video processing, storage clean-up) runs beside the app. A crash restarts it; the
// jobs it held are retried. LECTERN_WORKER=0 leaves it to a separate `npm run worker`.
function startWorker() {
  worker = spawn(process.execPath, [...rt.tsNode, 'worker/index.ts'], { cwd: root, env: childEnv, stdio: 'inherit' });
  worker.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`The job worker stopped (${signal ?? `exit code ${code}`}); restarting it in 2 s.`);
    setTimeout(() => !stopping && startWorker(), 2000);
  });
}
if (process.env.LECTERN_WORKER !== '0') startWorker();
console.log(`\n  Lectern is starting at http://localhost:${port}\n`);
