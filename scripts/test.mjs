#!/usr/bin/env node
// `npm test [unit|int|e2e …]`: every tier against real services, then one summary line.
// A throwaway PostgreSQL server and a throwaway S3 server are started in .test-data/ and removed at
// the end.
import path from 'node:path';
import { ensureDeps } from './lib/ensure-deps.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
ensureDeps(root);

const fs = await import('node:fs');
const { spawn } = await import('node:child_process');
const rt = await import('./lib/runtime.mjs');
const { freePort, startEmbeddedPostgres } = await import('./lib/embedded-pg.mjs');
const { startEmbeddedS3 } = await import('./lib/embedded-s3.mjs');
const { needsBuild } = await import('./lib/build.mjs');

const all = ['unit', 'int', 'e2e'];
// `npm test -- e2e e2e/auth` runs one tier and passes file filters and flags to its runner.
const args = process.argv.slice(2);
const named = args.filter((a) => all.includes(a));
const tiers = named.length ? named : all;
const extra = args.filter((a) => !all.includes(a));
const outDir = path.join(root, 'test-results');
fs.mkdirSync(outDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const perTier = [];
let pg = null;
const tmpPg = path.join(root, '.test-data', `pg-${process.pid}`);
let s3 = null;
const tmpS3 = path.join(root, '.test-data', `s3-${process.pid}`);

function runChild(cmd, argv, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function vitestTier(name, env) {
  const out = path.join(outDir, `vitest-${name}.json`);
  fs.rmSync(out, { force: true });
  const code = await runChild(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', name, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extra], env);
  const r = readJson(out);
  const counts = r
    ? { passed: r.numPassedTests, failed: r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0), skipped: r.numPendingTests + r.numTodoTests }
    : { passed: 0, failed: 1, skipped: 0 }; // the runner itself crashed: count it as a failure
  return counts;
}

async function e2eTier(databaseUrl) {
  const distDir = '.next-test';
  const env = { DATABASE_URL: databaseUrl, NEXT_DIST_DIR: distDir, AUTH_SECRET: 'e2e-secret-not-for-production-use-000000', NEXT_TELEMETRY_DISABLED: '1' };
  if (needsBuild(distDir)) {
    console.log('\n▶ building the app once for the e2e tier…');
    const code = await runChild(process.execPath, [rt.nextBin, 'build'], env);
    if (code !== 0) return { passed: 0, failed: 1, skipped: 0 };
  }
  const out = path.join(outDir, 'playwright.json');
  fs.rmSync(out, { force: true });
  // A free port and an artifacts folder per run, so two runs on one machine cannot cross-talk.
  const port = process.env.E2E_PORT || String(await freePort(3100));
  const pwOut = path.join(outDir, port === '3100' ? 'playwright' : `playwright-${port}`);
  // The job worker (video processing) runs beside the app server, as under `npm start`.
  const worker = spawn(process.execPath, [...rt.tsNode, 'worker/index.ts'], { cwd: root, env: { ...process.env, ...env, LOG_LEVEL: 'warn', NODE_ENV: 'production' }, stdio: 'inherit' });
  const code = await runChild(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', ...extra], { ...env, E2E_PORT: port, PW_OUTPUT_DIR: pwOut, PLAYWRIGHT_JSON_OUTPUT_NAME: port === '3100' ? out : path.join(outDir, `playwright-${port}.json`) });
  if (worker.exitCode === null) {
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
  }
  const r = readJson(port === '3100' ? out : path.join(outDir, `playwright-${port}.json`));
  if (!r?.stats) return { passed: 0, failed: 1, skipped: 0 };
  const s = r.stats;
  return { passed: s.expected + (s.flaky ?? 0), failed: s.unexpected + (code !== 0 && s.unexpected === 0 ? 1 : 0), skipped: s.skipped };
}

async function cleanup() {
  if (s3) await s3.stop().catch(() => {});
  if (pg) await pg.stop().catch(() => {});
  fs.rmSync(tmpPg, { recursive: true, force: true });
  fs.rmSync(tmpS3, { recursive: true, force: true });
}
process.on('SIGINT', async () => {
  await cleanup();
  process.exit(130);
});

try {
  let urls = {};
  if (tiers.includes('int') || tiers.includes('e2e')) {
    if (process.env.TEST_DATABASE_URL) {
      // External server: use it as-is for both tiers (databases must already exist and be disposable).
      urls = { int: process.env.TEST_DATABASE_URL, e2e: process.env.TEST_DATABASE_URL };
    } else {
      console.log('▶ starting a throwaway PostgreSQL for tests…');
      pg = await startEmbeddedPostgres({ dataDir: tmpPg, persistent: false, fsync: false });
      urls = { int: await pg.createDatabase('lectern_int'), e2e: await pg.createDatabase('lectern_e2e') };
    }
    // Object storage: a throwaway embedded S3 server. Its S3_* variables go into this process's env,
    // which vitest and Playwright's webServer inherit. CORS allows any origin: e2e ports vary.
    console.log('▶ starting a throwaway S3 server for tests…');
    s3 = await startEmbeddedS3({ dataDir: tmpS3, port: 0, corsOrigins: ['*'] });
    Object.assign(process.env, {
      S3_ENDPOINT: s3.endpoint,
      S3_REGION: s3.region,
      S3_BUCKET: s3.bucket,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    });
    for (const t of ['int', 'e2e'].filter((x) => tiers.includes(x))) {
      const code = await runChild(process.execPath, [...rt.tsNode, 'db/migrate.ts'], { DATABASE_URL: urls[t] });
      if (code !== 0) throw new Error(`migrations failed for the ${t} database`);
    }
  }
  for (const tier of tiers) {
    console.log(`\n▶ ${tier} tests`);
    const started = Date.now();
    const c = tier === 'e2e' ? await e2eTier(urls.e2e) : await vitestTier(tier, tier === 'int' ? { DATABASE_URL: urls.int } : {});
    perTier.push({ tier, ...c, seconds: Math.round((Date.now() - started) / 1000) });
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
  }
} catch (e) {
  console.error(`\n✖ ${e.message}`);
  totals.failed += 1;
} finally {
  await cleanup();
}

console.log('\nTest tiers:');
for (const t of perTier) console.log(`  ${t.tier.padEnd(5)} ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped (${t.seconds}s)`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
