// Pure tag rules, unit-tested; limits are checked by the zod schema after normalization.

/**
 * Tags as stored: trimmed, inner whitespace collapsed, lower-case, empty ones dropped, duplicates
 * removed (first occurrence wins, order kept). A string is split on commas (the form's input).
 */
export function normalizeTags(input: string | readonly string[]): string[] {
  const raw = typeof input === 'string' ? input.split(',') : input.flatMap((t) => t.split(','));
  const out: string[] = [];
  for (const tag of raw) {
    const t = tag.trim().replace(/\s+/g, ' ').toLowerCase();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}
