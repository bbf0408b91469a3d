import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES, sniffVideoContainer } from './sniff';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const ftyp = (major: string, ...compat: string[]) => bytes(be32(16 + 4 * compat.length), 'ftyp', major, [0, 0, 2, 0], ...compat, be32(8), 'free');

function ebml(docType: string) {
  const el = (id: number[], payload: number[]) => [...id, 0x80 | payload.length, ...payload];
  const body = [
    ...el([0x42, 0x86], [1]),
    ...el([0x42, 0xf7], [1]),
    ...el([0x42, 0xf2], [4]),
    ...el([0x42, 0xf3], [8]),
    ...el([0x42, 0x82], [...docType].map((c) => c.charCodeAt(0))),
    ...el([0x42, 0x87], [4]),
    ...el([0x42, 0x85], [2]),
  ];
  return new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x80 | body.length, ...body, 0x18, 0x53, 0x80, 0x67]);
}

describe('sniffVideoContainer', () => {
  it('asks for enough bytes for the headers it reads', () => {
    expect(SNIFF_BYTES).toBe(4096);
  });

  it('reads ISO BMFF brands: QuickTime is mov, other video brands mp4', () => {
    expect(sniffVideoContainer(ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'))).toBe('mp4');
    expect(sniffVideoContainer(ftyp('mp42', 'mp42', 'isom'))).toBe('mp4');
    expect(sniffVideoContainer(ftyp('qt  ', 'qt  '))).toBe('mov');
  });

  it('refuses still-image ISO BMFF files (AVIF, HEIC)', () => {
    expect(sniffVideoContainer(ftyp('avif', 'avif', 'mif1'))).toBeNull();
    expect(sniffVideoContainer(ftyp('heic', 'mif1', 'heic'))).toBeNull();
  });

  it('accepts an old QuickTime file without ftyp only when its atoms are consistent', () => {
    expect(sniffVideoContainer(bytes(be32(8), 'wide', be32(1000), 'mdat', 'xxxx'))).toBe('mov');
    expect(sniffVideoContainer(bytes(be32(500), 'moov', be32(100), 'mvhd'))).toBe('mov');
    // "free" then something that is not an atom
    expect(sniffVideoContainer(bytes(be32(8), 'free', 'hello, world!'))).toBeNull();
    expect(sniffVideoContainer(bytes(be32(3), 'wide', be32(8), 'mdat'))).toBeNull();
  });

  it('tells WebM from Matroska by the EBML DocType', () => {
    expect(sniffVideoContainer(ebml('webm'))).toBe('webm');
    expect(sniffVideoContainer(ebml('matroska'))).toBe('mkv');
    expect(sniffVideoContainer(ebml('somethingelse'))).toBeNull();
  });

  it('refuses PNG, ZIP, text, odd ftyp sizes, truncated and empty input', () => {
    expect(sniffVideoContainer(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], be32(13), 'IHDR'))).toBeNull();
    expect(sniffVideoContainer(bytes('PK', [3, 4, 20, 0, 0, 0, 8, 0], 'mimetypeapplication/zip'))).toBeNull();
    expect(sniffVideoContainer(bytes('Just some notes about the lesson.\n'))).toBeNull();
    expect(sniffVideoContainer(bytes(be32(17), 'ftyp', 'isom', [0, 0, 2, 0], 'x'))).toBeNull();
    expect(sniffVideoContainer(bytes(be32(20), 'ftyp'))).toBeNull();
    expect(sniffVideoContainer(new Uint8Array([0x1a, 0x45, 0xdf]))).toBeNull();
    expect(sniffVideoContainer(new Uint8Array(0))).toBeNull();
  });
});
