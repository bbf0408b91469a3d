import { chromium } from '@playwright/test';
import fs from 'node:fs';

// Same browser choice and flags as playwright.config.ts: Debian's Chromium when present
// (Playwright cannot download browsers on these machines), otherwise Playwright's own.
const systemChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p));

/** Signs in through the real /login form and returns the session as a Cookie header value. */
export async function signInCookieHeader(baseUrl: string, user: { email: string; password: string }): Promise<string> {
  const browser = await chromium.launch({
    executablePath: systemChromium,
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel(/^email$/i).fill(user.email);
    await page.getByLabel(/^(password|пароль)$/i).fill(user.password);
    await page.getByRole('button', { name: /^(sign in|войти)$/i }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
    const cookies = await page.context().cookies(baseUrl);
    return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  } finally {
    await browser.close();
  }
}
