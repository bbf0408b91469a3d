// CSV for the dashboards' exports (RFC 4180), shared by the route handlers and the charts' client-side
// download. Pure: no server-only imports.

export type CsvValue = string | number | boolean | null | undefined;

/** One cell: quoted when needed; text that a spreadsheet would run as a formula is prefixed with '. */
export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A header row and data rows, CRLF-separated, with a trailing line break. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A safe download name: letters, digits, dashes. */
export function csvFileName(...parts: string[]): string {
  return `${parts.map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')).filter(Boolean).join('-') || 'export'}.csv`;
}
