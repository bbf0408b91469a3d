// Search snippets as plain text parts: even indexes are plain text, odd ones matched words. The page
// renders odd parts inside <mark> as text, so nothing in a document can inject markup.

const MARK = /[\u0002\u0003]/;

/** Splits a ts_headline result (matches between \u0002 and \u0003) into parts. */
export function splitMarked(s: string): string[] {
  const parts = s.split(MARK);
  // An unpaired marker (cannot happen with ts_headline) would shift the parity: keep it even.
  return parts.length % 2 === 0 ? [...parts, ''] : parts;
}
