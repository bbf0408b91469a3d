import { z } from 'zod';
import { locales, platformRoles, themes } from '@/lib/constants';

// Messages are i18n keys (see messages/*.json → validation); forms and actions share these schemas.
export const emailSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .toLowerCase()
  .min(1, 'validation.required')
  .max(254, 'validation.emailTooLong')
  .pipe(z.email('validation.emailInvalid'));

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const newPasswordSchema = z
  .string({ error: 'validation.required' })
  .min(PASSWORD_MIN, 'validation.passwordTooShort')
  .max(PASSWORD_MAX, 'validation.passwordTooLong')
  .refine((p) => /[A-Za-zА-Яа-яЁё]/.test(p) && /[0-9\W_]/.test(p), 'validation.passwordWeak');

export const nameSchema = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(100, 'validation.nameTooLong');

const optionalPrefs = {
  theme: z.enum(themes).optional().catch(undefined),
  locale: z.enum(locales).optional().catch(undefined),
};

export const signInSchema = z.object({
  email: emailSchema,
  // No strength rule at sign-in: old passwords must keep working. Length cap stops hashing abuse.
  password: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(PASSWORD_MAX, 'validation.passwordTooLong'),
});
export const signInFormSchema = signInSchema.extend({ ...optionalPrefs, callbackUrl: z.string().max(2000).optional() });
export type SignInInput = z.infer<typeof signInFormSchema>;

export const signUpSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  ...optionalPrefs,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'validation.required').max(PASSWORD_MAX, 'validation.passwordTooLong'),
    newPassword: newPasswordSchema,
    confirmPassword: z.string().min(1, 'validation.required'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDiffer' });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const resetPasswordSchema = z
  .object({
    token: z.string().min(20).max(200),
    newPassword: newPasswordSchema,
    confirmPassword: z.string().min(1, 'validation.required'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDiffer' });

export const userIdSchema = z.object({ userId: z.uuid('validation.invalid') });

export const changeRoleSchema = z.object({ userId: z.uuid('validation.invalid'), role: z.enum(platformRoles, 'validation.invalid') });

export const blockUserSchema = z.object({
  userId: z.uuid('validation.invalid'),
  blocked: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
  reason: z.string().trim().max(500, 'validation.tooLong').optional(),
});

export const listUsersSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  role: z.enum(platformRoles).optional().catch(undefined),
  status: z.enum(['active', 'blocked']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type ListUsersInput = z.infer<typeof listUsersSchema>;
