// Recognises a video container from its first bytes, so that an upload is refused before a byte
// is sent (browser) and a renamed file is caught again on the server. Pure: no Node APIs.

export type VideoContainer = 'mp4' | 'mov' | 'webm' | 'mkv';

/** How many leading bytes the caller should read; enough for every header checked below. */
export const SNIFF_BYTES = 4096;

const ascii = (b: Uint8Array, at: number, len: number): string => {
  let s = '';
  for (let i = at; i < at + len && i < b.length; i++) s += String.fromCharCode(b[i] ?? 0);
  return s;
};

const u32 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) * 0x1000000 + ((b[at + 1] ?? 0) << 16) + ((b[at + 2] ?? 0) << 8) + (b[at + 3] ?? 0));

// ISO BMFF brands of still images (HEIF, AVIF) share the `ftyp` header with video files.
const IMAGE_BRANDS = new Set(['avif', 'avis', 'heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'jpeg', 'jpgs']);

// Top-level QuickTime atoms that may open a file that has no `ftyp` (QuickTime before 2001, and some cameras).
const QUICKTIME_LEADING_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

function sniffIsoBmff(head: Uint8Array): VideoContainer | null {
  if (head.length < 12) return null;
  const size = u32(head, 0);
  const type = ascii(head, 4, 4);
  if (type === 'ftyp') {
    // An ftyp is major brand + minor version + 4-byte compatible brands; anything else is not a real header.
    if (size < 16 || size > 1024 || size % 4 !== 0) return null;
    const major = ascii(head, 8, 4);
    if (major === 'qt  ') return 'mov';
    if (IMAGE_BRANDS.has(major)) return null;
    return /^[\x20-\x7e]{4}$/.test(major) ? 'mp4' : null;
  }
  if (!QUICKTIME_LEADING_ATOMS.has(type)) return null;
  // Without ftyp, walk the leading atoms: every one must have a plausible size and a known type,
  // until a `moov` or `mdat` proves it is a movie. This keeps a text file that happens to start
  // with "....free" out.
  let at = 0;
  for (let i = 0; i < 8 && at + 8 <= head.length; i++) {
    const boxSize = u32(head, at);
    const boxType = ascii(head, at + 4, 4);
    if (!QUICKTIME_LEADING_ATOMS.has(boxType)) return null;
    if (boxType === 'moov' || boxType === 'mdat') return boxSize === 0 || boxSize === 1 || boxSize >= 8 ? 'mov' : null;
    if (boxSize < 8) return null;
    at += boxSize;
  }
  return null;
}

/** Reads an EBML variable-length integer; the marker bit is kept for IDs and dropped for sizes. */
function readVint(b: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number } | null {
  const first = b[at];
  if (first === undefined || first === 0) return null;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || at + length > b.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + (b[at + i] ?? 0);
  return { value, length };
}

function sniffEbml(head: Uint8Array): VideoContainer | null {
  if (!(head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3)) return null;
  const headerSize = readVint(head, 4, false);
  if (!headerSize) return null;
  let at = 4 + headerSize.length;
  const end = Math.min(head.length, at + headerSize.value);
  while (at < end) {
    const id = readVint(head, at, true);
    if (!id) return null;
    const size = readVint(head, at + id.length, false);
    if (!size) return null;
    const dataAt = at + id.length + size.length;
    if (id.value === 0x4282) {
      // DocType; writers may pad the string with NULs.
      const docType = ascii(head, dataAt, size.value).replace(/\0+$/, '');
      if (docType === 'webm') return 'webm';
      if (docType === 'matroska') return 'mkv';
      return null;
    }
    at = dataAt + size.value;
  }
  return null;
}

/** The container of a file from its first SNIFF_BYTES bytes, or null when it is not a video container we accept. */
export function sniffVideoContainer(head: Uint8Array): VideoContainer | null {
  return sniffEbml(head) ?? sniffIsoBmff(head);
}
