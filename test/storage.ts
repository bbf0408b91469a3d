import { randomUUID } from 'node:crypto';
import { createStorage, type StorageConfig } from '@/lib/storage/client';

// Integration tests talk to the S3 server `npm test` starts (S3_* in the environment). Each test
// file works under its own random prefix, so files can run in parallel on one bucket.
export function testStorageConfig(): StorageConfig {
  const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_REGION } = process.env;
  if (!S3_ENDPOINT || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) {
    throw new Error('S3_* is not set: run integration tests through `npm test` (or `npm run test:int`), which starts a throwaway S3 server.');
  }
  return { endpoint: S3_ENDPOINT, bucket: S3_BUCKET, accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: S3_SECRET_ACCESS_KEY, region: S3_REGION ?? 'us-east-1', forcePathStyle: true };
}

export function testStorage() {
  return createStorage(testStorageConfig());
}

export const uniquePrefix = (label: string) => `test/${label}-${randomUUID()}/`;
