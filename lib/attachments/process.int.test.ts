import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { createCourse } from '@/db/factories';
import { attachments } from '@/db/schema';
import { makeActor } from '@/lib/courses/test-utils';
import { getBoss } from '@/lib/jobs/client';
import { findMediaTools } from '@/lib/media/tools';
import { getStorage } from '@/lib/storage';
import { attachmentKey } from './keys';
import { processAttachment } from './process';
import { sniffAttachment } from './sniff';

afterAll(async () => (await getBoss()).stop({ graceful: false, wait: true }));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
/** A real, decodable RGB PNG of one colour. */
function solidPng(w: number, h: number) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, 200)]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe('processAttachment', () => {
  it('stores a JPEG thumbnail at most 320 px wide beside an image', async () => {
    const tools = await findMediaTools();
    if (!tools.ffmpeg) return; // ffmpeg is optional: without it images show in full
    const owner = await makeActor('author');
    const course = await createCourse(db, { ownerId: owner.id, modules: 1, lessonsPerModule: 1 });
    const png = solidPng(800, 400);
    expect(sniffAttachment(new Uint8Array(png), 'x.png')).toEqual({ type: 'image/png', width: 800, height: 400 });
    const [row] = await db
      .insert(attachments)
      .values({ courseId: course.id, uploaderId: owner.id, key: attachmentKey(course.id, course.modules[0]!.lessonIds[0]!, owner.id, crypto.randomUUID(), 'big.png'), filename: 'big.png', contentType: 'image/png', size: png.length, width: 800, height: 400, status: 'ready' })
      .returning();
    await getStorage().putObject(row!.key, png);
    const r = await processAttachment(row!.id, { storage: getStorage() });
    expect(r).toEqual({ thumbnailKey: `${row!.key}.thumb.jpg` });
    const updated = await db.query.attachments.findFirst({ where: eq(attachments.id, row!.id) });
    expect(updated!.thumbnailKey).toBe(`${row!.key}.thumb.jpg`);
    const thumb = await getStorage().getObject(updated!.thumbnailKey!);
    const chunks: Buffer[] = [];
    for await (const c of thumb.body) chunks.push(Buffer.from(c as Uint8Array));
    const sniffed = sniffAttachment(new Uint8Array(Buffer.concat(chunks)), 't.jpg');
    expect(sniffed).toMatchObject({ type: 'image/jpeg', width: 320, height: 160 });
  });
});
