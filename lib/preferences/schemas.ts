import { z } from 'zod';
import { locales, themes } from '@/lib/constants';

export const updatePreferencesSchema = z
  .object({ theme: z.enum(themes, 'validation.invalid').optional(), locale: z.enum(locales, 'validation.invalid').optional() })
  .refine((v) => v.theme !== undefined || v.locale !== undefined, 'validation.required');
export type UpdatePreferencesInput = z.infer<typeof updatePreferencesSchema>;

export { LOCALE_COOKIE, LOCALE_STORAGE_KEY, THEME_STORAGE_KEY } from '@/lib/constants';
