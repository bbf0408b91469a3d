import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { createUser } from '@/db/factories';
import { checkCredentials } from './sign-in';

const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe('checkCredentials', () => {
  it('signs in with the right password, case-insensitively on email', async () => {
    const u = await createUser(db);
    const r = await checkCredentials({ email: u.email.toUpperCase(), password: u.password }, ip());
    expect(r).toEqual({ ok: true, user: { id: u.id, email: u.email, name: u.name } });
  });

  it('says the same thing for a wrong password and an unknown email', async () => {
    const u = await createUser(db);
    expect(await checkCredentials({ email: u.email, password: 'wrong-password' }, ip())).toEqual({ ok: false, reason: 'invalid' });
    expect(await checkCredentials({ email: `nobody-${randomUUID()}@x.io`, password: 'whatever1' }, ip())).toEqual({ ok: false, reason: 'invalid' });
  });

  it('throttles an account after 5 failures, even with the right password, from any IP', async () => {
    const u = await createUser(db);
    for (let i = 0; i < 5; i++) expect((await checkCredentials({ email: u.email, password: 'bad' }, ip())).ok).toBe(false);
    const r = await checkCredentials({ email: u.email, password: u.password }, ip());
    expect(r).toMatchObject({ ok: false, reason: 'throttled' });
    if (!r.ok && r.reason === 'throttled') expect(r.retryAfterSeconds).toBeGreaterThan(20);
  });

  it('throttles unknown emails the same way (no enumeration by throttling)', async () => {
    const email = `ghost-${randomUUID()}@x.io`;
    for (let i = 0; i < 5; i++) await checkCredentials({ email, password: 'bad-pass' }, ip());
    expect(await checkCredentials({ email, password: 'bad-pass' }, ip())).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('throttles one IP spraying many accounts', async () => {
    const addr = ip();
    for (let i = 0; i < 30; i++) await checkCredentials({ email: `spray-${i}-${randomUUID()}@x.io`, password: 'bad' }, addr);
    const u = await createUser(db);
    expect(await checkCredentials({ email: u.email, password: u.password }, addr)).toMatchObject({ ok: false, reason: 'throttled' });
    // Another IP is unaffected.
    expect((await checkCredentials({ email: u.email, password: u.password }, ip())).ok).toBe(true);
  });

  it('refuses a blocked user only after the right password', async () => {
    const u = await createUser(db, { blocked: true });
    expect(await checkCredentials({ email: u.email, password: 'nope-nope' }, ip())).toEqual({ ok: false, reason: 'invalid' });
    expect(await checkCredentials({ email: u.email, password: u.password }, ip())).toEqual({ ok: false, reason: 'blocked' });
  });
});
