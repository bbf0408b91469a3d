import 'server-only';
import { env } from '@/lib/env';
import { createStorage, type Storage, type StorageConfig } from './client';
import { StorageError } from './errors';

export { StorageError, type StorageErrorCode } from './errors';
export type { ObjectHead, ObjectInfo, ObjectStream, MultipartUploadInfo, Storage, StorageConfig, UploadedPart } from './client';

/** Storage settings from the environment, or null when S3_BUCKET is unset (storage not configured). */
export const storageConfig: StorageConfig | null =
  env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
    ? {
        bucket: env.S3_BUCKET,
        region: env.S3_REGION,
        accessKeyId: env.S3_ACCESS_KEY_ID,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        endpoint: env.S3_ENDPOINT,
        publicEndpoint: env.S3_PUBLIC_ENDPOINT,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
      }
    : null;

export const isStorageConfigured = storageConfig !== null;

// One client per server process, kept on globalThis so dev hot reloads do not multiply sockets.
const g = globalThis as unknown as { __lecternStorage?: Storage };

/** The app's storage; throws StorageError NOT_CONFIGURED when S3_BUCKET is unset. */
export function getStorage(): Storage {
  if (!storageConfig) throw new StorageError('NOT_CONFIGURED', 'Object storage is not configured: set S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  return (g.__lecternStorage ??= createStorage(storageConfig));
}

/** For /api/health: up/down per configuration, never throws. */
export async function checkStorage(): Promise<{ status: 'ok' | 'down' | 'not_configured'; latencyMs?: number; error?: StorageError }> {
  if (!storageConfig) return { status: 'not_configured' };
  const r = await getStorage().check();
  return r.ok ? { status: 'ok', latencyMs: r.latencyMs } : { status: 'down', latencyMs: r.latencyMs, error: r.error };
}
