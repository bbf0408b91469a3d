// Search snippets as plain text parts: even indexes are plain text, odd ones matched words. The page
// renders odd parts inside <mark> as text, so nothing in a document can inject markup.

const MARK = /[\u0002\u0003]/;

/** Splits a ts_headline result (matches between \u0002 and \u0003) into parts. */
export function splitMarked(s: string): string[] {
  const parts = s.split(MARK);
  // An unpaired marker (cannot happen with ts_headline) would shift the parity: keep it even.
  return parts.length % 2 === 0 ? [...parts, ''] : parts;
}

const trigrams = (w: string) => {
  const s = `  ${w.toLowerCase()} `;
  const set = new Set<string>();
  for (let i = 0; i < s.length - 2; i++) set.add(s.slice(i, i + 3));
  return set;
};
/** pg_trgm's similarity of two words (shared trigrams over all distinct trigrams). */
export function similarity(a: string, b: string) {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared || 1);
}

const WORD = /[\p{L}\p{N}]+/gu;

/** A snippet of about `words` words around the first word similar to one of the query's, which is marked. */
export function fuzzySnippet(text: string, query: string, words = 24): string[] {
  const qWords = query.match(WORD)?.filter((w) => w.length > 2) ?? [];
  const tokens = [...text.matchAll(WORD)];
  const isNear = (w: string) => qWords.some((q) => similarity(q, w) >= 0.4);
  const first = tokens.findIndex((t) => isNear(t[0]));
  const from = Math.max(0, first - Math.floor(words / 3));
  const to = Math.min(tokens.length, from + words);
  if (!tokens.length) return [text.slice(0, 200)];
  const start = tokens[from]!.index!;
  const end = to < tokens.length ? tokens[to]!.index! : text.length;
  const parts: string[] = [from > 0 ? '… ' : ''];
  let at = start;
  for (const t of tokens.slice(from, to)) {
    if (!isNear(t[0])) continue;
    parts[parts.length - 1] += text.slice(at, t.index);
    parts.push(t[0], '');
    at = t.index! + t[0].length;
  }
  parts[parts.length - 1] += text.slice(at, end) + (to < tokens.length ? ' …' : '');
  return parts;
}
