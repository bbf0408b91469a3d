// Caption files uploaded by authors: SRT is converted to WebVTT (what <track> plays), both are
// validated so that a broken file is refused with the line to fix instead of silently showing
// nothing. Pure (browser-safe): the upload form checks a file before sending it.
import { MediaError } from './errors';

export type CaptionsFormat = 'vtt' | 'srt';
export type ParsedCaptions = { vtt: string; cues: number };

export const MAX_CAPTIONS_BYTES = 2 * 1024 * 1024;

const invalid = (message: string) => new MediaError('INVALID_CAPTIONS', message);
const atLine = (line: number, message: string) => invalid(`Line ${line}: ${message}`);

// WebVTT: hours optional (2+ digits), minutes and seconds 00–59, exactly 3 millisecond digits.
const VTT_TIME = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
// SRT as found in the wild: `,` (or `.`), 1–3 fraction digits, 1+ hour digits.
const SRT_TIME = /^(\d+):([0-5]?\d):([0-5]?\d)[,.](\d{1,3})$/;
const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+(.*))?$/;

function toMs(m: RegExpExecArray): number {
  const [, h, min, s, frac] = m;
  return Number(h ?? 0) * 3_600_000 + Number(min) * 60_000 + Number(s) * 1000 + Number((frac ?? '0').padEnd(3, '0'));
}

function formatVttTime(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

type Timing = { start: number; end: number; settings: string };

function parseTiming(line: string, lineNo: number, format: CaptionsFormat): Timing {
  const example = format === 'srt' ? '00:00:01,000 --> 00:00:04,000' : '00:00:01.000 --> 00:00:04.000';
  const m = TIMING.exec(line.trim());
  if (!m) throw atLine(lineNo, `expected a cue timing like ${example}, found "${line.trim().slice(0, 60)}".`);
  const pattern = format === 'srt' ? SRT_TIME : VTT_TIME;
  const times: number[] = [];
  for (const raw of [m[1]!, m[2]!]) {
    const t = pattern.exec(raw);
    if (!t) throw atLine(lineNo, `"${raw.slice(0, 30)}" is not a valid timestamp (expected the form ${format === 'srt' ? '00:01:02,500' : '00:01:02.500'}).`);
    times.push(toMs(t));
  }
  const [start, end] = times as [number, number];
  if (end < start) throw atLine(lineNo, 'the cue ends before it starts.');
  return { start, end, settings: m[3]?.trim() ?? '' };
}

/** Normalises what editors and Windows tools add: a BOM and CR/CRLF line ends. Enforces the size cap. */
function normalise(text: string): string[] {
  // Every UTF-16 unit is at least one UTF-8 byte, so a long string is refused before encoding it.
  if (text.length > MAX_CAPTIONS_BYTES || new TextEncoder().encode(text).length > MAX_CAPTIONS_BYTES) {
    throw invalid(`The captions file is larger than ${MAX_CAPTIONS_BYTES / 1024 / 1024} MB; caption files are text and are normally far smaller.`);
  }
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (clean.trim() === '') throw invalid('The captions file is empty.');
  return clean.split('\n');
}

const isBlank = (line: string | undefined) => line === undefined || line.trim() === '';

/** SRT cue text → WebVTT cue text: keeps <b>/<i>/<u>, drops <font> and ASS overrides, escapes the rest. */
function srtTextToVtt(line: string): string {
  return line
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/&(?!(?:amp|lt|gt|nbsp|lrm|rlm|#\d+|#x[0-9a-f]+);)/gi, '&amp;')
    .replace(/<(\/?)([a-zA-Z]+)(?:\s[^>]*)?>|</g, (_m, slash: string | undefined, tag: string | undefined) => {
      if (tag === undefined) return '&lt;';
      const t = tag.toLowerCase();
      return t === 'b' || t === 'i' || t === 'u' ? `<${slash ?? ''}${t}>` : '';
    })
    .replace(/-->/g, '--&gt;');
}

function parseSrt(lines: string[]): ParsedCaptions {
  const cues: string[] = [];
  let i = 0;
  const isTimingAt = (j: number) => lines[j]?.includes('-->') ?? false;
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    // The numeric counter is optional in practice; a timing line alone starts a cue too.
    if (/^\d+$/.test(lines[i]!.trim()) && !isBlank(lines[i + 1])) i++;
    const timing = parseTiming(lines[i]!, i + 1, 'srt');
    i++;
    const text: string[] = [];
    // Text runs to the next blank line; a missing blank line before the next counter + timing is tolerated.
    while (!isBlank(lines[i]) && !isTimingAt(i) && !(/^\d+$/.test(lines[i]!.trim()) && isTimingAt(i + 1))) {
      text.push(srtTextToVtt(lines[i]!));
      i++;
    }
    cues.push([`${formatVttTime(timing.start)} --> ${formatVttTime(timing.end)}`, ...text].join('\n'));
  }
  if (cues.length === 0) throw invalid('The captions file has no cues.');
  return { vtt: `WEBVTT\n\n${cues.join('\n\n')}\n`, cues: cues.length };
}

function parseVtt(lines: string[]): ParsedCaptions {
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) throw atLine(1, 'a WebVTT file must start with "WEBVTT".');
  let i = 1;
  for (; !isBlank(lines[i]); i++) {
    // Players read everything up to the first blank line as header and would drop this cue.
    if (lines[i]!.includes('-->')) throw atLine(i + 1, 'a blank line must separate the WEBVTT line from the first cue.');
  }
  let cues = 0;
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    const blockStart = i;
    const block: string[] = [];
    while (!isBlank(lines[i])) block.push(lines[i++]!);
    const first = block[0]!;
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) continue;
    // A cue may carry an identifier line before its timing.
    const timingOffset = first.includes('-->') ? 0 : 1;
    if (timingOffset === 1 && !block[1]?.includes('-->')) {
      throw atLine(blockStart + 1, 'expected a cue timing like 00:00:01.000 --> 00:00:04.000 (cues are separated by blank lines).');
    }
    parseTiming(block[timingOffset]!, blockStart + timingOffset + 1, 'vtt');
    const arrowInText = block.findIndex((l, k) => k > timingOffset && l.includes('-->'));
    if (arrowInText >= 0) throw atLine(blockStart + arrowInText + 1, 'cue text cannot contain "-->"; separate cues with a blank line.');
    cues++;
  }
  if (cues === 0) throw invalid('The captions file has no cues.');
  const body = lines.join('\n').replace(/\n+$/, '');
  return { vtt: `${body}\n`, cues };
}

/**
 * Validates an uploaded captions file and returns it as WebVTT. Throws MediaError INVALID_CAPTIONS
 * (with the line number of the first problem) for an empty, oversized or malformed file.
 */
export function parseCaptions(text: string, format: CaptionsFormat): ParsedCaptions {
  const lines = normalise(text);
  // Authors pick the format from the file name; a .srt that is really WebVTT is accepted as such.
  if (format === 'vtt' || /^WEBVTT(?:[ \t]|$)/.test(lines[0] ?? '')) return parseVtt(lines);
  return parseSrt(lines);
}

/** Converts SRT to WebVTT; throws MediaError INVALID_CAPTIONS like parseCaptions. */
export function srtToVtt(srt: string): string {
  return parseCaptions(srt, 'srt').vtt;
}
