import type { ExtractStatus } from '@/db/schema';

export type MaterialDto = {
  id: string;
  courseId: string;
  lessonId: string | null;
  title: string;
  filename: string;
  contentType: string;
  size: number;
  isPdf: boolean;
  /** False while the first upload is still in progress. */
  isReady: boolean;
  revision: number;
  extractStatus: ExtractStatus;
  extractError: string | null;
  pageCount: number | null;
  pagesDone: number;
  blockCount: number;
  updatedAt: string;
};

export type MaterialPageDto = { page: number; width: number; height: number; hasThumbnail: boolean };

/** What the viewer needs: the document, its pages, where it belongs, and the block to highlight. */
export type MaterialViewerDto = {
  material: MaterialDto;
  pages: MaterialPageDto[];
  courseSlug: string;
  courseTitle: string;
  lessonTitle: string | null;
  /** Snapshots may be sent (a signed-in student or teacher, on a lesson document). */
  canSnapshot: boolean;
  backHref: string;
};

export type HighlightBox = { page: number; nx: number; ny: number; nw: number; nh: number };

/** A snippet split at highlight markers: odd parts are matched words (rendered as <mark>, never as HTML). */
export type SearchHit = {
  kind: 'block' | 'lesson';
  id: string;
  lessonId: string | null;
  lessonTitle: string | null;
  materialId: string | null;
  materialTitle: string | null;
  page: number | null;
  ref: string | null;
  parts: string[];
  rank: number;
  /** Found for the corrected query (a typo), not the words as typed. */
  fuzzy: boolean;
  href: string;
};

/** `corrected`: the query as searched after correcting typos (shown as “results for …”), or null. */
export type SearchResultDto = { query: string; corrected: string | null; hits: SearchHit[]; truncated: boolean };
