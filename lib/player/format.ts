/** "1:05", "12:30", "1:02:03" for a number of seconds (negative or unknown → "0:00"). */
export function formatTime(seconds: number): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * A playback rate as the viewer's language writes it ("1.25", "1,25"). The rates come from a short
 * fixed list, so the decimal separator is all the formatting they need; Intl.NumberFormat would
 * cost the page's start-up tens of milliseconds to initialise for the speed button's label.
 */
export function formatRate(rate: number, decimalSeparator: string): string {
  return String(rate).replace('.', decimalSeparator);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', quot: '"', apos: "'", lrm: '\u200e', rlm: '\u200f' };

/** A WebVTT cue's text without its markup (<i>, <b>, <c.x>, <v Name>, timestamps), entities decoded. */
export function plainCueText(text: string): string {
  return text.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|nbsp|quot|apos|lrm|rlm);/g, (_, e: string) => ENTITIES[e]!);
}
