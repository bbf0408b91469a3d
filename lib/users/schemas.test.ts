import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '@/lib/validation';
import { changePasswordSchema, listUsersSchema, signUpSchema } from './schemas';

const errorsOf = (r: { success: boolean; error?: unknown }) => (r.success ? {} : toFieldErrors(r.error as never));

describe('signUpSchema', () => {
  it('normalizes the email to lower case and trims the name', () => {
    const r = signUpSchema.parse({ name: '  Ann ', email: ' Ann@Example.COM ', password: 'correct horse 1' });
    expect(r).toMatchObject({ name: 'Ann', email: 'ann@example.com' });
  });
  it('reports each bad field with its own key', () => {
    expect(errorsOf(signUpSchema.safeParse({ name: '', email: 'nope', password: 'short' }))).toEqual({
      name: ['validation.required'],
      email: ['validation.emailInvalid'],
      password: ['validation.passwordTooShort'],
    });
  });
  it('rejects oversized input instead of storing it', () => {
    const e = errorsOf(signUpSchema.safeParse({ name: 'x'.repeat(101), email: `${'a'.repeat(250)}@x.io`, password: 'p1'.repeat(100) }));
    expect(e.name).toEqual(['validation.nameTooLong']);
    expect(e.email).toEqual(['validation.emailTooLong']);
    expect(e.password).toEqual(['validation.passwordTooLong']);
  });
  it('requires a letter and a digit or symbol', () => {
    expect(errorsOf(signUpSchema.safeParse({ name: 'A', email: 'a@b.co', password: 'aaaaaaaaaaaa' })).password).toEqual(['validation.passwordWeak']);
    expect(errorsOf(signUpSchema.safeParse({ name: 'A', email: 'a@b.co', password: '123456789012' })).password).toEqual(['validation.passwordWeak']);
    expect(signUpSchema.safeParse({ name: 'A', email: 'a@b.co', password: 'пароль-надёжный' }).success).toBe(true);
  });
  it('drops unknown preference values instead of failing sign-up', () => {
    expect(signUpSchema.parse({ name: 'A', email: 'a@b.co', password: 'abcdefghij1', theme: 'neon', locale: 'de' })).toMatchObject({ theme: undefined, locale: undefined });
  });
});

describe('changePasswordSchema', () => {
  it('flags a confirmation that differs on the confirmation field', () => {
    expect(errorsOf(changePasswordSchema.safeParse({ currentPassword: 'x', newPassword: 'abcdefghij1', confirmPassword: 'abcdefghij2' }))).toEqual({ confirmPassword: ['validation.passwordsDiffer'] });
  });
});

describe('listUsersSchema', () => {
  it('turns junk query parameters into defaults rather than errors', () => {
    expect(listUsersSchema.parse({ role: 'king', status: 'x', page: '-3' })).toMatchObject({ role: undefined, status: undefined, page: 1 });
    expect(listUsersSchema.parse({ page: '2', role: 'author' })).toMatchObject({ page: 2, role: 'author' });
  });
});
