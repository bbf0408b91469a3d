import { ADMIN_STATE } from '../constants';
import { expect, expectAccessible, test } from '../fixtures';

const publicPages = ['/login', '/signup', '/setup', '/reset-password/not-a-real-token', '/no-such-page'];
const adminPages = ['/dashboard', '/account', '/courses', '/moderation', '/admin/users', '/admin/logs', '/admin/audit', '/admin/settings', '/admin/audit?action=setup.'];

test.describe('visitor pages', () => {
  for (const url of publicPages) {
    for (const scheme of ['light', 'dark'] as const) {
      test(`${url} has no serious axe violations (${scheme})`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(url);
        await expectAccessible(page);
      });
    }
  }
});

test.describe('signed-in pages', () => {
  test.use({ storageState: ADMIN_STATE });
  for (const url of adminPages) {
    test(`${url} has no serious axe violations`, async ({ page }) => {
      await page.goto(url);
      await expect(page.getByRole('main')).toBeVisible();
      await expectAccessible(page);
    });
  }

  test('audit and log detail pages are accessible', async ({ page }) => {
    await page.goto('/admin/audit');
    await page.locator('main table a[href^="/admin/audit/"]').first().click();
    await expect(page).toHaveURL(/\/admin\/audit\/\d+/);
    await expectAccessible(page);
    await page.goto('/admin/logs');
    const firstLog = page.locator('main table a[href^="/admin/logs/"]').first();
    if (await firstLog.count()) {
      await firstLog.click();
      await expect(page).toHaveURL(/\/admin\/logs\/\d+/);
      await expectAccessible(page);
    }
  });

  test('the admin pages work in dark mode too', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/admin/users');
    await expect(page.locator('html')).toHaveClass(/dark/);
    await expectAccessible(page);
  });
});

test('the sign-in form works with the keyboard alone', async ({ page, makeUser }) => {
  const user = await makeUser();
  await page.goto('/login');
  await page.getByLabel('Email').focus();
  await page.keyboard.type(user.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/dashboard');
  // The skip link is the first stop and moves focus to the content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
});
