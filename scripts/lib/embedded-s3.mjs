// Starts an S3-protocol server from the `@20minutes/s3rver` npm package (pure JavaScript, files on
// disk, verifies SigV4 signatures). Used by `npm start` (persistent, under $DATA_DIR/s3) and by
// `npm test` (throwaway folder). s3rver lacks ListParts, AbortMultipartUpload and
// ListMultipartUploads; ./s3-shim.mjs adds them over s3rver's own storage layout.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { freePort } from './embedded-pg.mjs';
import { s3Shim } from './s3-shim.mjs';

const require = createRequire(import.meta.url);
const S3rver = require('@20minutes/s3rver');
const AWSAccount = require(path.join(path.dirname(require.resolve('@20minutes/s3rver/package.json')), 'lib/models/account.js'));

// s3rver registers a well-known key pair (S3RVER/S3RVER) at load; only our generated key may sign.
AWSAccount.DUMMY_ACCOUNT.revokeAccessKey('S3RVER');

/** CORS for browser uploads: the browser must read ETag to complete a multipart upload. */
export function corsXml(origins) {
  const rule = (origin) =>
    '<CORSRule>' +
    `<AllowedOrigin>${origin}</AllowedOrigin>` +
    ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'].map((m) => `<AllowedMethod>${m}</AllowedMethod>`).join('') +
    '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>' +
    '</CORSRule>';
  return `<CORSConfiguration>${origins.map(rule).join('')}</CORSConfiguration>`;
}

/** Access key and secret kept under the data folder, generated on first use. */
export function embeddedS3Credentials(dataDir) {
  const file = path.join(dataDir, 'credentials.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    const creds = { accessKeyId: `LECTERN${crypto.randomBytes(6).toString('hex').toUpperCase()}`, secretAccessKey: crypto.randomBytes(30).toString('base64url') };
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
    return creds;
  }
}

/**
 * @param {{ dataDir: string, port?: number, bucket?: string, region?: string, corsOrigins?: string[],
 *   accessKeyId?: string, secretAccessKey?: string, log?: boolean }} opts
 * @returns {Promise<{ endpoint: string, port: number, accessKeyId: string, secretAccessKey: string, bucket: string, region: string, stop: () => Promise<void> }>}
 */
export async function startEmbeddedS3(opts) {
  const root = path.resolve(opts.dataDir);
  // Objects live in <root>/objects so the credentials file never shows up as a bucket.
  const directory = path.join(root, 'objects');
  fs.mkdirSync(directory, { recursive: true });
  const bucket = opts.bucket ?? 'lectern';
  const region = opts.region ?? 'us-east-1';
  const creds = opts.accessKeyId && opts.secretAccessKey ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } : embeddedS3Credentials(root);
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(creds.accessKeyId, creds.secretAccessKey);
  const port = await freePort(opts.port);
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory,
    silent: !opts.log,
    // Path-style only: with virtual hosts on, "localhost"-like host names would be read as buckets.
    vhostBuckets: false,
    configureBuckets: [{ name: bucket, configs: [corsXml(opts.corsOrigins?.length ? opts.corsOrigins : ['*'])] }],
  });
  // Koa composes middleware at listen time: put the shim just before s3rver's router (the last one).
  server.middleware.splice(server.middleware.length - 1, 0, s3Shim(directory));
  try {
    await server.run();
  } catch (e) {
    throw new Error(`The embedded S3 server failed to start on 127.0.0.1:${port}: ${e.message ?? e}`);
  }
  const endpoint = `http://127.0.0.1:${port}`;
  let stopped = false;
  return {
    endpoint,
    port,
    bucket,
    region,
    ...creds,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      const closing = server.close().catch(() => {});
      // Keep-alive sockets from SDK clients would otherwise hold close() open.
      server.httpServer?.closeAllConnections?.();
      await closing;
    },
  };
}
