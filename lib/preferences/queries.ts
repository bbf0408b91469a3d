import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { userPreferences } from '@/db/schema';
import type { Preferences } from './merge';

export async function getPreferences(userId: string): Promise<Preferences | null> {
  const row = await db.query.userPreferences.findFirst({ where: eq(userPreferences.userId, userId) });
  return row ? { theme: row.theme, locale: row.locale } : null;
}
