import { describe, expect, it } from 'vitest';
import { MAX_EMAIL_ROWS, parseCsvRecords, parseEmailCsv, parseEmailList } from './email-list';

describe('parseEmailList', () => {
  it('splits on commas, semicolons and new lines, trims and lower-cases', () => {
    const r = parseEmailList(' Ann@Example.com,bob@x.io\n\ncara@x.io ;\r\n  dan@x.io  ');
    expect(r).toEqual({ emails: ['ann@example.com', 'bob@x.io', 'cara@x.io', 'dan@x.io'], rows: [1, 2, 3, 4], problems: [], rowCount: 4, tooMany: false });
  });

  it('accepts what mail clients paste: "Name <address>", quotes, mailto:', () => {
    expect(parseEmailList('Ann Lee <ann@x.io>\n"bob@x.io"\nmailto:cara@x.io').emails).toEqual(['ann@x.io', 'bob@x.io', 'cara@x.io']);
  });

  it('reports invalid entries and duplicates by row, keeping the first occurrence', () => {
    const r = parseEmailList('a@x.io\nnot-an-email\nA@X.io\nb@x\nb@x.io');
    expect(r.emails).toEqual(['a@x.io', 'b@x.io']);
    expect(r.problems).toEqual([
      { row: 2, value: 'not-an-email', reason: 'invalid' },
      { row: 3, value: 'a@x.io', reason: 'duplicate' },
      { row: 4, value: 'b@x', reason: 'invalid' },
    ]);
  });

  it('an empty or blank input gives nothing to do', () => {
    expect(parseEmailList(' \n , ;')).toEqual({ emails: [], rows: [], problems: [], rowCount: 0, tooMany: false });
  });

  it(`accepts ${MAX_EMAIL_ROWS} entries and refuses one more as a whole`, () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `s${i}@x.io`).join('\n');
    const ok = parseEmailList(list(MAX_EMAIL_ROWS));
    expect(ok.emails).toHaveLength(MAX_EMAIL_ROWS);
    expect(ok.tooMany).toBe(false);
    const over = parseEmailList(list(MAX_EMAIL_ROWS + 1));
    expect(over).toMatchObject({ emails: [], tooMany: true, rowCount: MAX_EMAIL_ROWS + 1 });
  });
});

describe('parseEmailCsv', () => {
  it('uses the column named email and numbers rows by file line', () => {
    const r = parseEmailCsv('Name,Email,Group\nAnn,ann@x.io,A\nBob,bob@x.io,B\n');
    expect(r.emails).toEqual(['ann@x.io', 'bob@x.io']);
    expect(r.rows).toEqual([2, 3]);
    const bad = parseEmailCsv('name,E-mail\nAnn,nope\nBob,bob@x.io\nBob again,BOB@x.io');
    expect(bad.problems).toEqual([
      { row: 2, value: 'nope', reason: 'invalid' },
      { row: 4, value: 'bob@x.io', reason: 'duplicate' },
    ]);
  });

  it('takes the first column when there is no header', () => {
    expect(parseEmailCsv('ann@x.io,Ann\nbob@x.io,Bob').emails).toEqual(['ann@x.io', 'bob@x.io']);
  });

  it('skips a header row without an email-named column when its first cell is not an address', () => {
    const r = parseEmailCsv('Student\nann@x.io\nbob@x.io');
    expect(r).toMatchObject({ emails: ['ann@x.io', 'bob@x.io'], problems: [], rowCount: 2 });
  });

  it('handles quoted fields, CRLF, a BOM, semicolon and tab separated files', () => {
    expect(parseEmailCsv('\uFEFF"Name","Email"\r\n"Lee, Ann","ann@x.io"\r\n"Bob ""B""",bob@x.io\r\n').emails).toEqual(['ann@x.io', 'bob@x.io']);
    expect(parseEmailCsv('Имя;Почта\nАнна;anna@x.io\nБорис;boris@x.io').emails).toEqual(['anna@x.io', 'boris@x.io']);
    expect(parseEmailCsv('email\tname\nann@x.io\tAnn').emails).toEqual(['ann@x.io']);
  });

  it('reports rows whose email cell is empty, ignores blank lines', () => {
    const r = parseEmailCsv('name,email\nAnn,\n\n,,\nBob,bob@x.io');
    expect(r.emails).toEqual(['bob@x.io']);
    expect(r.problems).toEqual([{ row: 2, value: '', reason: 'invalid' }]);
  });

  it(`refuses a file with more than ${MAX_EMAIL_ROWS} data rows (the header does not count)`, () => {
    const rows = (n: number) => ['email', ...Array.from({ length: n }, (_, i) => `s${i}@x.io`)].join('\n');
    expect(parseEmailCsv(rows(MAX_EMAIL_ROWS)).emails).toHaveLength(MAX_EMAIL_ROWS);
    expect(parseEmailCsv(rows(MAX_EMAIL_ROWS + 1)).tooMany).toBe(true);
  });

  it('an empty file gives nothing to do', () => {
    expect(parseEmailCsv('')).toEqual({ emails: [], rows: [], problems: [], rowCount: 0, tooMany: false });
  });
});

describe('parseCsvRecords', () => {
  it('keeps line breaks inside quotes and reports the line each record starts on', () => {
    expect(parseCsvRecords('a,"multi\nline"\nb,c', ',')).toEqual([
      { line: 1, cells: ['a', 'multi\nline'] },
      { line: 3, cells: ['b', 'c'] },
    ]);
  });
});
