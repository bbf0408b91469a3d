// Every failure of lib/media becomes a MediaError whose code the worker branches on and whose
// message an author can read. Pure on purpose: browser code (caption upload, file sniffing) throws
// it too.
export const mediaErrorCodes = ['FFMPEG_MISSING', 'UNREADABLE', 'NO_VIDEO_STREAM', 'FAILED', 'ABORTED', 'INVALID_CAPTIONS'] as const;
export type MediaErrorCode = (typeof mediaErrorCodes)[number];

export class MediaError extends Error {
  readonly code: MediaErrorCode;
  /** Technical detail for logs (e.g. ffmpeg's stderr tail); not meant for the author. */
  readonly detail?: string;

  constructor(code: MediaErrorCode, message: string, options?: { detail?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MediaError';
    this.code = code;
    if (options?.detail !== undefined) this.detail = options.detail;
  }
}

export const isMediaError = (e: unknown, code?: MediaErrorCode): e is MediaError =>
  e instanceof MediaError && (code === undefined || e.code === code);
