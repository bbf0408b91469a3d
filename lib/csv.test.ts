import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, toCsv } from './csv';

describe('csv', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
  it('neutralises formulas in text but keeps negative numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-1.5)).toBe('-1.5');
  });
  it('writes empty cells for null and non-finite numbers, rounds long fractions', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(1 / 3)).toBe('0.333333');
  });
  it('joins rows with CRLF', () => {
    expect(toCsv(['day', 'views'], [['2026-01-01', 3], ['2026-01-02', 0]])).toBe('day,views\r\n2026-01-01,3\r\n2026-01-02,0\r\n');
  });
  it('makes safe file names', () => {
    expect(csvFileName('Views over time', '2026-01-01')).toBe('views-over-time-2026-01-01.csv');
    expect(csvFileName('Привет')).toBe('export.csv');
  });
});

describe('toCsv with quoteAll (moderation exports)', () => {
  it('quotes every cell, doubles quotes, keeps newlines inside cells and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x "y"', 'line1\nline2'], [1, null]], { quoteAll: true })).toBe('"a","b"\r\n"x ""y""","line1\nline2"\r\n"1",""\r\n');
  });

  it('neutralizes cells a spreadsheet would run as a formula', () => {
    expect(toCsv(['v'], [['=HYPERLINK("x")'], ['+1'], ['-2'], ['@SUM(A1)']], { quoteAll: true })).toBe('"v"\r\n"\'=HYPERLINK(""x"")"\r\n"\'+1"\r\n"\'-2"\r\n"\'@SUM(A1)"\r\n');
  });
});
