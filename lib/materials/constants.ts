import { ATTACHMENT_TYPES, extensionOf } from '@/lib/attachments/constants';

// Limits for course materials, shared by the uploader (checked before sending) and the server.

/** Largest material file: lecture notes and scanned books, not videos. */
export const MATERIAL_MAX_BYTES = 200 * 1024 * 1024;
/** Files are sent in parts of this size (S3 multipart; 5 MiB is the minimum part). */
export const MATERIAL_PART_SIZE = 8 * 1024 * 1024;
/** Signed download and viewer URLs live this long; pages ask for a fresh one each time. */
export const MATERIAL_URL_TTL_SECONDS = 300;
export const MATERIAL_PART_URL_TTL_SECONDS = 3600;
export const MATERIALS_PER_LESSON = 50;

/** Documents (and images) an author may attach; the real type is sniffed from the first bytes. */
export const MATERIAL_TYPES = Object.fromEntries(Object.entries(ATTACHMENT_TYPES)) as Record<string, readonly string[]>;
export const MATERIAL_ACCEPT = Object.values(MATERIAL_TYPES).flat().join(',');
export const isAllowedMaterialName = (name: string) => Object.values(MATERIAL_TYPES).some((exts) => exts.includes(extensionOf(name)));
export const isPdfType = (type: string) => type === 'application/pdf';

/** Snapshot of a page region: PNG only, this large at most. */
export const SNAPSHOT_MAX_BYTES = 5 * 1024 * 1024;
export const SNAPSHOT_NOTE_MAX_CHARS = 2_000;

/** Search: the query is cut to this many characters (a 10,000-character paste is not an error). */
export const SEARCH_QUERY_MAX_CHARS = 200;
export const SEARCH_PAGE_SIZE = 20;
export const RECENT_SEARCHES_KEPT = 10;
