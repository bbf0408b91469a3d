import { describe, expect, it } from 'vitest';
import { isExecutable, sniffAttachment } from './sniff';

const png = (w: number, h: number) => {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, w);
  new DataView(b.buffer).setUint32(20, h);
  return b;
};
const bytes = (s: string) => new TextEncoder().encode(s);

describe('sniffAttachment', () => {
  it('recognises images with their size', () => {
    expect(sniffAttachment(png(640, 480), 'shot.png')).toEqual({ type: 'image/png', width: 640, height: 480 });
    // The name does not matter for images: a PNG named .jpg is still a PNG.
    expect(sniffAttachment(png(2, 3), 'shot.jpg')?.type).toBe('image/png');
    const gif = new Uint8Array([...bytes('GIF89a'), 10, 0, 20, 0, 0, 0]);
    expect(sniffAttachment(gif, 'a.gif')).toEqual({ type: 'image/gif', width: 10, height: 20 });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 50, 0, 100, 3, 0, 0, 0]);
    expect(sniffAttachment(jpeg, 'a.jpg')).toEqual({ type: 'image/jpeg', width: 100, height: 50 });
  });
  it('recognises documents', () => {
    expect(sniffAttachment(bytes('%PDF-1.7\n...'), 'a.pdf')?.type).toBe('application/pdf');
    expect(sniffAttachment(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'essay.docx')?.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffAttachment(bytes('plain notes, привет\n'), 'notes.txt')?.type).toBe('text/plain');
  });
  it('refuses executables whatever their name', () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]);
    expect(isExecutable(exe)).toBe(true);
    expect(sniffAttachment(exe, 'cat.png')).toBeNull();
    expect(sniffAttachment(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), 'x.pdf')).toBeNull();
    expect(sniffAttachment(bytes('#!/bin/sh\nrm -rf /'), 'run.txt')).toBeNull();
  });
  it('refuses text under an image name and unknown binaries', () => {
    expect(sniffAttachment(bytes('hello there'), 'fake.png')).toBeNull();
    expect(sniffAttachment(new Uint8Array([0, 1, 2, 3, 4, 5]), 'blob.txt')).toBeNull();
    expect(sniffAttachment(new Uint8Array([]), 'a.txt')).toBeNull();
  });
});
