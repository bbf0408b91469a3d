import { z } from 'zod';

export const markNotificationsReadSchema = z.object({ ids: z.array(z.number().int().positive()).max(500).optional() });
