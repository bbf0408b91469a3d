import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMigrations } from '../../db/migrate';
import { freePort, startEmbeddedPostgres } from '../../scripts/lib/embedded-pg.mjs';
import { expect, test } from '../fixtures';

// A server of its own with a database of its own, so stopping PostgreSQL does not disturb the
// other specs. Same production build as the rest of the e2e tier.
test('database down → 503 page and health 503 without internals; back up → recovers without restart', async ({ playwright }) => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-outage-'));
  const pgPort: number = await freePort();
  const appPort: number = await freePort();
  let pg = await startEmbeddedPostgres({ dataDir, port: pgPort, database: 'outage', persistent: true });
  let server: ChildProcess | null = null;
  const request = await playwright.request.newContext({ baseURL: `http://localhost:${appPort}` });
  try {
    await runMigrations(pg.url);
    server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(appPort)], {
      env: { ...process.env, DATABASE_URL: pg.url, APP_URL: `http://localhost:${appPort}`, AUTH_SECRET: 'outage-test-secret-0000000000000000', LOG_LEVEL: 'silent', NODE_ENV: 'production' },
      stdio: 'ignore',
      detached: true,
    });
    await expect.poll(async () => (await request.get('/api/health').catch(() => null))?.status(), { timeout: 30_000 }).toBe(200);
    expect((await request.get('/login')).status()).toBe(200);

    await pg.stop();

    const health = await request.get('/api/health');
    expect(health.status()).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', db: 'down' });
    const page = await request.get('/login');
    expect(page.status()).toBe(503);
    const html = await page.text();
    expect(html).toContain('Service unavailable');
    expect(html).not.toMatch(/ECONNREFUSED|at \w+ \(|postgres:\/\//);

    pg = await startEmbeddedPostgres({ dataDir, port: pgPort, database: 'outage', persistent: true });
    await expect.poll(async () => (await request.get('/api/health')).status(), { timeout: 20_000, intervals: [500] }).toBe(200);
    const back = await request.get('/login');
    expect(back.status()).toBe(200);
    expect(await back.text()).toContain('Sign in');
  } finally {
    await request.dispose();
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
    await pg.stop().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
