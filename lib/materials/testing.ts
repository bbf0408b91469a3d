import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';

// Synthetic PDFs for tests, e2e and the benchmark: known text at known positions (pdf-lib), plus a
// password-protected and a damaged file. Cyrillic needs an embedded font: Geist, which Next ships.

const require = createRequire(import.meta.url);
const geistPath = () => path.join(path.dirname(require.resolve('next/package.json')), 'dist/compiled/@vercel/og/Geist-Regular.ttf');

/** `y` is the baseline in PDF points from the bottom, as pdf-lib draws. */
export type PdfText = { text: string; x: number; y: number; size?: number };
export type PdfPageSpec = { width?: number; height?: number; texts: PdfText[] };

export async function makePdf(pages: PdfPageSpec[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  let font: PDFFont;
  try {
    font = await doc.embedFont(fs.readFileSync(geistPath()), { subset: true });
  } catch {
    font = await doc.embedFont(StandardFonts.Helvetica);
  }
  for (const p of pages) {
    const page = doc.addPage([p.width ?? 612, p.height ?? 792]);
    for (const t of p.texts) page.drawText(t.text, { x: t.x, y: t.y, size: t.size ?? 12, font });
  }
  return doc.save({ useObjectStreams: false });
}

/** A PDF whose pages carry only a drawn rectangle: what a scan without a text layer looks like to us. */
export async function makeScannedPdf(pageCount = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pageCount; i++) doc.addPage([612, 792]).drawRectangle({ x: 50, y: 50, width: 500, height: 690, borderWidth: 2 });
  return doc.save();
}

/** A long PDF (benchmark, streaming test): `pages` pages of `linesPerPage` lines each. */
export async function makeLongPdf(pages: number, linesPerPage = 30): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`Chapter ${i}: materials extraction`, { x: 72, y: 740, size: 18, font });
    for (let l = 0; l < linesPerPage; l++) page.drawText(`Line ${l} of page ${i}: running students read books about algorithms and data.`, { x: 72, y: 700 - l * 20, size: 11, font });
  }
  return doc.save();
}

/**
 * A PDF encrypted with the standard security handler and a user password we never give: pdf.js
 * must ask for a password. (The O/U entries are random, so no empty password opens it.)
 */
export function makeEncryptedPdf(): Uint8Array {
  const hex = (n: number) => Array.from({ length: n }, (_, i) => ((i * 37 + 11) % 256).toString(16).padStart(2, '0')).join('');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    '<< /Length 0 >>\nstream\n\nendstream',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32)}> /U <${hex(32).split('').reverse().join('')}> /P -44 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${hex(16)}> <${hex(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** Starts like a PDF, then is garbage. */
export function makeCorruptPdf(): Uint8Array {
  const body = '%PDF-1.7\n' + 'this is not a real pdf body '.repeat(200) + '\n%%EOF\n';
  return new TextEncoder().encode(body);
}
