import { uniqueEmail } from '../../db/factories';
import { expect, expectAccessible, signIn, test } from '../fixtures';

test('a visitor signs up, lands in the app, signs out and back in', async ({ page }) => {
  const email = uniqueEmail('signup');
  await page.goto('/signup');
  await expectAccessible(page);
  await page.getByLabel('Name').fill('Sam Student');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('weak');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Password must be at least 10 characters.')).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Password').fill('sam-student-pass-1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/dashboard');
  await expect(page.getByText('Welcome, Sam Student.')).toBeVisible();
  // A student sees learning only.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'My learning' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);

  await signIn(page, { email, password: 'sam-student-pass-1' });
  await expect(page).toHaveURL(/\/dashboard/);
});

test('signing up with an email that exists says so next to the field', async ({ page, makeUser }) => {
  const existing = await makeUser();
  await page.goto('/signup');
  await page.getByLabel('Name').fill('Someone');
  await page.getByLabel('Email').fill(existing.email);
  await page.getByLabel('Password').fill('some-good-pass-1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('An account with this email already exists.')).toBeVisible();
});

test('ten wrong passwords get throttled with a retry time, without saying whether the email exists', async ({ page, makeUser }) => {
  const user = await makeUser();
  await page.goto('/login');
  await expectAccessible(page);
  await page.getByLabel('Email').fill(user.email);
  const password = page.getByLabel('Password');
  const submit = page.getByRole('button', { name: 'Sign in' });
  const messages: string[] = [];
  for (let i = 0; i < 10; i++) {
    await password.fill(`wrong-${i}`);
    await submit.click();
    const alert = page.getByRole('main').getByRole('alert').first();
    await expect(alert).toBeVisible();
    await expect(submit).toBeEnabled();
    messages.push((await alert.textContent()) ?? '');
  }
  expect(messages[0]).toContain('Wrong email or password.');
  expect(messages.at(-1)).toMatch(/Too many failed attempts\. Try again in \d+ s\./);
  // Even the right password is refused while throttled.
  await password.fill(user.password);
  await submit.click();
  await expect(page.getByRole('main').getByRole('alert').first()).toContainText('Too many failed attempts');
  await expect(page).toHaveURL(/\/login/);
});

test('changing the password keeps this session and ends the others', async ({ browser, makeUser }) => {
  const user = await makeUser();
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pa = await a.newPage();
  const pb = await b.newPage();
  await signIn(pa, user);
  await signIn(pb, user);

  await pa.goto('/account');
  await expectAccessible(pa);
  await pa.getByLabel('Current password').fill(user.password);
  await pa.getByLabel('New password').fill('changed-pass-77');
  await pa.getByLabel('Confirm password').fill('changed-pass-77');
  await pa.getByRole('button', { name: 'Change password' }).click();
  await expect(pa.getByText(/Password changed/)).toBeVisible();

  await pa.goto('/dashboard');
  await expect(pa).toHaveURL(/\/dashboard/);
  await pb.goto('/dashboard');
  await expect(pb).toHaveURL(/\/login/);
  await a.close();
  await b.close();
});
