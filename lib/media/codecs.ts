// RFC 6381 codec strings for an HLS master playlist's CODECS attribute, read from an fMP4 init
// segment. Reading the real avcC/esds boxes (instead of assuming "High@4.0") keeps the attribute
// true for copied sources too, and a wrong CODECS makes players refuse a variant outright. Pure.

type Box = { type: string; start: number; end: number };

const u32 = (b: Uint8Array, at: number) => ((b[at] ?? 0) * 0x1000000 + ((b[at + 1] ?? 0) << 16) + ((b[at + 2] ?? 0) << 8) + (b[at + 3] ?? 0));
const type4 = (b: Uint8Array, at: number) => String.fromCharCode(b[at] ?? 0, b[at + 1] ?? 0, b[at + 2] ?? 0, b[at + 3] ?? 0);
const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** Child boxes of the payload [start, end). */
function boxes(b: Uint8Array, start: number, end: number): Box[] {
  const out: Box[] = [];
  let at = start;
  while (at + 8 <= end) {
    let size = u32(b, at);
    let header = 8;
    if (size === 1) {
      size = u32(b, at + 8) * 0x100000000 + u32(b, at + 12);
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header || at + size > end) break;
    out.push({ type: type4(b, at + 4), start: at + header, end: at + size });
    at += size;
  }
  return out;
}

function find(b: Uint8Array, within: Box, path: string[]): Box[] {
  if (path.length === 0) return [within];
  const [head, ...rest] = path;
  return boxes(b, within.start, within.end)
    .filter((x) => x.type === head)
    .flatMap((x) => find(b, x, rest));
}

/** Reads an MPEG-4 descriptor header (tag + 1–4 byte size); returns where its payload starts. */
function descriptor(b: Uint8Array, at: number): { tag: number; start: number; size: number } | null {
  const tag = b[at];
  if (tag === undefined) return null;
  let size = 0;
  let i = at + 1;
  for (let n = 0; n < 4; n++, i++) {
    const byte = b[i];
    if (byte === undefined) return null;
    size = (size << 7) | (byte & 0x7f);
    if (!(byte & 0x80)) return { tag, start: i + 1, size };
  }
  return null;
}

function aacCodec(b: Uint8Array, esds: Box): string | null {
  // esds is a full box: 4 bytes of version/flags, then the ES_Descriptor (tag 3).
  const es = descriptor(b, esds.start + 4);
  if (!es || es.tag !== 3) return null;
  const flags = b[es.start + 2] ?? 0;
  let at = es.start + 3;
  if (flags & 0x80) at += 2; // streamDependenceFlag
  if (flags & 0x40) at += 1 + (b[at] ?? 0); // URL_Flag
  if (flags & 0x20) at += 2; // OCRstreamFlag
  const dcd = descriptor(b, at);
  if (!dcd || dcd.tag !== 4) return null;
  const objectType = b[dcd.start] ?? 0;
  if (objectType !== 0x40) return `mp4a.${hex2(objectType).toUpperCase()}`;
  const dsi = descriptor(b, dcd.start + 13);
  if (!dsi || dsi.tag !== 5) return 'mp4a.40.2';
  const first = b[dsi.start] ?? 0;
  let aot = first >> 3;
  if (aot === 31) aot = 32 + (((first & 0x07) << 3) | ((b[dsi.start + 1] ?? 0) >> 5));
  return `mp4a.40.${aot}`;
}

function sampleEntryCodec(b: Uint8Array, entry: Box): string | null {
  if (entry.type === 'avc1' || entry.type === 'avc3') {
    // VisualSampleEntry has 78 bytes of fixed fields before its child boxes.
    const avcC = boxes(b, entry.start + 78, entry.end).find((x) => x.type === 'avcC');
    if (!avcC || avcC.end - avcC.start < 4) return null;
    return `${entry.type}.${hex2(b[avcC.start + 1] ?? 0)}${hex2(b[avcC.start + 2] ?? 0)}${hex2(b[avcC.start + 3] ?? 0)}`;
  }
  if (entry.type === 'mp4a') {
    // AudioSampleEntry (version 0) has 28 bytes of fixed fields.
    const esds = boxes(b, entry.start + 28, entry.end).find((x) => x.type === 'esds');
    return esds ? aacCodec(b, esds) : null;
  }
  return null;
}

/** The CODECS value ("avc1.64001f,mp4a.40.2") for an fMP4 init segment, or null when a track's codec is not recognised. */
export function codecsFromInitSegment(bytes: Uint8Array): string | null {
  const root: Box = { type: 'root', start: 0, end: bytes.length };
  const codecs: string[] = [];
  for (const stsd of find(bytes, root, ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd'])) {
    // stsd is a full box (4 bytes) with an entry count (4 bytes) before its sample entries.
    const entry = boxes(bytes, stsd.start + 8, stsd.end)[0];
    if (!entry) continue;
    const codec = sampleEntryCodec(bytes, entry);
    if (!codec) return null;
    codecs.push(codec);
  }
  if (codecs.length === 0) return null;
  // Video first, as players and validators expect.
  codecs.sort((a, b) => Number(b.startsWith('avc')) - Number(a.startsWith('avc')));
  return codecs.join(',');
}
