import { afterAll, describe, expect, it } from 'vitest';
import { testStorageConfig, uniquePrefix } from '@/test/storage';
import { startEmbeddedS3 } from '@/scripts/lib/embedded-s3.mjs';
import { createStorage } from './client';
import { StorageError } from './errors';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

const config = testStorageConfig();
const prefix = uniquePrefix('errors');
const clients: { destroy: () => void }[] = [];
const make = (over: Partial<typeof config>) => {
  const s = createStorage({ ...config, ...over });
  clients.push(s);
  return s;
};
afterAll(() => clients.forEach((c) => c.destroy()));

describe('storage failures become StorageError', () => {
  it('reports ok for the running server', async () => {
    expect(await make({}).check()).toMatchObject({ ok: true });
  });

  it('a stopped server is UNREACHABLE, quickly, for health and for operations', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-s3-stopped-'));
    const s3 = await startEmbeddedS3({ dataDir: dir, port: 0 });
    const storage = make({ endpoint: s3.endpoint, bucket: s3.bucket, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });
    try {
      await storage.putObject('a.txt', 'up');
      expect(await storage.exists('a.txt')).toBe(true);
    } finally {
      await s3.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const started = Date.now();
    const e = await storage.putObject('b.txt', 'down').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StorageError);
    expect(e).toMatchObject({ code: 'UNREACHABLE' });
    expect((e as Error).message).toContain(s3.endpoint);
    await expect(storage.getObject('a.txt')).rejects.toMatchObject({ code: 'UNREACHABLE' });
    const health = await storage.check();
    expect(health.ok).toBe(false);
    expect(!health.ok && health.error.code).toBe('UNREACHABLE');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('bad credentials are AUTH', async () => {
    const wrongSecret = make({ secretAccessKey: 'not-the-secret' });
    await expect(wrongSecret.putObject(`${prefix}x`, 'x')).rejects.toMatchObject({ code: 'AUTH' });
    const wrongKey = make({ accessKeyId: 'NOPE' });
    await expect(wrongKey.getObject(`${prefix}x`)).rejects.toMatchObject({ code: 'AUTH' });
    const health = await wrongKey.check();
    expect(!health.ok && health.error.code).toBe('AUTH');
  });

  it('a missing bucket is NO_BUCKET', async () => {
    const storage = make({ bucket: 'no-such-bucket-here' });
    await expect(storage.putObject('x', 'x')).rejects.toMatchObject({ code: 'NO_BUCKET' });
    const health = await storage.check();
    expect(!health.ok && health.error.code).toBe('NO_BUCKET');
  });

  it('a timeout is TIMEOUT', async () => {
    // A server that accepts connections and never answers.
    const net = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const srv = net.createServer((s) => sockets.push(s)).listen(0, '127.0.0.1');
    await new Promise((r) => srv.once('listening', r));
    const port = (srv.address() as import('node:net').AddressInfo).port;
    try {
      const health = await make({ endpoint: `http://127.0.0.1:${port}` }).check(300);
      expect(!health.ok && health.error.code).toBe('TIMEOUT');
    } finally {
      sockets.forEach((s) => s.destroy());
      srv.close();
    }
  });
});
