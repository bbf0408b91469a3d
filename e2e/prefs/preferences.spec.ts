import type { Locator } from '@playwright/test';
import { expect, signIn, test } from '../fixtures';

// A <select> changed before React hydrates it fires no onChange, so the choice would be lost.
async function hydrated(control: Locator) {
  await expect.poll(() => control.evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactProps')))).toBe(true);
}

test('the language follows the browser on the first visit', async ({ browser }) => {
  const ctx = await browser.newContext({ locale: 'ru-RU', extraHTTPHeaders: { 'Accept-Language': 'ru-RU,ru;q=0.9' } });
  const page = await ctx.newPage();
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход в Lectern');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await ctx.close();
});

test('a visitor’s theme and language survive reload, merge into the account on sign-in, and follow it to a new browser', async ({ browser, makeUser }) => {
  const user = await makeUser();
  const first = await browser.newContext({ locale: 'en-US' });
  const page = await first.newPage();
  await page.goto('/login');
  await hydrated(page.getByLabel('Theme'));
  await page.getByLabel('Theme').selectOption('dark');
  await page.getByLabel('Language').selectOption('ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход в Lectern');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход в Lectern');

  // Signing in merges the visitor's choices into the account (it had none).
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Пароль').fill(user.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL('**/dashboard');
  await expect(page.getByRole('heading', { name: 'Моё обучение' })).toBeVisible();
  await page.getByRole('button', { name: 'Выйти' }).click();
  await page.waitForURL('**/login');
  await first.close();

  // A brand-new browser with English settings: after sign-in the account's choices apply.
  const second = await browser.newContext({ locale: 'en-US', colorScheme: 'light' });
  const p2 = await second.newPage();
  await signIn(p2, user);
  await expect(p2.getByRole('heading', { name: 'Моё обучение' })).toBeVisible();
  await expect(p2.locator('html')).toHaveClass(/dark/);

  // No flash: when the parser first inserts the page content, <html> is already dark.
  await p2.addInitScript(() => {
    const w = window as unknown as { __darkWhenMainParsed?: boolean };
    new MutationObserver((records, obs) => {
      if (records.some((r) => Array.from(r.addedNodes).some((n) => n instanceof HTMLElement && n.id === 'main'))) {
        w.__darkWhenMainParsed = document.documentElement.classList.contains('dark');
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await p2.goto('/account');
  expect(await p2.evaluate(() => (window as unknown as { __darkWhenMainParsed?: boolean }).__darkWhenMainParsed)).toBe(true);

  // Changing the theme on this device saves it to the account.
  const themePicker = p2.getByLabel('Тема').first();
  await hydrated(themePicker);
  const saved = p2.waitForResponse((r) => r.request().method() === 'POST' && !!r.request().headers()['next-action']);
  await themePicker.selectOption('light');
  await expect(p2.locator('html')).not.toHaveClass(/dark/);
  expect((await saved).ok()).toBe(true);
  const third = await browser.newContext({ locale: 'en-US' });
  const p3 = await third.newPage();
  await signIn(p3, user);
  await expect(p3.locator('html')).not.toHaveClass(/dark/);
  await expect(p3.getByRole('heading', { name: 'Моё обучение' })).toBeVisible();
  await second.close();
  await third.close();
});
