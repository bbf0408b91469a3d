// The S3 operations s3rver lacks — ListParts, AbortMultipartUpload, ListMultipartUploads — and a
// working ListObjectsV2 (see listObjectsV2Xml), as a thin Koa layer in front of s3rver's router. It reads s3rver's own on-disk layout:
//   <dir>/<bucket>/._S3rver_uploads/<uploadId>/{key, metadata, <partNumber>, <partNumber>.md5}
// and reuses s3rver's CORS and signature middleware, so these requests are checked like any other.
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const s3rverDir = path.dirname(require.resolve('@20minutes/s3rver/package.json'));
const S3Error = require(path.join(s3rverDir, 'lib/models/error.js'));
const corsMiddleware = require(path.join(s3rverDir, 'lib/middleware/cors.js'));
const authenticationMiddleware = require(path.join(s3rverDir, 'lib/middleware/authentication.js'));

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const MAX_PAGE = 1000;

const esc = (v) => String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);
const el = (name, value) => `<${name}>${esc(value)}</${name}>`;

/**
 * ListParts response body (S3 API ListPartsResult). `parts` must be sorted by part number.
 * @param {{ bucket: string, key: string, uploadId: string, partNumberMarker: number, maxParts: number,
 *   parts: { partNumber: number, etag: string, size: number, lastModified: Date }[], isTruncated: boolean }} r
 */
export function listPartsXml(r) {
  const last = r.parts.at(-1);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<ListPartsResult xmlns="${NS}">` +
    el('Bucket', r.bucket) +
    el('Key', r.key) +
    el('UploadId', r.uploadId) +
    el('PartNumberMarker', r.partNumberMarker) +
    el('NextPartNumberMarker', last ? last.partNumber : r.partNumberMarker) +
    el('MaxParts', r.maxParts) +
    el('IsTruncated', r.isTruncated) +
    el('StorageClass', 'STANDARD') +
    r.parts
      .map((p) => `<Part>${el('PartNumber', p.partNumber)}${el('LastModified', p.lastModified.toISOString())}${el('ETag', `"${p.etag}"`)}${el('Size', p.size)}</Part>`)
      .join('') +
    '</ListPartsResult>'
  );
}

/**
 * ListMultipartUploads response body. `uploads` must be sorted by key, then upload id.
 * @param {{ bucket: string, prefix: string, maxUploads: number, isTruncated: boolean,
 *   keyMarker: string, uploadIdMarker: string, uploads: { key: string, uploadId: string, initiated: Date }[] }} r
 */
export function listUploadsXml(r) {
  const last = r.uploads.at(-1);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<ListMultipartUploadsResult xmlns="${NS}">` +
    el('Bucket', r.bucket) +
    el('KeyMarker', r.keyMarker) +
    el('UploadIdMarker', r.uploadIdMarker) +
    el('NextKeyMarker', r.isTruncated && last ? last.key : '') +
    el('NextUploadIdMarker', r.isTruncated && last ? last.uploadId : '') +
    el('Prefix', r.prefix) +
    el('MaxUploads', r.maxUploads) +
    el('IsTruncated', r.isTruncated) +
    r.uploads
      .map((u) => `<Upload>${el('Key', u.key)}${el('UploadId', u.uploadId)}${el('Initiated', u.initiated.toISOString())}${el('StorageClass', 'STANDARD')}</Upload>`)
      .join('') +
    '</ListMultipartUploadsResult>'
  );
}

/**
 * ListObjectsV2 response body. s3rver's own ListObjectsV2 builds its continuation tokens with DES,
 * which OpenSSL 3 (Node 17+) no longer offers: every listing past 1,000 keys fails with a 500.
 * @param {{ bucket: string, prefix: string, delimiter: string, maxKeys: number, startAfter?: string, continuationToken?: string,
 *   nextContinuationToken?: string, isTruncated: boolean, objects: { key: string, lastModified: Date, etag: string, size: number }[], commonPrefixes: string[] }} r
 */
export function listObjectsV2Xml(r) {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<ListBucketResult xmlns="${NS}">` +
    el('Name', r.bucket) +
    el('Prefix', r.prefix) +
    (r.startAfter ? el('StartAfter', r.startAfter) : '') +
    (r.continuationToken ? el('ContinuationToken', r.continuationToken) : '') +
    (r.nextContinuationToken ? el('NextContinuationToken', r.nextContinuationToken) : '') +
    el('KeyCount', r.objects.length + r.commonPrefixes.length) +
    el('MaxKeys', r.maxKeys) +
    (r.delimiter ? el('Delimiter', r.delimiter) : '') +
    el('IsTruncated', r.isTruncated) +
    r.objects
      .map((o) => `<Contents>${el('Key', o.key)}${el('LastModified', o.lastModified.toISOString())}${el('ETag', o.etag)}${el('Size', o.size)}${el('StorageClass', 'STANDARD')}</Contents>`)
      .join('') +
    r.commonPrefixes.map((p) => `<CommonPrefixes>${el('Prefix', p)}</CommonPrefixes>`).join('') +
    '</ListBucketResult>'
  );
}

// Our continuation token: the last key returned, opaque to clients.
const encodeToken = (key) => Buffer.from(key, 'utf8').toString('base64url');
const decodeToken = (token) => Buffer.from(token, 'base64url').toString('utf8');

async function listObjectsV2(ctx, _root, bucket) {
  const q = ctx.query;
  const prefix = String(q.prefix ?? '');
  const delimiter = String(q.delimiter ?? '');
  const maxKeys = pageSize(q['max-keys']);
  const continuationToken = q['continuation-token'] ? String(q['continuation-token']) : undefined;
  const startAfter = continuationToken ? decodeToken(continuationToken) : String(q['start-after'] ?? '');
  const result = maxKeys === 0 ? { objects: [], commonPrefixes: [], isTruncated: false } : await ctx.app.store.listObjects(bucket, { prefix, delimiter, startAfter, maxKeys });
  const objects = result.objects.map((o) => ({ key: o.key, lastModified: o.lastModifiedDate, etag: o.metadata.etag, size: o.size }));
  const last = objects.at(-1);
  ctx.type = 'application/xml';
  ctx.body = listObjectsV2Xml({
    bucket,
    prefix,
    delimiter,
    maxKeys,
    startAfter: continuationToken ? undefined : startAfter,
    continuationToken,
    nextContinuationToken: result.isTruncated && last ? encodeToken(last.key) : undefined,
    isTruncated: Boolean(result.isTruncated),
    objects,
    commonPrefixes: result.commonPrefixes,
  });
}

const pageSize = (v) => {
  const n = v === undefined ? MAX_PAGE : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new S3Error('InvalidArgument', 'must be a non-negative integer');
  return Math.min(n, MAX_PAGE);
};

const uploadsDir = (root, bucket) => path.join(root, bucket, '._S3rver_uploads');

async function readUploadKey(dir) {
  try {
    return await fs.readFile(path.join(dir, 'key'), 'utf8');
  } catch {
    return null; // no such upload (or a late part PUT re-created the folder after an abort)
  }
}

async function listParts(ctx, root, bucket, key) {
  const uploadId = String(ctx.query.uploadId);
  const dir = path.join(uploadsDir(root, bucket), path.basename(uploadId));
  if ((await readUploadKey(dir)) !== key) throw new S3Error('NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId });
  const marker = Number(ctx.query['part-number-marker'] ?? 0) || 0;
  const maxParts = pageSize(ctx.query['max-parts']);
  // A part counts once s3rver has written its .md5, which it does only after the whole body arrived,
  // and only if that .md5 is not older than the part file: an aborted or still-running PUT leaves a
  // partial file that real S3 would never list (a resumed upload must send that part again).
  const names = new Set(await fs.readdir(dir));
  const complete = await Promise.all(
    [...names]
      .filter((f) => /^\d+$/.test(f) && names.has(`${f}.md5`))
      .map(async (f) => {
        const file = path.join(dir, f);
        const [stat, md5Stat] = await Promise.all([fs.stat(file), fs.stat(`${file}.md5`)]);
        return md5Stat.mtimeMs >= stat.mtimeMs ? { n: Number(f), stat } : null;
      }),
  );
  const done = complete.filter((p) => p !== null && p.n > marker).sort((a, b) => a.n - b.n);
  const page = done.slice(0, maxParts);
  const parts = await Promise.all(
    page.map(async ({ n, stat }) => {
      const md5 = await fs.readFile(path.join(dir, `${n}.md5`), 'utf8').catch(() => '');
      return { partNumber: n, etag: md5.trim(), size: stat.size, lastModified: stat.mtime };
    }),
  );
  ctx.type = 'application/xml';
  ctx.body = listPartsXml({ bucket, key, uploadId, partNumberMarker: marker, maxParts, parts, isTruncated: done.length > page.length });
}

async function abortUpload(ctx, root, bucket, key) {
  const uploadId = String(ctx.query.uploadId);
  const dir = path.join(uploadsDir(root, bucket), path.basename(uploadId));
  if ((await readUploadKey(dir)) !== key) throw new S3Error('NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId });
  await fs.rm(dir, { recursive: true, force: true });
  ctx.status = 204;
  ctx.body = null;
}

async function listUploads(ctx, root, bucket) {
  const prefix = String(ctx.query.prefix ?? '');
  const keyMarker = String(ctx.query['key-marker'] ?? '');
  const uploadIdMarker = String(ctx.query['upload-id-marker'] ?? '');
  const maxUploads = pageSize(ctx.query['max-uploads']);
  const dir = uploadsDir(root, bucket);
  const ids = await fs.readdir(dir).catch(() => []);
  const all = (
    await Promise.all(
      ids.map(async (uploadId) => {
        const key = await readUploadKey(path.join(dir, uploadId));
        if (key === null || !key.startsWith(prefix)) return null;
        const stat = await fs.stat(path.join(dir, uploadId, 'key'));
        return { key, uploadId, initiated: stat.birthtime.getTime() ? stat.birthtime : stat.mtime };
      }),
    )
  )
    .filter((u) => u !== null)
    .filter((u) => !keyMarker || u.key > keyMarker || (u.key === keyMarker && uploadIdMarker && u.uploadId > uploadIdMarker))
    .sort((a, b) => (a.key === b.key ? (a.uploadId < b.uploadId ? -1 : 1) : a.key < b.key ? -1 : 1));
  const uploads = all.slice(0, maxUploads);
  ctx.type = 'application/xml';
  ctx.body = listUploadsXml({ bucket, prefix, keyMarker, uploadIdMarker, maxUploads, uploads, isTruncated: all.length > uploads.length });
}

/** Runs `middleware` in order, then `last`. */
function chain(middleware, last) {
  return (ctx) => middleware.reduceRight((next, mw) => () => mw(ctx, next), () => last(ctx))();
}

/**
 * Koa middleware answering the missing operations and rejecting anonymous requests (s3rver lets
 * unsigned requests through; every client of ours signs, so an unsigned one is a stranger).
 * @param {string} root s3rver's data directory
 */
export function s3Shim(root) {
  const cors = corsMiddleware();
  const auth = authenticationMiddleware();
  return async function s3Shim(ctx, next) {
    const q = ctx.query;
    const signed = 'authorization' in ctx.headers || 'X-Amz-Algorithm' in q || 'Signature' in q;
    if (!signed && ctx.method !== 'OPTIONS') throw new S3Error('AccessDenied', 'Access Denied');
    const m = /^\/([^/]+)(?:\/(.*))?$/.exec(ctx.path);
    if (!m) return next();
    if (m[2] === '') {
      // AWS SDK v3 signs path-style bucket requests as "/<bucket>/", while s3rver's verifier rebuilds
      // the signed path from the bucket name alone ("/<bucket>"). Its virtual-host branch appends
      // the mount path after the bucket, which restores the slash (website hosting, the only other
      // reader of these two fields, is not used).
      ctx.state.vhost = true;
      ctx.mountPath = '/';
    }
    const bucket = m[1];
    const key = m[2] ? decodeURIComponent(m[2]) : undefined;
    let op = null;
    if (key !== undefined && 'uploadId' in q && !('partNumber' in q)) {
      if (ctx.method === 'GET') op = listParts;
      else if (ctx.method === 'DELETE') op = abortUpload;
    } else if (key === undefined && 'uploads' in q && ctx.method === 'GET') {
      op = listUploads;
    } else if (key === undefined && q['list-type'] === '2' && ctx.method === 'GET') {
      op = listObjectsV2;
    }
    if (!op) return next();
    ctx.params = { ...(ctx.params ?? {}), bucket, key };
    if (!(await ctx.app.store.getBucket(bucket))) throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
    await chain([cors, auth], (c) => op(c, root, bucket, key))(ctx);
  };
}
