import { ADMIN_STATE, E2E_SETUP_TOKEN } from './constants';
import { expect, expectAccessible, test } from './fixtures';

// Runs first (the "setup" project): the e2e database starts with no admin.
test('first-run setup creates the admin once, guarded by the console token', async ({ page }) => {
  await page.goto('/setup');
  await expect(page.getByRole('main').getByRole('alert')).toContainText(/setup link printed in the server console/i);

  await page.goto('/setup?token=not-the-right-token-000');
  await page.getByLabel('Name').fill('Ada Admin');
  await page.getByLabel('Email').fill('admin@e2e.lectern');
  await page.getByLabel('Password', { exact: true }).fill('admin-pass-123');
  await page.getByLabel('Confirm password').fill('admin-pass-123');
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await expect(page.getByRole('main').getByRole('alert').first()).toContainText(/setup link is invalid/i);

  await page.goto(`/setup?token=${E2E_SETUP_TOKEN}`);
  await expectAccessible(page);
  await page.getByLabel('Name').fill('Ada Admin');
  await page.getByLabel('Email').fill('admin@e2e.lectern');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('short');
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await expect(page.getByText('Password must be at least 10 characters.')).toBeVisible();

  await page.getByLabel('Password', { exact: true }).fill('admin-pass-123');
  await page.getByLabel('Confirm password').fill('admin-pass-123');
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await page.waitForURL('**/admin/users');
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });

  // After an admin exists, setup is closed even with the right token.
  await page.goto(`/setup?token=${E2E_SETUP_TOKEN}`);
  await expect(page.getByRole('main').getByRole('status')).toContainText(/already exists/i);
});
