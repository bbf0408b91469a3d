// Value lists and limits for videos, shared by the schema, zod schemas, the worker and client components.

/**
 * uploading → queued (bytes verified, processing job sent) → processing → ready, or failed at any
 * step with a reason. A cancelled upload deletes its row instead of keeping a state for it.
 */
export const videoStatuses = ['uploading', 'queued', 'processing', 'ready', 'failed'] as const;
export type VideoStatus = (typeof videoStatuses)[number];

/** What a viewer can play right now; grows from nothing to the full ladder while processing runs. */
export const videoPlaybackKinds = ['none', 'progressive', 'quick', 'hls'] as const;
export type VideoPlaybackKind = (typeof videoPlaybackKinds)[number];

export const videoStages = ['probe', 'quick', 'ladder', 'poster', 'storyboard', 'upload'] as const;
export type VideoStage = (typeof videoStages)[number];

/** Extensions and MIME types accepted at upload; the first bytes are sniffed again after completion. */
export const VIDEO_EXTENSIONS = ['.mp4', '.m4v', '.mov', '.webm', '.mkv'] as const;
export const VIDEO_MIME_TYPES = ['video/mp4', 'video/quicktime', 'video/webm', 'video/x-matroska', 'video/x-m4v', 'video/matroska'] as const;

export const CAPTION_EXTENSIONS = ['.vtt', '.srt'] as const;
export const CAPTIONS_MAX_BYTES = 2 * 1024 * 1024;
export const CAPTION_LANG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

export type VideoRendition = { height: number; width: number; bandwidth: number; playlist: string };
