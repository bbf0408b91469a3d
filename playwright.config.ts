import { defineConfig, devices } from '@playwright/test';
import fs from 'node:fs';

// Debian's Chromium when present (Playwright cannot download browsers on these machines),
// otherwise Playwright's own browser, so the suite also runs on an ordinary laptop.
const systemChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p));
import { E2E_PORT as PORT, E2E_SETUP_TOKEN } from './e2e/constants';

export default defineConfig({
  testDir: './e2e',
  // Separate folders let two runs (e.g. two developers' terminals) keep their artifacts apart.
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: systemChromium,
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /first-run\.setup\.ts/ },
    { name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined }, dependencies: ['setup'], testIgnore: /first-run\.setup\.ts/ },
  ],
  webServer: {
    command: `node node_modules/next/dist/bin/next start -p ${PORT}`,
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      ...(process.env as Record<string, string>),
      APP_URL: `http://localhost:${PORT}`,
      AUTH_TRUST_HOST: 'true',
      SETUP_TOKEN: E2E_SETUP_TOKEN,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
  },
});
