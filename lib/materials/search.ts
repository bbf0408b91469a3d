import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import type { SessionUser } from '@/lib/auth/session';
import { lessonHref } from '@/lib/catalog/routes';
import { materialScope } from './access';
import { SEARCH_PAGE_SIZE } from './constants';
import type { SearchHit, SearchResultDto } from './dto';
import { materialViewerHref } from './links';
import { splitMarked } from './snippets';

// Full-text search over a course's extracted PDF blocks and its lesson texts, in PostgreSQL:
// english + russian stems (the blocks' generated `search_tsv`, GIN-indexed; lesson texts are few
// per course and vectorised on the fly), ranked with ts_rank_cd, snippets from ts_headline with
// control-character markers that the page turns into <mark> elements (never HTML). When nothing
// matches, misspelt words are corrected against the course's word list (pg_trgm) and the search
// runs again. The query text is bounded by the schema and goes to websearch_to_tsquery, which
// accepts any input without syntax errors.

const START = '\u0002';
const STOP = '\u0003';
const HEADLINE_OPTS = `StartSel=${START}, StopSel=${STOP}, MaxWords=28, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const TSQ = (q: string) => sql`(websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('russian', ${q}))`;
/** Lesson text for search: title, description and the HTML content without tags. */
const LESSON_TEXT = sql`(l.title || ' ' || l.description || ' ' || regexp_replace(regexp_replace(l.content_html, '<[^>]+>', ' ', 'g'), '&(nbsp|amp|lt|gt|quot);', ' ', 'g'))`;

type Filters = { lessonId?: string; materialId?: string };
/**
 * At most this many matching blocks are ranked. A word in tens of thousands of blocks of one
 * course would otherwise cost a ts_rank_cd per match (~1 s p95 at 1M blocks, see bench/materials.ts);
 * past the cap the order among matches is approximate and the page says to narrow the search.
 */
const RANK_CANDIDATES = 5000;

type BlockRow = { id: string; material_id: string; material_title: string; lesson_id: string | null; lesson_title: string | null; page: number; ref: string; text: string; snippet: string | null; rank: number; matched: string };
type LessonRow = { id: string; title: string; snippet: string; rank: number };

/**
 * Searches a course for the viewer: staff see everything, enrolled students the lessons they may
 * open now (and course-wide documents); anyone else gets nothing, not even whether a word occurs.
 */
export async function searchCourse(viewer: SessionUser, courseId: string, query: string, filters: Filters = {}): Promise<SearchResultDto> {
  const empty: SearchResultDto = { query, corrected: null, hits: [], truncated: false };
  if (!query) return empty;
  const scope = await materialScope(viewer, courseId);
  if (!scope || (!scope.isStaff && !scope.view.enrollment)) return empty;
  // Staff: every lesson of the course (drafts too); students: the open ones only.
  const lessonScope: SQL = scope.isStaff
    ? sql`true`
    : scope.lessonIds.length
      ? sql`(b.lesson_id in ${scope.lessonIds}${scope.courseWide ? sql` or b.lesson_id is null` : sql``})`
      : scope.courseWide
        ? sql`b.lesson_id is null`
        : sql`false`;
  if (filters.lessonId && !scope.isStaff && !scope.lessonIds.includes(filters.lessonId)) return empty;
  const blockFilter = sql`${filters.lessonId ? sql` and b.lesson_id = ${filters.lessonId}` : sql``}${filters.materialId ? sql` and b.material_id = ${filters.materialId}` : sql``}`;
  const slug = scope.view.course.slug;
  const limit = SEARCH_PAGE_SIZE + 1;

  type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];
  let capped = false;
  const fts = async (tx: Tx, q: string, fuzzy: boolean): Promise<SearchHit[]> => {
    const blocks = (await tx.execute(sql`
      with q as (select ${TSQ(q)} as tsq), candidates as (
        select b.id, b.material_id, b.lesson_id, b.page, b.seq, b.ref, b.text, b.search_tsv
        from material_blocks b, q
        where b.course_id = ${courseId} and b.search_tsv @@ q.tsq and ${lessonScope}${blockFilter}
        limit ${RANK_CANDIDATES}), top as (
        select c.id, c.material_id, c.lesson_id, c.page, c.ref, c.text, ts_rank_cd(c.search_tsv, q.tsq, 1) as rank, count(*) over () as matched
        from candidates c, q
        order by rank desc, c.page, c.seq
        limit ${limit})
      select top.id::text, top.material_id, m.title as material_title, top.lesson_id, l.title as lesson_title, top.page, top.ref, top.text, top.rank, top.matched,
        ts_headline('russian', top.text, q.tsq, ${HEADLINE_OPTS}) as snippet
      from top cross join q join materials m on m.id = top.material_id left join lessons l on l.id = top.lesson_id
      order by top.rank desc, top.page`)) as unknown as BlockRow[];
    if (blocks.some((b) => Number(b.matched) >= RANK_CANDIDATES)) capped = true;
    // Lesson texts: only when not narrowed to one document.
    const lessonRows = filters.materialId
      ? []
      : ((await tx.execute(sql`
      with q as (select ${TSQ(q)} as tsq), docs as (
        select l.id, l.title, ${LESSON_TEXT} as body from lessons l
        where l.course_id = ${courseId}
          and ${scope.isStaff ? sql`true` : scope.lessonIds.length ? sql`l.id in ${scope.lessonIds}` : sql`false`}
          ${filters.lessonId ? sql`and l.id = ${filters.lessonId}` : sql``}), hits as (
        select docs.*, ts_rank_cd(to_tsvector('english', body) || to_tsvector('russian', body), q.tsq, 1) as rank
        from docs, q where (to_tsvector('english', body) || to_tsvector('russian', body)) @@ q.tsq
        order by rank desc limit ${limit})
      select hits.id::text, hits.title, hits.rank, ts_headline('russian', hits.body, q.tsq, ${HEADLINE_OPTS}) as snippet from hits, q
      order by hits.rank desc`)) as unknown as LessonRow[]);
    return [
      ...blocks.map((b) => blockHit(b, fuzzy)),
      ...lessonRows.map((l) => ({
        kind: 'lesson' as const,
        id: l.id,
        lessonId: l.id,
        lessonTitle: l.title,
        materialId: null,
        materialTitle: null,
        page: null,
        ref: null,
        parts: splitMarked(l.snippet),
        rank: Number(l.rank),
        fuzzy,
        href: lessonHref(slug, l.id),
      })),
    ].sort((a, b) => b.rank - a.rank);
  };

  return db.transaction(async (tx) => {
    // Bounded: a pathological query is cut off rather than holding a connection.
    await tx.execute(sql`set local statement_timeout = '5s'`);
    let hits = await fts(tx, query, false);
    let corrected: string | null = null;
    if (!hits.length) {
      // No stemmed match: replace each word missing from the course's dictionary by its nearest
      // spelling there (pg_trgm similarity), then search again. A correction that finds nothing the
      // viewer may read is not shown, so the dictionary does not leak words of locked lessons.
      const words = query.toLowerCase().match(/\p{L}{3,40}/gu)?.slice(0, 8) ?? [];
      if (words.length) {
        await tx.execute(sql`set local pg_trgm.similarity_threshold = 0.4`);
        const fixes = new Map<string, string>();
        for (const w of new Set(words)) {
          const [best] = (await tx.execute(sql`
            select word from material_words where course_id = ${courseId} and word % ${w}
            order by word = ${w} desc, similarity(word, ${w}) desc, word limit 1`)) as unknown as { word: string }[];
          if (best && best.word !== w) fixes.set(w, best.word);
        }
        if (fixes.size) {
          corrected = words.map((w) => fixes.get(w) ?? w).join(' ');
          hits = await fts(tx, corrected, true);
          if (!hits.length) corrected = null;
        }
      }
    }
    const truncated = capped || hits.length > SEARCH_PAGE_SIZE;
    return { query, corrected, hits: hits.slice(0, SEARCH_PAGE_SIZE), truncated };
  });
}

function blockHit(b: BlockRow, fuzzy: boolean): SearchHit {
  return {
    kind: 'block',
    id: b.id,
    lessonId: b.lesson_id,
    lessonTitle: b.lesson_title,
    materialId: b.material_id,
    materialTitle: b.material_title,
    page: b.page,
    ref: b.ref,
    parts: splitMarked(b.snippet ?? b.text),
    rank: Number(b.rank),
    fuzzy,
    href: materialViewerHref(b.material_id, { page: b.page, block: b.ref }),
  };
}
