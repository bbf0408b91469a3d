import { describe, expect, it } from 'vitest';
import { parseStoryboard, parseVttTime, tileAt } from './storyboard';

const VTT = `WEBVTT

1
00:00:00.000 --> 00:00:05.000
https://s3.test/b/storyboard_0.jpg?X-Amz-Signature=abc#xywh=0,0,160,90

00:00:05.000 --> 00:00:10.000 align:start
storyboard_0.jpg?sig=2#xywh=160,0,160,90

00:10.000 --> 00:15.000
not-a-tile.jpg

01:00:00.000 --> 01:00:05.000
storyboard_1.jpg#xywh=0,90,160,90
`;

describe('storyboard', () => {
  it('parses VTT times', () => {
    expect(parseVttTime('00:01:02.500')).toBe(62.5);
    expect(parseVttTime('01:02.5')).toBe(62.5);
    expect(parseVttTime('1:00:00.000')).toBe(3600);
    expect(parseVttTime('nope')).toBeNaN();
  });

  it('parses tiles, resolving relative URLs and skipping cues without a box', () => {
    const tiles = parseStoryboard(VTT, 'https://app.test/api/videos/v/hls/storyboard.vtt?t=tok');
    expect(tiles).toEqual([
      { start: 0, end: 5, url: 'https://s3.test/b/storyboard_0.jpg?X-Amz-Signature=abc', x: 0, y: 0, w: 160, h: 90 },
      { start: 5, end: 10, url: 'https://app.test/api/videos/v/hls/storyboard_0.jpg?sig=2', x: 160, y: 0, w: 160, h: 90 },
      { start: 3600, end: 3605, url: 'https://app.test/api/videos/v/hls/storyboard_1.jpg', x: 0, y: 90, w: 160, h: 90 },
    ]);
  });

  it('finds the tile for a time', () => {
    const tiles = parseStoryboard(VTT, 'https://app.test/x.vtt');
    expect(tileAt(tiles, 0)?.x).toBe(0);
    expect(tileAt(tiles, 7.5)?.x).toBe(160);
    expect(tileAt(tiles, 4000)?.start).toBe(3600);
    expect(tileAt([], 3)).toBeNull();
  });
});
