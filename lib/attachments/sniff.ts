import { ATTACHMENT_TYPES, extensionOf, type AttachmentType } from './constants';

// Recognises an attachment's real type from its first bytes; the file name and the browser's
// declared type are never trusted. Pure (no Node APIs), so it is unit tested directly.

export type Sniffed = { type: AttachmentType; width?: number; height?: number };

const ascii = (b: Uint8Array, at: number, len: number) => {
  let s = '';
  for (let i = at; i < at + len && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
};
const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number) => (b[at] ?? 0) * 0x1000000 + (((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0));

/** Executables and scripts, refused whatever their name says. */
export function isExecutable(b: Uint8Array): boolean {
  return (
    startsWith(b, [0x4d, 0x5a]) || // MZ: Windows PE
    startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(b, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(b, [0xce, 0xfa, 0xed, 0xfe]) || startsWith(b, [0xca, 0xfe, 0xba, 0xbe]) || // Mach-O
    startsWith(b, [0x23, 0x21]) // #! script
  );
}

function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const len = u16be(b, at + 2);
    // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: u16be(b, at + 5), width: u16be(b, at + 7) };
    at += 2 + len;
  }
  return undefined;
}

function webpSize(b: Uint8Array): { width: number; height: number } | undefined {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return undefined;
}

/** Plain text: valid UTF-8 without NUL or other binary control bytes. */
function looksLikeText(b: Uint8Array): boolean {
  if (!b.length) return false;
  for (const c of b) if (c === 0 || (c < 0x09) || (c > 0x0d && c < 0x20 && c !== 0x1b)) return false;
  try {
    // A multi-byte character may be cut at the end of the sniffed window; drop up to 3 bytes.
    new TextDecoder('utf-8', { fatal: true }).decode(b.length > 4 ? b.subarray(0, b.length - 3) : b);
    return true;
  } catch {
    return false;
  }
}

/**
 * The real type of a file from its first bytes (and, for containers that several formats share,
 * the name's extension), or null when it is not something we accept. Images get their size.
 */
export function sniffAttachment(b: Uint8Array, filename: string): Sniffed | null {
  if (b.length < 4 || isExecutable(b)) return null;
  const ext = extensionOf(filename);
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return ascii(b, 12, 4) === 'IHDR' ? { type: 'image/png', width: u32be(b, 16), height: u32be(b, 20) } : null;
  }
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { type: 'image/jpeg', ...jpegSize(b) };
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return { type: 'image/gif', width: u16le(b, 6), height: u16le(b, 8) };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return { type: 'image/webp', ...webpSize(b) };
  if (ascii(b, 0, 5) === '%PDF-') return { type: 'application/pdf' };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    // Office Open XML and OpenDocument files are zip archives; the extension says which.
    const byExt = (Object.entries(ATTACHMENT_TYPES) as [AttachmentType, readonly string[]][]).find(([t, exts]) => t.startsWith('application/vnd.') && exts.includes(ext));
    return { type: byExt ? byExt[0] : 'application/zip' };
  }
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { type: 'application/msword' };
  if (looksLikeText(b)) return (ATTACHMENT_TYPES['text/plain'] as readonly string[]).includes(ext) ? { type: 'text/plain' } : null;
  return null;
}
