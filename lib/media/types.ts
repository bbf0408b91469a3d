// Shapes shared by server and browser modules; kept apart from probe.ts, which is server-only.

/** What the pipeline needs to know about a source file. Sizes are as displayed: after rotation and pixel aspect. */
export type MediaProbe = {
  durationSeconds: number;
  width: number;
  height: number;
  /** Clockwise degrees a player turns the coded picture to show it upright (the `rotate` tag's convention). */
  rotation: 0 | 90 | 180 | 270;
  fps: number;
  videoCodec: string;
  pixFmt: string | null;
  audioCodec: string | null;
  hasAudio: boolean;
  bitRate: number | null;
  formatName: string;
};
