import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { createDb } from '../db/factory';
import { createUser } from '../db/factories';
import type { PlatformRole } from '../lib/constants';

// One pool for the whole e2e worker; tests create their own rows through the shared factories.
const { db } = createDb(process.env.DATABASE_URL!, { max: 4 });
export { db };

export type TestUser = Awaited<ReturnType<typeof createUser>>;

export const test = base.extend<{ makeUser: (opts?: Parameters<typeof createUser>[1]) => Promise<TestUser> }>({
  makeUser: async ({}, use) => {
    await use((opts) => createUser(db, opts));
  },
});
export { expect };

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel(/^email$/i).fill(user.email);
  await page.getByLabel(/^(password|пароль)$/i).fill(user.password);
  await page.getByRole('button', { name: /^(sign in|войти)$/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export async function signInAs(page: Page, role: PlatformRole) {
  const user = await createUser(db, { role });
  await signIn(page, user);
  return user;
}

/** axe on the current page: no serious or critical violations. */
export async function expectAccessible(page: Page) {
  // Next streams metadata after the shell: wait for the <title> to arrive before judging the page.
  await expect.poll(() => page.title(), { timeout: 10_000 }).not.toBe('');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
