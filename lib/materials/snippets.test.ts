import { describe, expect, it } from 'vitest';
import { splitMarked } from './snippets';

describe('search snippets', () => {
  it('splits ts_headline markers into plain and marked parts', () => {
    expect(splitMarked('a \u0002книга\u0003 b \u0002run\u0003')).toEqual(['a ', 'книга', ' b ', 'run', '']);
    expect(splitMarked('<b>not html</b>')).toEqual(['<b>not html</b>']);
  });
});
