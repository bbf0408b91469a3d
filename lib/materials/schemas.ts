import { z } from 'zod';
import { SEARCH_QUERY_MAX_CHARS, SNAPSHOT_NOTE_MAX_CHARS } from './constants';

const id = z.uuid('validation.invalid');

export const createMaterialUploadSchema = z.object({
  courseId: id,
  /** Omitted: a course-wide material. */
  lessonId: id.optional(),
  /** Set to replace this material's file (it is extracted again). */
  materialId: id.optional(),
  filename: z.string().trim().min(1, 'validation.required').max(255, 'validation.tooLong'),
  type: z.string().max(255).default(''),
  size: z.number().int().min(0),
});
export type CreateMaterialUploadInput = z.infer<typeof createMaterialUploadSchema>;

export const materialUploadRefSchema = z.object({ uploadId: z.string().min(1).max(1024) });
export type MaterialUploadRef = z.infer<typeof materialUploadRefSchema>;

export const materialIdSchema = z.object({ materialId: id });

export const renameMaterialSchema = z.object({ materialId: id, title: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong') });

export const clearSearchHistorySchema = z.object({ courseId: id });

/**
 * A search request. Any text is accepted (operators, quotes, 10,000 characters): it is cut to
 * SEARCH_QUERY_MAX_CHARS and handed to websearch_to_tsquery, which never fails on syntax.
 */
export const searchMaterialsSchema = z.object({
  q: z
    .string()
    .max(10_000)
    .catch('')
    .transform((s) => s.replace(/\s+/g, ' ').trim().slice(0, SEARCH_QUERY_MAX_CHARS)),
  lesson: id.optional().catch(undefined),
  material: id.optional().catch(undefined),
});
export type SearchMaterialsInput = z.infer<typeof searchMaterialsSchema>;

const unit = z.coerce.number().min(0).max(1);
/** A region snapshot's metadata (the PNG is sent beside it). Coordinates are 0–1 of the page. */
export const snapshotSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000),
  nx: unit,
  ny: unit,
  nw: unit.refine((n) => n > 0, 'validation.invalid'),
  nh: unit.refine((n) => n > 0, 'validation.invalid'),
  note: z.string().max(SNAPSHOT_NOTE_MAX_CHARS, 'validation.tooLong').default(''),
});
export type SnapshotInput = z.infer<typeof snapshotSchema>;
