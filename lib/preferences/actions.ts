'use server';

import { cookies } from 'next/headers';
import { authedAction } from '@/lib/action';
import { savePreferences } from './mutations';
import { LOCALE_COOKIE, updatePreferencesSchema } from './schemas';

export const updatePreferencesAction = authedAction('updatePreferences', { schema: updatePreferencesSchema }, async (input, ctx) => {
  const prefs = await savePreferences(ctx.actor.id, input);
  if (input.locale) (await cookies()).set(LOCALE_COOKIE, input.locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' });
  return prefs;
});
