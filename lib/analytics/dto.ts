import type { DayRange, RangePreset } from './schemas';

// Shapes crossing the server → client boundary for the analytics dashboards (plain JSON).

export type RangeDto = { range: DayRange; previous: DayRange; preset: RangePreset | null; timeZone: string };

/** A figure for the range and the same figure over the previous period of equal length. */
export type Compared = { value: number; previous: number };

/** video.md §6, over the closed views that started in the range. Rates are 0–1; null when undefined (no views). */
export type VideoSummary = {
  viewStarts: number;
  views: number;
  qualifiedViews: number;
  uniqueViewers: number;
  watchSeconds: number;
  uniqueWatchSeconds: number;
  avgViewSeconds: number | null;
  avgWatchedShare: number | null;
  completionRate: number | null;
  reachedEndRate: number | null;
  introRetention: number | null;
  startupP50Ms: number | null;
  startupP95Ms: number | null;
  exitsBeforeStartRate: number | null;
  failureRate: number | null;
  rebufferShare: number | null;
  peakConcurrentViewers: number;
};

/** One point of the per-second curves, downsampled to at most ~1,000 points (LTTB, extremes kept). */
export type RetentionPoint = { t: number; retention: number; dropOff: number };
export type PlaysPoint = { t: number; plays: number; viewers: number };
export type Zone = { from: number; to: number; value: number };

export type VideoAnalyticsDto = RangeDto & {
  video: { id: string; title: string; durationSeconds: number; lessonId: string | null; courseId: string; courseTitle: string; status: string };
  summary: VideoSummary & { previous: Pick<VideoSummary, 'views' | 'uniqueViewers' | 'watchSeconds' | 'avgWatchedShare' | 'completionRate'> };
  retention: RetentionPoint[];
  plays: PlaysPoint[];
  /** Rewatch hotspots: ≥ 5 s where plays/viewers ≥ 1.3 and above the median; value = the mean ratio. */
  hotspots: Zone[];
  /** Skip zones: value = share of views passing there that skipped it with a forward seek. */
  skipZones: Zone[];
  /** The largest drops of R(t) (5-s smoothed), value = the drop. */
  dropOffs: Zone[];
  /** Where non-completing views stopped, most frequent first: t and the number of views. */
  exitPoints: { t: number; views: number }[];
  daily: { day: string; views: number; uniqueViewers: number; watchSeconds: number }[];
  breakdown: { device: string; browser: string; views: number; watchSeconds: number; failureRate: number | null }[];
  /** By student cohort (month of enrollment, oldest first; null = not enrolled, last). */
  cohorts: VideoCohort[];
};

/** Views of one cohort: `cohort` is the enrollment month, YYYY-MM, or null for viewers not enrolled. */
export type VideoCohort = { cohort: string | null; views: number; uniqueViewers: number; watchSeconds: number; avgWatchedShare: number | null; completionRate: number | null };
