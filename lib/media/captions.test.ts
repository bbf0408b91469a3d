import { describe, expect, it } from 'vitest';
import { MAX_CAPTIONS_BYTES, parseCaptions, srtToVtt } from './captions';
import { MediaError } from './errors';

function captionsError(fn: () => unknown): MediaError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MediaError);
    expect((e as MediaError).code).toBe('INVALID_CAPTIONS');
    return e as MediaError;
  }
  throw new Error('expected INVALID_CAPTIONS');
}

const srt = `1
00:00:01,000 --> 00:00:04,000
Hello <i>there</i> & welcome

2
00:00:05,500 --> 00:00:07,250 X1:10 X2:100 Y1:10 Y2:50
<font color="#ff0000">Second</font> {\\an8}line
with two lines
`;

describe('srtToVtt', () => {
  it('converts timestamps, drops counters and keeps two-line cues', () => {
    expect(srtToVtt(srt)).toBe(`WEBVTT

00:00:01.000 --> 00:00:04.000
Hello <i>there</i> &amp; welcome

00:00:05.500 --> 00:00:07.250
Second line
with two lines
`);
  });

  it('strips a BOM, normalises CRLF and tolerates short fractions and missing counters', () => {
    const vtt = srtToVtt('\uFEFF00:00:01,5 --> 00:00:02,25\r\nA\r\n\r\n3\r\n01:02:03,004 --> 01:02:04,000\r\nB <3\r\n');
    expect(vtt).toBe('WEBVTT\n\n00:00:01.500 --> 00:00:02.250\nA\n\n01:02:03.004 --> 01:02:04.000\nB &lt;3\n');
  });

  it('tolerates a missing blank line between cues', () => {
    expect(parseCaptions('1\n00:00:01,000 --> 00:00:02,000\nA\n2\n00:00:03,000 --> 00:00:04,000\nB\n', 'srt').cues).toBe(2);
  });
});

describe('parseCaptions', () => {
  it('accepts WebVTT with identifiers, settings, NOTE and STYLE blocks and counts the cues', () => {
    const text = 'WEBVTT - lesson 1\r\n\r\nNOTE made by hand\r\n\r\nSTYLE\r\n::cue { color: yellow }\r\n\r\nintro\r\n00:01.000 --> 00:04.000 line:0 align:start\r\nHi\r\n\r\n00:00:05.000 --> 00:00:06.000\r\nBye\r\n';
    const out = parseCaptions(text, 'vtt');
    expect(out.cues).toBe(2);
    expect(out.vtt.startsWith('WEBVTT - lesson 1\n\nNOTE')).toBe(true);
    expect(out.vtt).not.toContain('\r');
    expect(out.vtt.endsWith('Bye\n')).toBe(true);
  });

  it('accepts a .srt upload that is really WebVTT', () => {
    expect(parseCaptions('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n', 'srt').cues).toBe(1);
  });

  it('names the line of the first bad timestamp', () => {
    expect(captionsError(() => parseCaptions('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n\n00:00:03,000 --> 00:00:04.000\nB\n', 'vtt')).message).toMatch(/^Line 6: "00:00:03,000" is not a valid timestamp/);
    expect(captionsError(() => parseCaptions('1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:03,000 --> 00:61:04,000\nB\n', 'srt')).message).toMatch(/^Line 6: "00:61:04,000"/);
    expect(captionsError(() => parseCaptions('1\n00:00:01,000 -> 00:00:02,000\nA\n', 'srt')).message).toMatch(/^Line 2: expected a cue timing like 00:00:01,000 --> 00:00:04,000/);
    expect(captionsError(() => parseCaptions('WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nA\n', 'vtt')).message).toBe('Line 3: the cue ends before it starts.');
    expect(captionsError(() => parseCaptions('WEBVTT\n\nfirst\nsecond\n', 'vtt')).message).toMatch(/^Line 3: expected a cue timing/);
    expect(captionsError(() => parseCaptions('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA --> B\n', 'vtt')).message).toMatch(/^Line 4: cue text cannot contain "-->"/);
  });

  it('requires the WEBVTT signature, followed by a blank line', () => {
    expect(captionsError(() => parseCaptions('WEBVTT\n00:00:01.000 --> 00:00:02.000\nA\n', 'vtt')).message).toBe('Line 2: a blank line must separate the WEBVTT line from the first cue.');
    expect(captionsError(() => parseCaptions('1\n00:00:01,000 --> 00:00:02,000\nA\n', 'vtt')).message).toBe('Line 1: a WebVTT file must start with "WEBVTT".');
    expect(captionsError(() => parseCaptions('WEBVTTX\n', 'vtt')).message).toMatch(/^Line 1/);
  });

  it('refuses empty files and files without cues', () => {
    expect(captionsError(() => parseCaptions('', 'srt')).message).toBe('The captions file is empty.');
    expect(captionsError(() => parseCaptions('\uFEFF \r\n\r\n', 'vtt')).message).toBe('The captions file is empty.');
    expect(captionsError(() => parseCaptions('WEBVTT\n\nNOTE nothing yet\n', 'vtt')).message).toBe('The captions file has no cues.');
  });

  it('refuses files over 2 MB, counting UTF-8 bytes', () => {
    const cue = `00:00:01,000 --> 00:00:02,000\n${'ж'.repeat(1000)}\n\n`;
    // Fewer UTF-16 units than the cap but more UTF-8 bytes: 'ж' takes two.
    const big = cue.repeat(Math.ceil((MAX_CAPTIONS_BYTES * 0.6) / cue.length));
    expect(big.length).toBeLessThan(MAX_CAPTIONS_BYTES);
    expect(captionsError(() => parseCaptions(big, 'srt')).message).toBe('The captions file is larger than 2 MB; caption files are text and are normally far smaller.');
    expect(captionsError(() => parseCaptions('x'.repeat(MAX_CAPTIONS_BYTES + 1), 'srt')).message).toMatch(/larger than 2 MB/);
    expect(parseCaptions(cue.repeat(500), 'srt').cues).toBe(500);
  });
});
