// Groups a page's text items (as pdf.js reports them, already in top-left pixel space at scale 1)
// into lines and lines into blocks (paragraphs, headings, table cells), in reading order. Pure, so
// the grouping rules are unit-tested apart from pdf.js.

export type TextItem = { text: string; x: number; y: number; w: number; h: number };
export type Box = { x: number; y: number; w: number; h: number };
export type TextBlock = Box & { seq: number; ref: string; text: string; nx: number; ny: number; nw: number; nh: number };

type Line = Box & { items: TextItem[]; text: string };

const right = (b: Box) => b.x + b.w;
const bottom = (b: Box) => b.y + b.h;
const union = (a: Box, b: Box): Box => {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(right(a), right(b)) - x, h: Math.max(bottom(a), bottom(b)) - y };
};
// Control characters are dropped: \u0002/\u0003 mark search highlights, the rest is noise.
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\s+/g, ' ');

/** Items on one baseline, left to right; a wide horizontal gap (another column) starts a new line. */
function toLines(items: TextItem[]): Line[] {
  const sorted = items.filter((i) => clean(i.text).trim() && i.h > 0).sort((a, b) => a.y + a.h / 2 - (b.y + b.h / 2) || a.x - b.x);
  const rows: TextItem[][] = [];
  for (const it of sorted) {
    const mid = it.y + it.h / 2;
    const row = rows.find((r) => {
      const last = r[r.length - 1]!;
      return Math.abs(last.y + last.h / 2 - mid) < Math.min(last.h, it.h) * 0.5;
    });
    if (row) row.push(it);
    else rows.push([it]);
  }
  const lines: Line[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let cur: Line | null = null;
    for (const it of row) {
      const gap = cur ? it.x - right(cur) : 0;
      if (!cur || gap > Math.max(cur.h, it.h) * 3) {
        if (cur) lines.push(cur);
        cur = { x: it.x, y: it.y, w: it.w, h: it.h, items: [it], text: clean(it.text) };
        continue;
      }
      // pdf.js often keeps the space inside an item; add one only for a visible gap.
      const needsSpace = gap > Math.min(cur.h, it.h) * 0.15 && !cur.text.endsWith(' ') && !it.text.startsWith(' ');
      cur.text += (needsSpace ? ' ' : '') + clean(it.text);
      Object.assign(cur, union(cur, it));
      cur.items.push(it);
    }
    if (cur) lines.push(cur);
  }
  return lines.map((l) => ({ ...l, text: l.text.trim() }));
}

/**
 * Lines → blocks: a line joins the block above it when it starts close below it (less than ~0.8
 * of a line height of white space), overlaps it horizontally and has a similar size. Blocks are
 * numbered in reading order (top to bottom, then left to right); `ref` is `p{page}-b{n}`.
 */
export function groupBlocks(items: TextItem[], page: { number: number; width: number; height: number }): TextBlock[] {
  const lines = toLines(items).sort((a, b) => a.y - b.y || a.x - b.x);
  const blocks: (Box & { lines: Line[] })[] = [];
  for (const line of lines) {
    const target = [...blocks].reverse().find((b) => {
      const last = b.lines[b.lines.length - 1]!;
      const gap = line.y - bottom(last);
      const overlaps = line.x < right(b) && right(line) > b.x;
      const similar = line.h / last.h < 1.4 && last.h / line.h < 1.4;
      return overlaps && similar && gap > -line.h * 0.5 && gap < Math.max(line.h, last.h) * 0.8;
    });
    if (target) {
      target.lines.push(line);
      Object.assign(target, union(target, line));
    } else blocks.push({ x: line.x, y: line.y, w: line.w, h: line.h, lines: [line] });
  }
  blocks.sort((a, b) => a.y - b.y || a.x - b.x);
  const round = (n: number) => Math.round(n * 100) / 100;
  const norm = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 1e5) / 1e5;
  return blocks.map((b, i) => {
    let text = '';
    for (const l of b.lines) {
      // A word hyphenated across lines is joined again ("extrac-" + "tion").
      if (text.endsWith('-') && /^\p{Ll}/u.test(l.text)) text = text.slice(0, -1) + l.text;
      else text += (text ? ' ' : '') + l.text;
    }
    return {
      seq: i,
      ref: `p${page.number}-b${i}`,
      text,
      x: round(b.x),
      y: round(b.y),
      w: round(b.w),
      h: round(b.h),
      nx: norm(b.x / page.width),
      ny: norm(b.y / page.height),
      nw: norm(b.w / page.width),
      nh: norm(b.h / page.height),
    };
  });
}
