import { describe, expect, it } from 'vitest';
import { fuzzySnippet, similarity, splitMarked } from './snippets';

describe('search snippets', () => {
  it('splits ts_headline markers into plain and marked parts', () => {
    expect(splitMarked('a \u0002книга\u0003 b \u0002run\u0003')).toEqual(['a ', 'книга', ' b ', 'run', '']);
    expect(splitMarked('<b>not html</b>')).toEqual(['<b>not html</b>']);
  });
  it('marks near spellings for typo matches', () => {
    expect(similarity('progrmming', 'programming')).toBeGreaterThan(0.4);
    const parts = fuzzySnippet('An introduction to programming in Python', 'progrmming');
    expect(parts.filter((_, i) => i % 2 === 1)).toEqual(['programming']);
    expect(parts.join('')).toBe('An introduction to programming in Python');
  });
});
