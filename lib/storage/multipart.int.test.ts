import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { testStorage, uniquePrefix } from '@/test/storage';
import type { UploadedPart } from './client';

const storage = testStorage();
const prefix = uniquePrefix('multipart');
afterAll(() => storage.destroy());

const MiB = 1024 * 1024;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('multipart uploads', () => {
  it('uploads 3 × 5 MiB parts through presigned URLs with fetch, lists them, completes', async () => {
    const key = `${prefix}video/source`;
    const parts = [1, 2, 3].map((n) => Buffer.alloc(5 * MiB, n));
    const uploadId = await storage.createMultipartUpload(key, { contentType: 'video/mp4' });

    const uploaded: UploadedPart[] = await Promise.all(
      parts.map(async (body, i) => {
        const url = await storage.presignUploadPart(key, uploadId, i + 1, { expiresIn: 3600 });
        // As a browser would: a plain PUT of the bytes, the ETag read from the response.
        const res = await fetch(url, { method: 'PUT', body, headers: { origin: 'http://localhost:3000' } });
        expect(res.status).toBe(200);
        const etag = res.headers.get('etag');
        expect(etag).toBeTruthy();
        return { partNumber: i + 1, etag: etag! };
      }),
    );

    const listed = await storage.listParts(key, uploadId);
    expect(listed.map((p) => [p.partNumber, p.etag, p.size])).toEqual(uploaded.map((p) => [p.partNumber, p.etag, 5 * MiB]));

    const uploads: string[] = [];
    for await (const u of storage.listMultipartUploads(prefix)) uploads.push(`${u.key}#${u.uploadId}`);
    expect(uploads).toContain(`${key}#${uploadId}`);

    await storage.completeMultipartUpload(key, uploadId, listed);
    const head = await storage.headObject(key);
    expect(head.size).toBe(15 * MiB);
    expect(head.contentType).toBe('video/mp4');
    const got = await storage.getObject(key);
    const hash = createHash('sha256');
    for await (const c of got.body) hash.update(c as Uint8Array);
    expect(hash.digest('hex')).toBe(sha256(Buffer.concat(parts)));
    // A completed upload is no longer listed or listable.
    await expect(storage.listParts(key, uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('abort removes the upload and its parts', async () => {
    const key = `${prefix}aborted`;
    const uploadId = await storage.createMultipartUpload(key);
    const url = await storage.presignUploadPart(key, uploadId, 1, { expiresIn: 60 });
    expect((await fetch(url, { method: 'PUT', body: Buffer.alloc(1024) })).status).toBe(200);
    expect(await storage.listParts(key, uploadId)).toHaveLength(1);
    await storage.abortMultipartUpload(key, uploadId);
    await expect(storage.listParts(key, uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(storage.abortMultipartUpload(key, uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for await (const u of storage.listMultipartUploads(prefix)) expect(u.uploadId).not.toBe(uploadId);
    expect(await storage.exists(key)).toBe(false);
  });

  it('lists parts and uploads past one page', async () => {
    const key = `${prefix}many-parts`;
    const uploadId = await storage.createMultipartUpload(key);
    const numbers = Array.from({ length: 1005 }, (_, i) => i + 1);
    for (let i = 0; i < numbers.length; i += 50) {
      await Promise.all(
        numbers.slice(i, i + 50).map(async (n) => {
          const res = await fetch(await storage.presignUploadPart(key, uploadId, n, { expiresIn: 60 }), { method: 'PUT', body: Buffer.from([n % 256]) });
          expect(res.status).toBe(200);
        }),
      );
    }
    const parts = await storage.listParts(key, uploadId);
    expect(parts.map((p) => p.partNumber)).toEqual(numbers);
    await storage.abortMultipartUpload(key, uploadId);

    const p2 = `${prefix}uploads/`;
    const ids = await Promise.all(Array.from({ length: 3 }, (_, i) => storage.createMultipartUpload(`${p2}${i}`)));
    const seen: string[] = [];
    for await (const u of storage.listMultipartUploads(p2)) seen.push(u.uploadId);
    expect(seen.sort()).toEqual([...ids].sort());
    await Promise.all(ids.map((id, i) => storage.abortMultipartUpload(`${p2}${i}`, id)));
  }, 120_000);

  it('rejects part numbers outside 1–10,000', async () => {
    await expect(storage.presignUploadPart(`${prefix}x`, 'id', 0, { expiresIn: 60 })).rejects.toMatchObject({ code: 'INVALID' });
  });
});
