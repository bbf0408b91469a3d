import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes every cell, doubles quotes, keeps newlines inside cells and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x "y"', 'line1\nline2'], [1, null]])).toBe('"a","b"\r\n"x ""y""","line1\nline2"\r\n"1",""\r\n');
  });

  it('neutralizes cells a spreadsheet would run as a formula', () => {
    expect(toCsv(['v'], [['=HYPERLINK("x")'], ['+1'], ['-2'], ['@SUM(A1)']])).toBe('"v"\r\n"\'=HYPERLINK(""x"")"\r\n"\'+1"\r\n"\'-2"\r\n"\'@SUM(A1)"\r\n');
  });
});
