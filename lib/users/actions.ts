'use server';

import { revalidatePath } from 'next/cache';
import { AuthError } from 'next-auth';
import { signIn, signOut, SignInRefused } from '@/auth';
import { authedAction, publicAction } from '@/lib/action';
import { AppError } from '@/lib/errors';
import { mergePreferencesOnSignIn } from '@/lib/preferences/mutations';
import { getSetting } from '@/lib/settings/queries';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { changeOwnPassword, changeUserRole, createPasswordResetLink, registerStudent, resetPasswordWithToken, setUserBlocked } from './mutations';
import { blockUserSchema, changePasswordSchema, changeRoleSchema, resetPasswordSchema, signInFormSchema, signUpSchema, userIdSchema } from './schemas';

/** Signs in with credentials and sets the session cookie; throws AppError with the reason on failure. */
async function signInWithPassword(email: string, password: string) {
  try {
    await signIn('credentials', { email, password, redirect: false });
  } catch (e) {
    if (e instanceof AuthError) {
      const code = e instanceof SignInRefused ? e.code : (e.cause as { err?: { code?: string } } | undefined)?.err?.code ?? 'invalid';
      if (code.startsWith('throttled:')) {
        const retryAfterSeconds = Number(code.split(':')[1]) || 60;
        throw new AppError('RATE_LIMITED', undefined, { messageKey: 'signInThrottled', retryAfterSeconds });
      }
      if (code === 'blocked') throw new AppError('FORBIDDEN', undefined, { messageKey: 'accountBlocked' });
      throw new AppError('UNAUTHENTICATED', undefined, { messageKey: 'invalidCredentials' });
    }
    throw e;
  }
}

async function mergedPrefsFor(email: string, local: { theme?: 'light' | 'dark' | 'system'; locale?: 'en' | 'ru' }) {
  const u = await db.query.users.findFirst({ where: eq(users.email, email), columns: { id: true } });
  return u ? mergePreferencesOnSignIn(u.id, local) : { theme: local.theme ?? null, locale: local.locale ?? null };
}

export const signInAction = publicAction('signIn', { schema: signInFormSchema }, async (input) => {
  await signInWithPassword(input.email, input.password);
  return { preferences: await mergedPrefsFor(input.email, input) };
});

export const signUpAction = publicAction('signUp', { schema: signUpSchema }, async (input, ctx) => {
  if (!(await getSetting('registrationOpen'))) throw new AppError('FORBIDDEN', undefined, { messageKey: 'registrationClosed' });
  await registerStudent({ email: input.email, name: input.name, password: input.password }, ctx);
  await signInWithPassword(input.email, input.password);
  return { preferences: await mergedPrefsFor(input.email, input) };
});

export async function signOutAction() {
  await signOut({ redirectTo: '/login' });
}

export const changePasswordAction = authedAction('changePassword', { schema: changePasswordSchema }, async (input, ctx) => {
  await changeOwnPassword(ctx.actor, input, ctx);
  // The password change ended every session, this one included: issue a fresh one here.
  await signInWithPassword(ctx.actor.email, input.newPassword);
  return { changed: true };
});

export const resetPasswordAction = publicAction('resetPassword', { schema: resetPasswordSchema }, async (input, ctx) => {
  const { email } = await resetPasswordWithToken(input, ctx);
  return { email };
});

export const changeUserRoleAction = authedAction('changeUserRole', { schema: changeRoleSchema, roles: ['admin'] }, async (input, ctx) => {
  const r = await changeUserRole(ctx.actor, input, ctx);
  revalidatePath('/admin/users');
  return r;
});

export const setUserBlockedAction = authedAction('setUserBlocked', { schema: blockUserSchema, roles: ['admin'] }, async (input, ctx) => {
  const r = await setUserBlocked(ctx.actor, input, ctx);
  revalidatePath('/admin/users');
  return r;
});

export const createPasswordResetLinkAction = authedAction('createPasswordResetLink', { schema: userIdSchema, roles: ['admin'] }, async (input, ctx) => {
  return createPasswordResetLink(ctx.actor, input.userId, ctx);
});
