// CSV for every export (RFC 4180): analytics routes and chart downloads, the moderation audit log
// and charts. Pure: no server-only imports, so client components use it too.

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One cell: quoted when needed (or always, with `quoteAll`); text that a spreadsheet would run as a
 * formula is prefixed with '.
 */
export function csvCell(v: CsvValue, quoteAll = false): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (typeof v === 'number') s = Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : '';
  else {
    s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  }
  return quoteAll || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A header row and data rows, CRLF-separated, with a trailing line break. */
export function toCsv(header: string[], rows: CsvValue[][], opts: { quoteAll?: boolean } = {}): string {
  return [header, ...rows].map((r) => r.map((v) => csvCell(v, opts.quoteAll)).join(',')).join('\r\n') + '\r\n';
}

/** A safe download name: letters, digits, dashes. */
export function csvFileName(...parts: string[]): string {
  return `${parts.map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')).filter(Boolean).join('-') || 'export'}.csv`;
}
