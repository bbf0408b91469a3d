import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { createUser } from '@/db/factories';
import { getPreferences } from './queries';
import { mergePreferencesOnSignIn, savePreferences } from './mutations';

describe('preferences on sign-in', () => {
  it('stores the visitor choice for an account with none', async () => {
    const u = await createUser(db);
    expect(await mergePreferencesOnSignIn(u.id, { theme: 'dark', locale: 'ru' })).toEqual({ theme: 'dark', locale: 'ru' });
    expect(await getPreferences(u.id)).toEqual({ theme: 'dark', locale: 'ru' });
  });

  it('keeps the account value where both are set and fills the gaps', async () => {
    const u = await createUser(db);
    await savePreferences(u.id, { locale: 'ru' });
    expect(await mergePreferencesOnSignIn(u.id, { theme: 'light', locale: 'en' })).toEqual({ theme: 'light', locale: 'ru' });
    expect(await getPreferences(u.id)).toEqual({ theme: 'light', locale: 'ru' });
  });

  it('saving one field leaves the other as it was', async () => {
    const u = await createUser(db);
    await savePreferences(u.id, { theme: 'dark', locale: 'en' });
    await savePreferences(u.id, { locale: 'ru' });
    expect(await getPreferences(u.id)).toEqual({ theme: 'dark', locale: 'ru' });
  });
});
