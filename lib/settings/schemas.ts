import { z } from 'zod';

export const updateSettingsSchema = z.object({
  registrationOpen: z.union([z.boolean(), z.enum(['true', 'false', 'on']).transform((v) => v !== 'false')]),
});
