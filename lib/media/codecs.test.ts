import { describe, expect, it } from 'vitest';
import { codecsFromInitSegment } from './codecs';

const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const box = (type: string, ...payload: number[][]) => {
  const body = payload.flat();
  return [...be32(8 + body.length), ...[...type].map((c) => c.charCodeAt(0)), ...body];
};
const trak = (entry: number[]) => box('trak', box('mdia', box('minf', box('stbl', box('stsd', [0, 0, 0, 0], be32(1), entry)))));
const avc1 = (profile: number, compat: number, level: number) => box('avc1', new Array(78).fill(0), box('avcC', [1, profile, compat, level, 0xff, 0xe1]));
/** An mp4a entry whose AudioSpecificConfig starts with `asc`. */
const mp4a = (asc: number[], oti = 0x40) => {
  const dsi = [0x05, asc.length, ...asc];
  const dcd = [0x04, 13 + dsi.length, oti, 0x15, 0, 0, 0, ...be32(128000), ...be32(128000), ...dsi];
  const es = [0x03, 3 + dcd.length, 0, 1, 0, ...dcd];
  return box('mp4a', new Array(28).fill(0), box('esds', [0, 0, 0, 0], es));
};
const init = (...traks: number[][]) => new Uint8Array([...box('ftyp', [...'iso5'].map((c) => c.charCodeAt(0)), be32(512)), ...box('moov', box('mvhd', new Array(100).fill(0)), ...traks)]);

describe('codecsFromInitSegment', () => {
  it('reads the H.264 profile, constraints and level from avcC and the AAC object type from esds', () => {
    expect(codecsFromInitSegment(init(trak(avc1(0x64, 0x00, 0x28)), trak(mp4a([0x11, 0x90]))))).toBe('avc1.640028,mp4a.40.2');
    expect(codecsFromInitSegment(init(trak(avc1(0x42, 0xc0, 0x1e))))).toBe('avc1.42c01e');
    // HE-AAC (object type 5)
    expect(codecsFromInitSegment(init(trak(avc1(0x4d, 0x40, 0x1f)), trak(mp4a([0x2b, 0x92, 0x08]))))).toBe('avc1.4d401f,mp4a.40.5');
  });

  it('lists video first whatever the track order', () => {
    expect(codecsFromInitSegment(init(trak(mp4a([0x11, 0x90])), trak(avc1(0x64, 0, 0x1f))))).toBe('avc1.64001f,mp4a.40.2');
  });

  it('names MP3-in-MP4 by its object type and gives up on codecs it does not know', () => {
    expect(codecsFromInitSegment(init(trak(avc1(0x64, 0, 0x1f)), trak(mp4a([], 0x6b))))).toBe('avc1.64001f,mp4a.6B');
    expect(codecsFromInitSegment(init(trak(box('hvc1', new Array(78).fill(0)))))).toBeNull();
    expect(codecsFromInitSegment(new Uint8Array([0, 0, 0, 8]))).toBeNull();
    expect(codecsFromInitSegment(new Uint8Array(0))).toBeNull();
  });
});
