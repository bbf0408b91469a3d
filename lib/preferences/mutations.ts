import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { userPreferences } from '@/db/schema';
import { mergePreferences, type Preferences } from './merge';

/** Caller: the user themself. Sets only the given fields. */
export async function savePreferences(userId: string, prefs: Partial<Preferences>): Promise<Preferences> {
  const set: Partial<Preferences> = {};
  if (prefs.theme !== undefined) set.theme = prefs.theme;
  if (prefs.locale !== undefined) set.locale = prefs.locale;
  const [row] = await db
    .insert(userPreferences)
    .values({ userId, ...set })
    .onConflictDoUpdate({ target: userPreferences.userId, set: { ...set, updatedAt: sql`now()` } })
    .returning();
  return { theme: row!.theme, locale: row!.locale };
}

/** On sign-in: merge the visitor's local preferences into the account's (the database wins). */
export async function mergePreferencesOnSignIn(userId: string, local: Partial<Preferences>): Promise<Preferences> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(userPreferences).where(eq(userPreferences.userId, userId)).for('update');
    const merged = mergePreferences(current ?? null, local);
    await tx
      .insert(userPreferences)
      .values({ userId, ...merged })
      .onConflictDoUpdate({ target: userPreferences.userId, set: { ...merged, updatedAt: sql`now()` } });
    return merged;
  });
}
