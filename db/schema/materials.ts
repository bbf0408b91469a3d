import { bigint, bigserial, index, integer, pgEnum, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { courses, lessons } from './courses';
import { users } from './users';

// Course materials: documents attached to a lesson (or to the whole course when lessonId is null),
// offered as downloads; PDFs are also extracted into pages and text blocks for search and the
// in-app viewer. Objects live under `courses/{courseId}/materials/{materialId}/r{revision}/`.
// The blocks' full-text column (`search_tsv`, english + russian) and the trigram index are written
// by hand in the custom migration `materials_search` (drizzle cannot express generated tsvectors).
// `material_words` (with its trigram index, also hand-written) corrects typos in queries.

export const materialStatuses = ['uploading', 'ready'] as const;
export const materialStatus = pgEnum('material_status', materialStatuses);
export const extractStatuses = ['none', 'queued', 'processing', 'done', 'no_text', 'failed'] as const;
export type ExtractStatus = (typeof extractStatuses)[number];
export const extractStatus = pgEnum('material_extract_status', extractStatuses);

export const materials = pgTable(
  'materials',
  {
    id: uuid().primaryKey().defaultRandom(),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    /** Null: a course-wide material (visible to everyone enrolled). */
    lessonId: uuid().references(() => lessons.id, { onDelete: 'cascade' }),
    uploadedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    title: text().notNull(),
    /** The current file (null until the first upload completes). */
    key: text(),
    filename: text().notNull().default(''),
    contentType: text().notNull().default('application/octet-stream'),
    size: bigint({ mode: 'number' }).notNull().default(0),
    /** Bumped on every completed upload (replace): objects and extraction of older revisions are dropped. */
    revision: integer().notNull().default(0),
    status: materialStatus().notNull().default('uploading'),
    // The upload in progress (a new file or a replacement): key, S3 multipart id, declared size.
    uploadKey: text(),
    uploadId: text(),
    uploadFilename: text(),
    uploadSize: bigint({ mode: 'number' }),
    partSize: integer().notNull().default(0),
    extractStatus: extractStatus().notNull().default('none'),
    /** Why extraction failed (encrypted, corrupt…), shown to the author. */
    extractError: text(),
    pageCount: integer(),
    pagesDone: integer().notNull().default(0),
    /** Blocks with text; zero on a PDF with pages means a scan without a text layer. */
    blockCount: integer().notNull().default(0),
    position: integer().notNull().default(0),
    extractedAt: timestamp({ withTimezone: true }),
    /** Written every few seconds while a worker extracts: the watchdog retries extraction whose worker went silent. */
    extractHeartbeatAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('materials_course_idx').on(t.courseId, t.lessonId, t.position), uniqueIndex('materials_key_key').on(t.key)],
);

/** One page of an extracted PDF: its size in points (scale 1 = 72 dpi) and its thumbnail. */
export const materialPages = pgTable(
  'material_pages',
  {
    materialId: uuid()
      .notNull()
      .references(() => materials.id, { onDelete: 'cascade' }),
    page: integer().notNull(),
    width: real().notNull(),
    height: real().notNull(),
    thumbnailKey: text(),
  },
  (t) => [uniqueIndex('material_pages_pk').on(t.materialId, t.page)],
);

/**
 * A block of text (consecutive lines) on a page. `ref` (`p{page}-b{n}`, in reading order) is stable
 * for a given file, so links into the viewer survive re-extraction of the same revision. Boxes are
 * in pixels at scale 1 (72 dpi, top-left origin) and normalized 0–1 of the page.
 */
export const materialBlocks = pgTable(
  'material_blocks',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    materialId: uuid()
      .notNull()
      .references(() => materials.id, { onDelete: 'cascade' }),
    // Denormalized so search filters by course and lesson without a join.
    courseId: uuid().notNull(),
    lessonId: uuid(),
    page: integer().notNull(),
    seq: smallint().notNull(),
    ref: text().notNull(),
    text: text().notNull(),
    x: real().notNull(),
    y: real().notNull(),
    w: real().notNull(),
    h: real().notNull(),
    nx: real().notNull(),
    ny: real().notNull(),
    nw: real().notNull(),
    nh: real().notNull(),
  },
  (t) => [uniqueIndex('material_blocks_ref_key').on(t.materialId, t.ref), index('material_blocks_course_idx').on(t.courseId, t.lessonId)],
);

/** A user's recent searches in a course (newest first, a few kept, clearable). */
export const materialSearches = pgTable(
  'material_searches',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    query: text().notNull(),
    searchedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('material_searches_user_query_key').on(t.userId, t.courseId, t.query), index('material_searches_user_idx').on(t.userId, t.courseId, t.searchedAt)],
);

/**
 * The distinct words (lower-case, 3+ letters) of a course's extracted documents: the dictionary a
 * misspelt query is corrected against (pg_trgm similarity on this small table, not on every block).
 * Words are added by extraction and not removed (a stale word only yields a correction that finds nothing).
 */
export const materialWords = pgTable(
  'material_words',
  {
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    word: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.word] })],
);
