import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { appSettings } from '@/db/schema';

export type PlatformSettings = { registrationOpen: boolean };
const defaults: PlatformSettings = { registrationOpen: true };

export async function getSetting<K extends keyof PlatformSettings>(key: K): Promise<PlatformSettings[K]> {
  const row = await db.query.appSettings.findFirst({ where: eq(appSettings.key, key) });
  return (row?.value as PlatformSettings[K] | undefined) ?? defaults[key];
}

export async function getPlatformSettings(): Promise<PlatformSettings> {
  return { registrationOpen: await getSetting('registrationOpen') };
}
