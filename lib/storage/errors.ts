// Every failure of the storage layer becomes a StorageError with a code the caller can branch on;
// raw SDK errors (which may quote request details) never leave lib/storage.
export const storageErrorCodes = ['NOT_CONFIGURED', 'UNREACHABLE', 'TIMEOUT', 'AUTH', 'NO_BUCKET', 'NOT_FOUND', 'INVALID', 'INTERNAL'] as const;
export type StorageErrorCode = (typeof storageErrorCodes)[number];

export class StorageError extends Error {
  constructor(
    public readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

type SdkLikeError = { name?: string; code?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown };

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET']);
const timeoutNames = new Set(['TimeoutError', 'AbortError', 'RequestTimeout', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const authNames = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'ExpiredToken', 'InvalidToken', 'AuthorizationHeaderMalformed', 'Forbidden']);
const notFoundNames = new Set(['NoSuchKey', 'NotFound', 'NoSuchUpload']);
const invalidNames = new Set(['InvalidRange', 'InvalidPart', 'InvalidPartOrder', 'EntityTooSmall', 'EntityTooLarge', 'MalformedXML', 'InvalidArgument', 'InvalidRequest']);

function networkCode(e: unknown): string | undefined {
  // Node's network errors sit on the error or its cause (fetch / undici nest them).
  for (let cur: unknown = e, depth = 0; cur && depth < 4; cur = (cur as SdkLikeError).cause, depth++) {
    const code = (cur as SdkLikeError).code;
    if (code && (networkCodes.has(code) || code === 'ETIMEDOUT')) return code;
    if (cur instanceof AggregateError) return networkCode(cur.errors[0]);
  }
  return undefined;
}

/** Maps any error thrown by the S3 SDK (or the network under it) to a StorageError. */
export function toStorageError(e: unknown, context: { bucket: string; key?: string; endpoint?: string }): StorageError {
  if (e instanceof StorageError) return e;
  const err = (e ?? {}) as SdkLikeError;
  const name = err.name ?? err.Code ?? '';
  const status = err.$metadata?.httpStatusCode;
  const where = context.endpoint ?? 'the S3 endpoint';
  const what = context.key ? `object "${context.key}"` : `bucket "${context.bucket}"`;
  const net = networkCode(e);
  if (net === 'ETIMEDOUT' || timeoutNames.has(name) || timeoutNames.has(err.code ?? '')) {
    return new StorageError('TIMEOUT', `Object storage at ${where} did not answer in time`, { cause: e });
  }
  if (net) return new StorageError('UNREACHABLE', `Object storage at ${where} is unreachable (${net})`, { cause: e });
  if (name === 'NoSuchBucket') return new StorageError('NO_BUCKET', `The bucket "${context.bucket}" does not exist at ${where}`, { cause: e });
  if (authNames.has(name) || status === 401 || status === 403) {
    return new StorageError('AUTH', `Object storage refused the credentials or signature (${name || status}); check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY`, { cause: e });
  }
  if (notFoundNames.has(name) || status === 404) {
    return new StorageError('NOT_FOUND', name === 'NoSuchUpload' ? `No such multipart upload for ${what}` : `No such ${what}`, { cause: e });
  }
  if (invalidNames.has(name) || status === 400 || status === 416) return new StorageError('INVALID', `Object storage rejected the request for ${what} (${name || status})`, { cause: e });
  return new StorageError('INTERNAL', `Object storage failed for ${what} (${name || status || 'unknown error'})`, { cause: e });
}
