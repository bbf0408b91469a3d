import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFfmpeg } from './run';
import { SNIFF_BYTES, sniffVideoContainer } from './sniff';
import { makeTestVideo } from './testing';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-media-sniff-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function head(file: string): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return new Uint8Array(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
}

describe('sniffVideoContainer on files ffmpeg writes', () => {
  const cases = [
    { name: 'fast.mp4', container: 'mp4', faststart: true, expected: 'mp4' },
    { name: 'slow.mp4', container: 'mp4', faststart: false, expected: 'mp4' },
    { name: 'fast.mov', container: 'mov', faststart: true, expected: 'mov' },
    { name: 'slow.mov', container: 'mov', faststart: false, expected: 'mov' },
    { name: 'a.mkv', container: 'mkv', faststart: false, expected: 'mkv' },
    { name: 'a.webm', container: 'webm', faststart: false, expected: 'webm' },
  ] as const;

  for (const c of cases) {
    it(`recognises ${c.name}`, async () => {
      const p = await makeTestVideo(path.join(dir, c.name), { seconds: 1, width: 160, height: 90, container: c.container, faststart: c.faststart, codec: c.container === 'webm' ? 'vp9' : 'h264' });
      expect(sniffVideoContainer(head(p))).toBe(c.expected);
    });
  }

  it('refuses a PNG, a text file, a ZIP header and an empty file, whatever their names', async () => {
    const png = path.join(dir, 'frame.mp4');
    await runFfmpeg('ffmpeg', ['-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:duration=1', '-frames:v', '1', '-f', 'image2', '-c:v', 'png', png]);
    expect(sniffVideoContainer(head(png))).toBeNull();
    const text = path.join(dir, 'notes.mp4');
    fs.writeFileSync(text, 'Lesson notes\n'.repeat(100));
    expect(sniffVideoContainer(head(text))).toBeNull();
    const zip = path.join(dir, 'archive.webm');
    fs.writeFileSync(zip, Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.alloc(100)]));
    expect(sniffVideoContainer(head(zip))).toBeNull();
    const empty = path.join(dir, 'empty.mov');
    fs.writeFileSync(empty, '');
    expect(sniffVideoContainer(head(empty))).toBeNull();
  });
});
