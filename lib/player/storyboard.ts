// Storyboard thumbnails: a WebVTT file whose cues point at sprite tiles (`sheet.jpg?…#xywh=x,y,w,h`).
// Pure; the player fetches the file and shows the tile under the pointer via background-position.

export type StoryboardTile = { start: number; end: number; url: string; x: number; y: number; w: number; h: number };

const TIME = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/;

/** "01:02:03.500" or "02:03.5" → seconds; NaN when malformed. */
export function parseVttTime(s: string): number {
  const m = TIME.exec(s.trim());
  if (!m) return Number.NaN;
  const ms = m[4] ? Number(m[4].padEnd(3, '0')) : 0;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + ms / 1000;
}

/** The tiles of a storyboard VTT in time order; relative image URLs resolve against `baseUrl`. */
export function parseStoryboard(vtt: string, baseUrl: string): StoryboardTile[] {
  const tiles: StoryboardTile[] = [];
  const lines = vtt.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes('-->')) continue;
    const [a, b] = line.split('-->');
    const start = parseVttTime(a ?? '');
    const end = parseVttTime((b ?? '').trim().split(/\s+/)[0] ?? '');
    const ref = (lines[i + 1] ?? '').trim();
    const hash = ref.lastIndexOf('#xywh=');
    if (!Number.isFinite(start) || !Number.isFinite(end) || hash < 0) continue;
    const box = ref.slice(hash + 6).split(',').map(Number);
    if (box.length !== 4 || box.some((n) => !Number.isFinite(n) || n < 0)) continue;
    let url: string;
    try {
      url = new URL(ref.slice(0, hash), baseUrl).href;
    } catch {
      continue;
    }
    const [x, y, w, h] = box as [number, number, number, number];
    tiles.push({ start, end, url, x, y, w, h });
  }
  return tiles.sort((p, q) => p.start - q.start);
}

/** The tile showing time `t` (the last one starting at or before it), or null. */
export function tileAt(tiles: StoryboardTile[], t: number): StoryboardTile | null {
  let lo = 0;
  let hi = tiles.length - 1;
  let hit: StoryboardTile | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tiles[mid]!.start <= t) {
      hit = tiles[mid]!;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return hit;
}
