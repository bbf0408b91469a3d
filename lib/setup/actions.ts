'use server';

import { publicAction } from '@/lib/action';
import { createFirstAdmin } from './mutations';
import { setupSchema } from './schemas';
import { signIn } from '@/auth';

export const setupAdminAction = publicAction('setupAdmin', { schema: setupSchema }, async (input, ctx) => {
  const user = await createFirstAdmin({ token: input.token, name: input.name, email: input.email, password: input.password }, { ...ctx, via: 'web' });
  await signIn('credentials', { email: input.email, password: input.password, redirect: false });
  return { id: user.id };
});
