import type { ViewStart } from '@/lib/learning/beat-protocol';
import type { VideoPlaybackKind, VideoStage, VideoStatus } from '@/lib/video-constants';

/** A video as its course's editors see it (lesson editor, media library). */
export type VideoSummary = {
  id: string;
  filename: string;
  size: number;
  status: VideoStatus;
  playback: VideoPlaybackKind;
  stage: VideoStage | null;
  progress: number;
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  renditions: number[];
  errorCode: string | null;
  errorMessage: string | null;
  processingNote: string | null;
  attempts: number;
  lessonId: string | null;
  /** Titles of the lessons that show this video. */
  usedBy: { id: string; title: string }[];
  captions: { id: string; lang: string; label: string }[];
  createdAt: string;
};

export type PlaybackInfo = {
  videoId: string;
  status: VideoStatus;
  playback: VideoPlaybackKind;
  progress: number;
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  /** Token-bearing URL of the master (or quick media) playlist. */
  hlsUrl: string | null;
  /** Signed URL of the source, when it plays without HLS (no ffmpeg). */
  progressiveUrl: string | null;
  posterUrl: string | null;
  storyboardUrl: string | null;
  captions: { id: string; lang: string; label: string; url: string }[];
  expiresAt: string;
  /** Present when the video is watched as a lesson: the view to send beats for, and where to resume. */
  view: ViewStart | null;
  /** The viewer's remembered player choices. */
  prefs: { rate: number; captionLang: string | null };
};
