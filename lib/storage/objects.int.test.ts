import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { testStorage, uniquePrefix } from '@/test/storage';
import { MIN_PART_SIZE } from './client';
import { StorageError } from './errors';

const storage = testStorage();
const prefix = uniquePrefix('objects');
afterAll(() => storage.destroy());

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('objects', () => {
  it('puts a buffer, reads it back, heads it and deletes it', async () => {
    const key = `${prefix}hello.txt`;
    const put = await storage.putObject(key, Buffer.from('hello, lectern'), { contentType: 'text/plain', metadata: { owner: 'test' } });
    expect(put.etag).toMatch(/^"[0-9a-f]{32}"$/);
    const got = await storage.getObject(key);
    expect((await readAll(got.body)).toString()).toBe('hello, lectern');
    expect(got.contentType).toBe('text/plain');
    const head = await storage.headObject(key);
    expect(head).toMatchObject({ size: 14, etag: put.etag, contentType: 'text/plain', metadata: { owner: 'test' } });
    expect(await storage.exists(key)).toBe(true);
    await storage.deleteObject(key);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.headObject(key)).rejects.toMatchObject({ name: 'StorageError', code: 'NOT_FOUND' });
    await expect(storage.getObject(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await storage.deleteObject(key); // already gone: no error
  });

  it('reads byte ranges', async () => {
    const key = `${prefix}range.bin`;
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
    await storage.putObject(key, data);
    const mid = await storage.getObject(key, { range: { start: 100, end: 199 } });
    expect(mid.contentLength).toBe(100);
    expect(mid.contentRange).toBe('bytes 100-199/1000');
    expect((await readAll(mid.body)).equals(data.subarray(100, 200))).toBe(true);
    const tail = await storage.getObject(key, { range: { start: 990 } });
    expect((await readAll(tail.body)).equals(data.subarray(990))).toBe(true);
    expect(tail.contentRange).toBe('bytes 990-999/1000');
  });

  it('puts streams with a known length and, without one, as a multipart upload', async () => {
    const small = `${prefix}stream-small.txt`;
    await storage.putStream(small, Readable.from([Buffer.from('abc'), Buffer.from('def')]), { contentLength: 6 });
    expect((await readAll((await storage.getObject(small)).body)).toString()).toBe('abcdef');

    const big = `${prefix}stream-big.bin`;
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const chunks = Array.from({ length: 11 }, (_, i) => Buffer.concat([chunk, Buffer.from([i])]));
    const expected = Buffer.concat(chunks);
    await storage.putStream(big, Readable.from(chunks), { contentType: 'application/octet-stream' });
    const head = await storage.headObject(big);
    expect(head.size).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(2 * MIN_PART_SIZE);
    expect(sha256(await readAll((await storage.getObject(big)).body))).toBe(sha256(expected));
    // An empty stream still makes an (empty) object.
    const empty = `${prefix}stream-empty`;
    await storage.putStream(empty, Readable.from([]));
    expect((await storage.headObject(empty)).size).toBe(0);
  });

  it('lists and deletes by prefix past 1,000 keys', async () => {
    const p = `${prefix}many/`;
    const keys = Array.from({ length: 1050 }, (_, i) => `${p}${String(i).padStart(4, '0')}.txt`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((k) => storage.putObject(k, k)));
    }
    await storage.putObject(`${prefix}other.txt`, 'stays');
    const listed: string[] = [];
    for await (const o of storage.listObjects(p)) listed.push(o.key);
    expect(listed.sort()).toEqual(keys);
    expect(await storage.deletePrefix(p)).toBe(1050);
    let left = 0;
    for await (const _o of storage.listObjects(p)) left++;
    expect(left).toBe(0);
    expect(await storage.exists(`${prefix}other.txt`)).toBe(true);
    await expect(storage.deletePrefix('')).rejects.toMatchObject({ code: 'INVALID' });
  }, 120_000);

  it('presigned GET and PUT work from fetch until tampered with or expired', async () => {
    const key = `${prefix}presigned.txt`;
    const putUrl = await storage.presignPut(key, { expiresIn: 60, contentType: 'text/plain' });
    const put = await fetch(putUrl, { method: 'PUT', body: 'from the browser', headers: { 'content-type': 'text/plain' } });
    expect(put.status).toBe(200);
    const getUrl = await storage.presignGet(key, { expiresIn: 60, downloadName: 'notes.txt' });
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('from the browser');
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="notes.txt"');

    // The embedded server verifies SigV4: a changed signature or key is refused.
    const tampered = new URL(getUrl);
    const sig = tampered.searchParams.get('X-Amz-Signature')!;
    tampered.searchParams.set('X-Amz-Signature', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1));
    expect((await fetch(tampered)).status).toBe(403);
    const otherKey = new URL(getUrl);
    otherKey.pathname = otherKey.pathname.replace('presigned.txt', 'other.txt');
    expect((await fetch(otherKey)).status).toBe(403);
    // Unsigned requests are refused too (the embedded server would otherwise allow them).
    expect((await fetch(getUrl.split('?')[0]!)).status).toBe(403);

    const shortUrl = await storage.presignGet(key, { expiresIn: 1 });
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await fetch(shortUrl);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/i);
  });

  it('bucket CORS lets browsers upload and read the ETag', async () => {
    const key = `${prefix}cors.txt`;
    const url = await storage.presignPut(key, { expiresIn: 60 });
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/PUT/);
    const put = await fetch(url, { method: 'PUT', body: 'x', headers: { origin: 'http://localhost:3000' } });
    expect(put.headers.get('access-control-expose-headers')).toMatch(/ETag/i);
    expect(put.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('wraps failures in StorageError', async () => {
    const e = await storage.headObject(`${prefix}missing`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StorageError);
  });
});
