// Pure rules of the player's controls: speeds, keyboard shortcuts, caption choice.

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/** The next listed speed below (-1) or above (+1) `rate`, or `rate` at either end. */
export function stepSpeed(rate: number, dir: -1 | 1): number {
  if (dir > 0) return SPEEDS.find((s) => s > rate + 1e-9) ?? rate;
  return [...SPEEDS].reverse().find((s) => s < rate - 1e-9) ?? rate;
}

/** The listed speed closest to a saved preference (a stale or hand-made value snaps to the list). */
export function snapSpeed(rate: number | null | undefined): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return 1;
  return SPEEDS.reduce((best, s) => (Math.abs(s - rate) < Math.abs(best - rate) ? s : best), 1);
}

export type PlayerCommand =
  | { type: 'togglePlay' }
  | { type: 'seekBy'; seconds: number }
  | { type: 'seekToFraction'; fraction: number }
  | { type: 'volumeBy'; delta: number }
  | { type: 'toggleMute' }
  | { type: 'toggleFullscreen' }
  | { type: 'toggleCaptions' }
  | { type: 'speed'; dir: -1 | 1 }
  | { type: 'help' };

type KeyLike = { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean };

/** The command a key press means when the player has focus, or null to let the browser have it. */
export function commandForKey(e: KeyLike): PlayerCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  switch (k) {
    case ' ':
    case 'k':
      return { type: 'togglePlay' };
    case 'j':
      return { type: 'seekBy', seconds: -10 };
    case 'l':
      return { type: 'seekBy', seconds: 10 };
    case 'ArrowLeft':
      return { type: 'seekBy', seconds: -5 };
    case 'ArrowRight':
      return { type: 'seekBy', seconds: 5 };
    case 'ArrowUp':
      return { type: 'volumeBy', delta: 0.05 };
    case 'ArrowDown':
      return { type: 'volumeBy', delta: -0.05 };
    case 'm':
      return { type: 'toggleMute' };
    case 'f':
      return { type: 'toggleFullscreen' };
    case 'c':
      return { type: 'toggleCaptions' };
    case '<':
      return { type: 'speed', dir: -1 };
    case '>':
      return { type: 'speed', dir: 1 };
    case '?':
      return { type: 'help' };
  }
  if (/^[0-9]$/.test(k)) return { type: 'seekToFraction', fraction: Number(k) / 10 };
  return null;
}

/** The shortcuts listed in the help dialog: keys shown as written, and the message key of the action. */
export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ['Space', 'K'], action: 'playPause' },
  { keys: ['J'], action: 'back10' },
  { keys: ['L'], action: 'forward10' },
  { keys: ['←'], action: 'back5' },
  { keys: ['→'], action: 'forward5' },
  { keys: ['↑'], action: 'volumeUp' },
  { keys: ['↓'], action: 'volumeDown' },
  { keys: ['M'], action: 'mute' },
  { keys: ['F'], action: 'fullscreen' },
  { keys: ['C'], action: 'captions' },
  { keys: ['<'], action: 'slower' },
  { keys: ['>'], action: 'faster' },
  { keys: ['0', '…', '9'], action: 'jump' },
  { keys: ['?'], action: 'help' },
];

/**
 * The caption track for a saved language: an exact match, else the same base language
 * ("en" for "en-GB" and back), else none.
 */
export function pickCaption<T extends { lang: string }>(captions: T[], lang: string | null | undefined): T | null {
  if (!lang) return null;
  const want = lang.toLowerCase();
  const base = want.split('-')[0];
  return captions.find((c) => c.lang.toLowerCase() === want) ?? captions.find((c) => c.lang.toLowerCase().split('-')[0] === base) ?? null;
}
