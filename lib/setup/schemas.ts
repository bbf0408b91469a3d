import { z } from 'zod';
import { emailSchema, nameSchema, newPasswordSchema } from '@/lib/users/schemas';

export const setupSchema = z
  .object({
    token: z.string().min(1, 'validation.setupTokenMissing').max(200),
    name: nameSchema,
    email: emailSchema,
    password: newPasswordSchema,
    confirmPassword: z.string().min(1, 'validation.required'),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDiffer' });

export const createAdminCliSchema = z.object({ email: emailSchema, password: newPasswordSchema, name: z.string().trim().max(100).optional() });
