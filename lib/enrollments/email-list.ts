import { emailSchema } from '@/lib/users/schemas';

// Pure parsing of the "add students" inputs (a pasted list or a CSV file), shared by the server
// action and its unit tests. No I/O here, so the client may import it too.

export const MAX_EMAIL_ROWS = 1000;

export type EmailRowProblem = { row: number; value: string; reason: 'invalid' | 'duplicate' };
export type ParsedEmails = {
  /** Valid, lower-cased, de-duplicated, in input order. */
  emails: string[];
  /** The row each of `emails` came from (same order). */
  rows: number[];
  problems: EmailRowProblem[];
  /** Data rows seen (header and blank lines excluded). */
  rowCount: number;
  /** More than MAX_EMAIL_ROWS data rows: nothing is processed, the user splits the list. */
  tooMany: boolean;
};

// "Ann <ann@x.io>", "'ann@x.io'", "mailto:ann@x.io" → ann@x.io: what people paste from mail clients.
function cleanValue(raw: string): string {
  let v = raw.trim();
  const angle = v.match(/<([^<>]+)>\s*$/);
  if (angle) v = angle[1]!.trim();
  v = v.replace(/^["'`]+|["'`]+$/g, '').trim();
  if (/^mailto:/i.test(v)) v = v.slice(7);
  return v;
}

function collect(values: { row: number; value: string }[]): ParsedEmails {
  if (values.length > MAX_EMAIL_ROWS) return { emails: [], rows: [], problems: [], rowCount: values.length, tooMany: true };
  const seen = new Set<string>();
  const emails: string[] = [];
  const rows: number[] = [];
  const problems: EmailRowProblem[] = [];
  for (const { row, value } of values) {
    const parsed = emailSchema.safeParse(cleanValue(value));
    if (!parsed.success) {
      problems.push({ row, value: value.trim().slice(0, 300), reason: 'invalid' });
      continue;
    }
    if (seen.has(parsed.data)) {
      problems.push({ row, value: parsed.data, reason: 'duplicate' });
      continue;
    }
    seen.add(parsed.data);
    emails.push(parsed.data);
    rows.push(row);
  }
  return { emails, rows, problems, rowCount: values.length, tooMany: false };
}

/**
 * A pasted list: emails separated by commas, semicolons or new lines. Rows are numbered by entry
 * (the n-th non-empty item), which is what a person counts in a textarea.
 */
export function parseEmailList(text: string): ParsedEmails {
  const values = text
    .split(/[,;\r\n]+/)
    .map((v) => v.trim())
    .filter(Boolean)
    .map((value, i) => ({ row: i + 1, value }));
  return collect(values);
}

/** RFC 4180 records: quoted fields may hold the delimiter, doubled quotes and line breaks. */
export function parseCsvRecords(text: string, delimiter: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // Excel's UTF-8 BOM
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      out.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line++;
      recordLine = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    out.push({ line: recordLine, cells });
  }
  return out.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

const headerNames = new Set(['email', 'e-mail', 'email address', 'e-mail address', 'mail', 'почта', 'электронная почта', 'эл. почта']);

/** Spreadsheets saved in locales that use a decimal comma write `;` between fields. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  if (count('\t') > 0 && count('\t') >= count(',') && count('\t') >= count(';')) return '\t';
  return count(';') > count(',') ? ';' : ',';
}

/**
 * A CSV file: the column named "email" when the first row is a header with such a name, otherwise
 * the first column. A first row whose chosen cell is not an address is taken as a header too.
 * Rows are numbered by the file's line numbers, so a problem can be found in the spreadsheet.
 */
export function parseEmailCsv(text: string): ParsedEmails {
  const records = parseCsvRecords(text, detectDelimiter(text));
  if (!records.length) return collect([]);
  const first = records[0]!;
  const named = first.cells.findIndex((c) => headerNames.has(c.trim().toLowerCase()));
  const column = named >= 0 ? named : 0;
  const hasHeader = named >= 0 || !(first.cells[column] ?? '').includes('@');
  const data = hasHeader ? records.slice(1) : records;
  // A row with other cells but an empty email cell is reported, not skipped: it is likely a mistake.
  return collect(data.map((r) => ({ row: r.line, value: r.cells[column] ?? '' })));
}
