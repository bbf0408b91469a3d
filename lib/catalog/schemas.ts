import { z } from 'zod';
import { courseLevels } from '@/lib/course-constants';

export const CATALOG_PAGE_SIZE = 24;

// Query-string input: junk values fall back to "no filter" instead of an error page, and an empty
// select ("any level") arrives as "" which means the same.
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const catalogQuerySchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()).catch(undefined),
  language: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/).optional()).catch(undefined),
  level: z.preprocess(blankToUndefined, z.enum(courseLevels).optional()).catch(undefined),
  // Tags are stored lower-cased (lib/courses/tags.ts), so the filter is too.
  tag: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().max(60).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

// Invite tokens are 32 base64url characters; anything else cannot match and is ignored early.
export const inviteTokenSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{16,100}$/);
