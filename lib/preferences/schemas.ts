import { z } from 'zod';
import { locales, themes } from '@/lib/constants';

export const updatePreferencesSchema = z
  .object({ theme: z.enum(themes, 'validation.invalid').optional(), locale: z.enum(locales, 'validation.invalid').optional() })
  .refine((v) => v.theme !== undefined || v.locale !== undefined, 'validation.required');
export type UpdatePreferencesInput = z.infer<typeof updatePreferencesSchema>;

export const LOCALE_COOKIE = 'NEXT_LOCALE';
export const THEME_STORAGE_KEY = 'theme';
export const LOCALE_STORAGE_KEY = 'lectern-locale';
