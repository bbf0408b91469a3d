import { describe, expect, it } from 'vitest';
import { groupBlocks } from './blocks';

const page = { number: 3, width: 600, height: 800 };

describe('groupBlocks', () => {
  it('joins items of a line and close lines into one block, in reading order', () => {
    const blocks = groupBlocks(
      [
        { text: 'second line', x: 50, y: 114, w: 80, h: 12 },
        { text: 'Hello', x: 50, y: 100, w: 30, h: 12 },
        { text: 'world', x: 84, y: 100, w: 30, h: 12 },
        { text: 'Far below', x: 50, y: 400, w: 60, h: 12 },
      ],
      page,
    );
    expect(blocks.map((b) => b.text)).toEqual(['Hello world second line', 'Far below']);
    expect(blocks[0]).toMatchObject({ ref: 'p3-b0', x: 50, y: 100, w: 80, h: 26, ny: 0.125 });
    expect(blocks[0]!.nx).toBeCloseTo(50 / 600, 4);
    expect(blocks[1]!.ref).toBe('p3-b1');
  });
  it('keeps columns apart and rejoins hyphenated words', () => {
    const blocks = groupBlocks(
      [
        { text: 'Left col-', x: 50, y: 100, w: 100, h: 10 },
        { text: 'umn text', x: 50, y: 112, w: 100, h: 10 },
        { text: 'Right column', x: 350, y: 100, w: 100, h: 10 },
      ],
      page,
    );
    expect(blocks.map((b) => b.text)).toEqual(['Left column text', 'Right column']);
  });
  it('ignores empty items', () => {
    expect(groupBlocks([{ text: '  ', x: 0, y: 0, w: 1, h: 1 }], page)).toEqual([]);
  });
});
