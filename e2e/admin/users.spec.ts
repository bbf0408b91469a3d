import { ADMIN_STATE } from '../constants';
import { expect, expectAccessible, signIn, test } from '../fixtures';

test.use({ storageState: ADMIN_STATE });

test('an admin promotes a student to author; the change applies to their open session at once', async ({ page, browser, makeUser }) => {
  const student = await makeUser({ role: 'student', name: 'Promoted Pat' });
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const theirPage = await theirs.newPage();
  await signIn(theirPage, student);
  await expect(theirPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Courses' })).toHaveCount(0);

  await page.goto(`/admin/users?q=${encodeURIComponent(student.email)}`);
  await expectAccessible(page);
  const row = page.getByTestId(`user-row-${student.email}`);
  await row.getByLabel(`Role of ${student.email}`).selectOption('author');
  await expect(page.getByText(`${student.email} is now Author.`)).toBeVisible();

  // A role change bumps the session version: the old token is dead, the user signs in again
  // and gets the author navigation.
  await theirPage.goto('/dashboard');
  await expect(theirPage).toHaveURL(/\/login/);
  await signIn(theirPage, student);
  await expect(theirPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Courses' })).toBeVisible();

  await page.goto('/admin/audit?action=user.role_changed');
  await expect(page.getByRole('main')).toContainText('user.role_changed');
  await theirs.close();
});

test('blocking a user ends their session; they cannot sign in until unblocked', async ({ page, browser, makeUser }) => {
  const user = await makeUser();
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const theirPage = await theirs.newPage();
  await signIn(theirPage, user);

  await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
  await page.getByRole('button', { name: `Block ${user.email}` }).click();
  await expect(page.getByText(`${user.email} is blocked and signed out everywhere.`)).toBeVisible();

  await theirPage.goto('/dashboard');
  await expect(theirPage).toHaveURL(/\/login/);
  await theirPage.getByLabel('Email').fill(user.email);
  await theirPage.getByLabel('Password').fill(user.password);
  await theirPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(theirPage.getByRole('main').getByRole('alert')).toContainText('This account is blocked');

  await page.getByRole('button', { name: `Unblock ${user.email}` }).click();
  await expect(page.getByText(`${user.email} is unblocked.`)).toBeVisible();
  await signIn(theirPage, user);
  await expect(theirPage).toHaveURL(/\/dashboard/);
  await theirs.close();
});

test('an admin makes a one-time reset link; the user sets a new password with it once', async ({ page, browser, makeUser }) => {
  const user = await makeUser();
  await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
  await page.getByRole('button', { name: `Reset link ${user.email}` }).click();
  const link = await page.getByLabel('Reset link', { exact: true }).inputValue();
  expect(link).toMatch(/\/reset-password\/[\w-]{40,}$/);

  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const p = await theirs.newPage();
  await p.goto(new URL(link).pathname);
  await expectAccessible(p);
  await p.getByLabel('New password').fill('from-reset-link-1');
  await p.getByLabel('Confirm password').fill('from-reset-link-1');
  await p.getByRole('button', { name: 'Set password' }).click();
  await p.waitForURL('**/login');
  await signIn(p, { email: user.email, password: 'from-reset-link-1' });

  await p.goto(new URL(link).pathname);
  await expect(p.getByRole('main').getByRole('alert')).toContainText('invalid or has expired');
  await theirs.close();
});

test('admins search and filter the user list', async ({ page, makeUser }) => {
  const mod = await makeUser({ role: 'moderator', name: 'Filter Target Mo' });
  await page.goto('/admin/users');
  await page.getByLabel('Search').fill('Filter Target Mo');
  await page.getByLabel('Role', { exact: true }).selectOption('moderator');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId(`user-row-${mod.email}`)).toBeVisible();
  await page.getByLabel('Role', { exact: true }).selectOption('student');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('No users match')).toBeVisible();
});

test('turning registration off hides sign-up', async ({ page, browser }) => {
  await page.goto('/admin/settings');
  await expectAccessible(page);
  const box = page.getByLabel('Open registration');
  await box.uncheck();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const v = await visitor.newPage();
  await v.goto('/signup');
  await expect(v.getByRole('main').getByRole('status')).toContainText('Registration is closed');
  await box.check();
  await expect(box).toBeEnabled();
  await page.reload();
  await expect(page.getByLabel('Open registration')).toBeChecked();
  await v.reload();
  await expect(v.getByRole('button', { name: 'Create account' })).toBeVisible();
  await visitor.close();
});
