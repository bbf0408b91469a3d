'use server';

import { revalidatePath } from 'next/cache';
import { authedAction } from '@/lib/action';
import { updatePlatformSettings } from './mutations';
import { updateSettingsSchema } from './schemas';

export const updateSettingsAction = authedAction('updateSettings', { schema: updateSettingsSchema, roles: ['admin'] }, async (input, ctx) => {
  await updatePlatformSettings(ctx.actor, input, ctx);
  revalidatePath('/admin/settings');
  return input;
});
