// Where and why JSON.parse failed, worded the same on every engine (V8 does not always give a
// position). Runs only after JSON.parse has thrown, so it need not build any values.

export type JsonSyntaxError = { offset: number; reason: string };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;

const show = (ch: string) => (ch.charCodeAt(0) < 0x20 ? `U+${ch.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}` : `'${ch}'`);

/** Scans a string literal starting at `start` (a `"`); returns the offset after it or an error. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') return i + 1;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === 'u') {
        if (!HEX4.test(text.slice(i + 2, i + 6))) return { offset: i, reason: 'Bad \\u escape in string' };
        i += 6;
        continue;
      }
      if (next === undefined || !ESCAPES.has(next)) return { offset: i, reason: 'Bad escape in string' };
      i += 2;
      continue;
    }
    if (ch.charCodeAt(0) < 0x20) return { offset: i, reason: `Unescaped control character ${show(ch)} in string` };
    i++;
  }
  return { offset: start, reason: 'Unterminated string' };
}

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';

/** The first syntax error in `text`, or null when it is valid JSON. Iterative: deep nesting is fine. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const afterValue = (): Expect => (stack.length ? 'commaOrClose' : 'end');
  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    if (i >= text.length) return expect === 'end' ? null : { offset: i, reason: 'Unexpected end of input' };
    const ch = text[i]!;
    switch (expect) {
      case 'end':
        return { offset: i, reason: `Unexpected ${show(ch)} after the end of the JSON value` };
      case 'colon':
        if (ch !== ':') return { offset: i, reason: `Expected ':' after a property name, found ${show(ch)}` };
        i++;
        expect = 'value';
        break;
      case 'commaOrClose': {
        const close = stack[stack.length - 1] === '{' ? '}' : ']';
        if (ch === ',') {
          i++;
          expect = close === '}' ? 'key' : 'value';
        } else if (ch === close) {
          i++;
          stack.pop();
          expect = afterValue();
        } else return { offset: i, reason: `Expected ',' or '${close}', found ${show(ch)}` };
        break;
      }
      case 'key':
      case 'keyOrClose':
        if (expect === 'keyOrClose' && ch === '}') {
          i++;
          stack.pop();
          expect = afterValue();
        } else if (ch === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = 'colon';
        } else return { offset: i, reason: `Expected a property name in double quotes, found ${show(ch)}` };
        break;
      case 'value':
      case 'valueOrClose': {
        if (expect === 'valueOrClose' && ch === ']') {
          i++;
          stack.pop();
          expect = afterValue();
          break;
        }
        if (ch === '{' || ch === '[') {
          stack.push(ch);
          i++;
          expect = ch === '{' ? 'keyOrClose' : 'valueOrClose';
          break;
        }
        if (ch === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = afterValue();
          break;
        }
        const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
        if (literal) {
          i += literal.length;
          expect = afterValue();
          break;
        }
        NUMBER.lastIndex = i;
        const num = NUMBER.exec(text);
        if (num) {
          i += num[0].length;
          expect = afterValue();
          break;
        }
        return { offset: i, reason: `Unexpected ${show(ch)} where a value was expected` };
      }
    }
  }
}
