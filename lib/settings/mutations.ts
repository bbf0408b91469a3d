import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { appSettings } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import type { SessionUser } from '@/lib/auth/session';
import type { PlatformSettings } from './queries';

/** Caller: an admin. */
export async function updatePlatformSettings(actor: SessionUser, patch: Partial<PlatformSettings>, meta: { ip?: string; requestId?: string }) {
  await db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(patch)) {
      await tx
        .insert(appSettings)
        .values({ key, value })
        .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: sql`now()` } });
    }
    await writeAudit(tx, { actorId: actor.id, action: 'settings.updated', targetType: 'settings', data: patch, ...meta });
  });
}
