import type { ChartRow } from './chart-panel';

// A chart's rows as one string per column, for the long per-second series (R(t), P(t): ~1,000 rows).
// React's RSC payload revives every value it carries one by one; as arrays of objects the two curves
// of the video page were 91 of its 100 KB and a phone spent tens of ms of main thread decoding them
// before hydration. One string per column is a single value to revive, about a third of the size,
// and is split into rows only in the browser, by the chart that draws them.

/** Numeric columns, each value rounded to at most `digits` decimals, space-separated. */
export type PackedRows = { packed: true; length: number; columns: Record<string, string> };

export function packRows(rows: Record<string, number>[], digits: Record<string, number>): PackedRows {
  const columns: Record<string, string> = {};
  for (const [key, d] of Object.entries(digits)) {
    // +toFixed drops trailing zeros ("0.5", "12"); NaN and ±Infinity have no place in a chart.
    columns[key] = rows.map((r) => (Number.isFinite(r[key]) ? String(+r[key]!.toFixed(d)) : '')).join(' ');
  }
  return { packed: true, length: rows.length, columns };
}

export const isPacked = (rows: ChartRow[] | PackedRows): rows is PackedRows => !Array.isArray(rows);

export function unpackRows(p: PackedRows): ChartRow[] {
  const rows: ChartRow[] = Array.from({ length: p.length }, () => ({}));
  for (const [key, text] of Object.entries(p.columns)) {
    const values = p.length ? text.split(' ') : [];
    for (let i = 0; i < p.length; i++) rows[i]![key] = values[i] ? Number(values[i]) : null;
  }
  return rows;
}
