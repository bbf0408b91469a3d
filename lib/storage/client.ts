import 'server-only';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { StorageError, toStorageError } from './errors';

// The storage layer: one S3 client per configuration, every S3 call wrapped so that failures
// surface as StorageError. The app uses the env-configured instance from ./index; scripts and
// tests call createStorage with their own configuration.

export type StorageConfig = {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** S3-compatible endpoint; unset means AWS S3. */
  endpoint?: string;
  /** Endpoint that browsers reach, when it differs from `endpoint` (presigned URLs use it). */
  publicEndpoint?: string;
  forcePathStyle?: boolean;
  /** Socket connect timeout, ms (default 3000). */
  connectionTimeoutMs?: number;
};

export type ObjectInfo = { key: string; size: number; etag: string; lastModified: Date };
export type ObjectHead = { size: number; etag: string; contentType?: string; lastModified?: Date; metadata: Record<string, string> };
export type ObjectStream = { body: Readable; contentLength: number; contentRange?: string; contentType?: string; etag: string };
export type UploadedPart = { partNumber: number; etag: string; size?: number };
export type MultipartUploadInfo = { key: string; uploadId: string; initiated?: Date };
export type PutOptions = { contentType?: string; metadata?: Record<string, string> };

/** S3 parts are 5 MiB minimum (except the last): the size putStream cuts unknown-length streams into. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
const DELETE_BATCH = 1000;

export type Storage = ReturnType<typeof createStorage>;

export function createStorage(config: StorageConfig) {
  const { bucket } = config;
  const clientFor = (endpoint?: string) =>
    new S3Client({
      region: config.region,
      endpoint,
      forcePathStyle: config.forcePathStyle ?? false,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      // Defaults add checksum parameters to presigned PUTs that a browser upload cannot satisfy.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 2,
      requestHandler: { connectionTimeout: config.connectionTimeoutMs ?? 3000, requestTimeout: 120_000 },
    });
  const client = clientFor(config.endpoint);
  // Signatures cover the host, so URLs for browsers are signed against the endpoint they will use.
  const presigner = config.publicEndpoint && config.publicEndpoint !== config.endpoint ? clientFor(config.publicEndpoint) : client;

  async function call<T>(key: string | undefined, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw toStorageError(e, { bucket, key, endpoint: config.endpoint });
    }
  }

  const storage = {
    bucket,
    client,

    /** Stores a whole object from memory. Caller has authorized writing `key`. */
    putObject: (key: string, body: Uint8Array | string, opts: PutOptions = {}) =>
      call(key, async () => {
        const r = await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: opts.contentType, Metadata: opts.metadata }));
        return { etag: r.ETag ?? '' };
      }),

    /**
     * Stores an object from a stream. With a known length it is one PUT; otherwise the stream is cut
     * into MIN_PART_SIZE parts and sent as a multipart upload (aborted if anything fails).
     * Caller has authorized writing `key`.
     */
    putStream: async (key: string, body: Readable, opts: PutOptions & { contentLength?: number } = {}): Promise<{ etag: string }> => {
      if (opts.contentLength !== undefined) {
        return call(key, async () => {
          const r = await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: opts.contentLength, ContentType: opts.contentType, Metadata: opts.metadata }));
          return { etag: r.ETag ?? '' };
        });
      }
      const uploadId = await storage.createMultipartUpload(key, opts);
      try {
        const parts: UploadedPart[] = [];
        let chunks: Buffer[] = [];
        let size = 0;
        const flush = async () => {
          const partNumber = parts.length + 1;
          const data = Buffer.concat(chunks);
          chunks = [];
          size = 0;
          const r = await call(key, () => client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: data, ContentLength: data.length })));
          parts.push({ partNumber, etag: r.ETag ?? '' });
        };
        for await (const chunk of body) {
          const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array | string);
          chunks.push(buf);
          size += buf.length;
          if (size >= MIN_PART_SIZE) await flush();
        }
        if (size > 0 || parts.length === 0) await flush();
        return await storage.completeMultipartUpload(key, uploadId, parts);
      } catch (e) {
        await storage.abortMultipartUpload(key, uploadId).catch(() => {});
        throw toStorageError(e, { bucket, key, endpoint: config.endpoint });
      }
    },

    /** Streams an object, or the inclusive byte range `start`–`end` of it. Caller has authorized reading `key`. */
    getObject: (key: string, opts: { range?: { start: number; end?: number } } = {}): Promise<ObjectStream> =>
      call(key, async () => {
        const range = opts.range ? `bytes=${opts.range.start}-${opts.range.end ?? ''}` : undefined;
        const r = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }));
        if (!r.Body) throw new StorageError('INTERNAL', `Object storage returned no body for "${key}"`);
        return { body: r.Body as Readable, contentLength: r.ContentLength ?? 0, contentRange: r.ContentRange, contentType: r.ContentType, etag: r.ETag ?? '' };
      }),

    /** The first `bytes` bytes of an object of `size` bytes (for content sniffing). Caller has authorized reading `key`. */
    readStart: async (key: string, bytes: number, size: number): Promise<Uint8Array> => {
      const first = await storage.getObject(key, { range: { start: 0, end: Math.min(bytes, size) - 1 } });
      const chunks: Buffer[] = [];
      for await (const c of first.body) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array));
      return new Uint8Array(Buffer.concat(chunks));
    },

    /** Size, ETag and type of an object; NOT_FOUND when missing. Caller has authorized reading `key`. */
    headObject: (key: string): Promise<ObjectHead> =>
      call(key, async () => {
        const r = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { size: r.ContentLength ?? 0, etag: r.ETag ?? '', contentType: r.ContentType, lastModified: r.LastModified, metadata: r.Metadata ?? {} };
      }),

    /** Whether an object exists; other failures still throw. */
    exists: async (key: string): Promise<boolean> => {
      try {
        await storage.headObject(key);
        return true;
      } catch (e) {
        if (e instanceof StorageError && e.code === 'NOT_FOUND') return false;
        throw e;
      }
    },

    /** Every object under `prefix`, page by page (1,000 per request). Caller has authorized the prefix. */
    listObjects: async function* (prefix: string): AsyncGenerator<ObjectInfo> {
      let token: string | undefined;
      do {
        const r = await call(undefined, () => client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })));
        for (const o of r.Contents ?? []) {
          if (o.Key) yield { key: o.Key, size: o.Size ?? 0, etag: o.ETag ?? '', lastModified: o.LastModified ?? new Date(0) };
        }
        token = r.IsTruncated ? r.NextContinuationToken : undefined;
      } while (token);
    },

    /** Deletes one object (no error when it is already gone). Caller has authorized deleting `key`. */
    deleteObject: (key: string) =>
      call(key, async () => {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      }),

    /** Deletes every object under `prefix` in batches of 1,000; returns how many were deleted. */
    deletePrefix: async (prefix: string): Promise<number> => {
      if (!prefix) throw new StorageError('INVALID', 'deletePrefix needs a non-empty prefix (refusing to empty the bucket)');
      let deleted = 0;
      let batch: string[] = [];
      const flush = async () => {
        const keys = batch;
        batch = [];
        const r = await call(undefined, () => client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } })));
        if (r.Errors?.length) throw new StorageError('INTERNAL', `Could not delete ${r.Errors.length} object(s) under "${prefix}", first: ${r.Errors[0]?.Key} (${r.Errors[0]?.Code})`);
        deleted += keys.length;
      };
      // Collect the listing first: deleting while paginating would shift the continuation token.
      const keys: string[] = [];
      for await (const o of storage.listObjects(prefix)) keys.push(o.key);
      for (const key of keys) {
        batch.push(key);
        if (batch.length === DELETE_BATCH) await flush();
      }
      if (batch.length) await flush();
      return deleted;
    },

    /** A URL that lets its holder read `key` for `expiresIn` seconds. Caller has authorized the reader. */
    presignGet: (key: string, opts: { expiresIn: number; downloadName?: string }) =>
      call(key, () =>
        getSignedUrl(
          presigner,
          new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: opts.downloadName ? `attachment; filename="${opts.downloadName.replace(/["\\\r\n]/g, '_')}"` : undefined }),
          { expiresIn: opts.expiresIn },
        ),
      ),

    /** A URL that lets its holder PUT `key` once within `expiresIn` seconds. Caller has authorized the writer. */
    presignPut: (key: string, opts: { expiresIn: number; contentType?: string }) =>
      call(key, () => getSignedUrl(presigner, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: opts.contentType }), { expiresIn: opts.expiresIn })),

    /** Starts a multipart upload and returns its id. Caller has authorized writing `key`. */
    createMultipartUpload: (key: string, opts: PutOptions = {}) =>
      call(key, async () => {
        const r = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: opts.contentType, Metadata: opts.metadata }));
        if (!r.UploadId) throw new StorageError('INTERNAL', `Object storage returned no upload id for "${key}"`);
        return r.UploadId;
      }),

    /** A URL for the browser to PUT one part (1–10,000). Caller has checked the upload belongs to the requester. */
    presignUploadPart: async (key: string, uploadId: string, partNumber: number, opts: { expiresIn: number }) => {
      if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) throw new StorageError('INVALID', `Part number must be 1–10000, got ${partNumber}`);
      return call(key, () => getSignedUrl(presigner, new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber }), { expiresIn: opts.expiresIn }));
    },

    /** Every uploaded part, following pagination past 1,000 parts. NOT_FOUND when the upload is gone. */
    listParts: (key: string, uploadId: string): Promise<UploadedPart[]> =>
      call(key, async () => {
        const parts: UploadedPart[] = [];
        let marker: string | undefined;
        for (;;) {
          const r = await client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }));
          for (const p of r.Parts ?? []) if (p.PartNumber) parts.push({ partNumber: p.PartNumber, etag: p.ETag ?? '', size: p.Size });
          if (!r.IsTruncated || !r.NextPartNumberMarker || r.NextPartNumberMarker === marker) break;
          marker = r.NextPartNumberMarker;
        }
        return parts;
      }),

    /** Assembles the parts into the object. Caller has checked the upload belongs to the requester. */
    completeMultipartUpload: (key: string, uploadId: string, parts: UploadedPart[]) =>
      call(key, async () => {
        const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
        const r = await client.send(
          new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: sorted.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) } }),
        );
        return { etag: r.ETag ?? '' };
      }),

    /** Discards an upload and its parts. Caller has checked the upload belongs to the requester. */
    abortMultipartUpload: (key: string, uploadId: string) =>
      call(key, async () => {
        await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
      }),

    /** Unfinished multipart uploads under `prefix`, page by page (for the clean-up of stale uploads). */
    listMultipartUploads: async function* (prefix = ''): AsyncGenerator<MultipartUploadInfo> {
      let keyMarker: string | undefined;
      let uploadIdMarker: string | undefined;
      for (;;) {
        const r = await call(undefined, () => client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker })));
        for (const u of r.Uploads ?? []) if (u.Key && u.UploadId) yield { key: u.Key, uploadId: u.UploadId, initiated: u.Initiated };
        if (!r.IsTruncated) break;
        keyMarker = r.NextKeyMarker;
        uploadIdMarker = r.NextUploadIdMarker;
      }
    },

    /** Reachability, credentials and bucket in one cheap request, bounded to `timeoutMs`. */
    check: async (timeoutMs = 2000): Promise<{ ok: true; latencyMs: number } | { ok: false; latencyMs: number; error: StorageError }> => {
      const started = performance.now();
      try {
        await call(undefined, () => client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: AbortSignal.timeout(timeoutMs) }));
        return { ok: true, latencyMs: Math.round(performance.now() - started) };
      } catch (e) {
        const error = e instanceof StorageError ? e : toStorageError(e, { bucket, endpoint: config.endpoint });
        // HEAD has no body: a 404 on the bucket means the bucket is missing.
        const mapped = error.code === 'NOT_FOUND' ? new StorageError('NO_BUCKET', `The bucket "${bucket}" does not exist`, { cause: error }) : error;
        return { ok: false, latencyMs: Math.round(performance.now() - started), error: mapped };
      }
    },

    /** Closes sockets (scripts and tests; the app keeps its client for the process lifetime). */
    destroy: () => {
      client.destroy();
      if (presigner !== client) presigner.destroy();
    },
  };
  return storage;
}
