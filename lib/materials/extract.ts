import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { groupBlocks, type TextBlock, type TextItem } from './blocks';

// PDF text extraction with pdf.js (legacy build, which runs in Node). The file is read from disk by
// byte ranges (file:// URL), and pages are handed out one at a time and cleaned up after, so memory
// stays bounded whatever the page count. Thumbnails are rendered with @napi-rs/canvas, pdf.js's
// own Node canvas; without it extraction still works, without thumbnails.

export type ExtractFailure = 'encrypted' | 'corrupt' | 'unreadable';
export class PdfExtractError extends Error {
  constructor(
    public readonly reason: ExtractFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PdfExtractError';
  }
}

export type ExtractedPage = { number: number; width: number; height: number; blocks: TextBlock[]; thumbnail?: Buffer };

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;
const loadPdfJs = () => (pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

type CanvasModule = typeof import('@napi-rs/canvas');
let canvasPromise: Promise<CanvasModule | null> | null = null;
/** The Node canvas, or null when its native package is not installed on this platform. */
export const loadCanvas = () => (canvasPromise ??= import('@napi-rs/canvas').then((m) => m as CanvasModule).catch(() => null));

const require = createRequire(import.meta.url);
const pdfjsDir = () => path.dirname(require.resolve('pdfjs-dist/package.json'));

function mapError(e: unknown): PdfExtractError {
  const name = (e as { name?: string })?.name;
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException') return new PdfExtractError('encrypted', 'The PDF is protected by a password');
  if (name === 'InvalidPDFException' || name === 'FormatError') return new PdfExtractError('corrupt', `The PDF is damaged or not a PDF (${message})`);
  return new PdfExtractError('unreadable', `The PDF could not be read (${message})`);
}

/**
 * Opens a PDF file for extraction. Throws PdfExtractError (encrypted, corrupt) when it cannot be
 * opened. `pages()` yields each page's size, text blocks and (optionally) a thumbnail.
 */
export async function openPdf(filePath: string, opts: { thumbnailWidth?: number } = {}) {
  const pdfjs = await loadPdfJs();
  const dir = pdfjsDir();
  const task = pdfjs.getDocument({
    url: pathToFileURL(filePath).href,
    // Read by ranges only as pages need them: a 2,000-page file is never held whole.
    disableAutoFetch: true,
    rangeChunkSize: 256 * 1024,
    isEvalSupported: false,
    useSystemFonts: false,
    standardFontDataUrl: pathToFileURL(path.join(dir, 'standard_fonts') + path.sep).href,
    cMapUrl: pathToFileURL(path.join(dir, 'cmaps') + path.sep).href,
    cMapPacked: true,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => {});
    throw mapError(e);
  }
  const canvas = opts.thumbnailWidth ? await loadCanvas() : null;
  const pageCount = doc.numPages;

  async function extractPage(n: number): Promise<ExtractedPage> {
    let page;
    try {
      page = await doc.getPage(n);
    } catch (e) {
      throw mapError(e);
    }
    try {
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const raw of content.items) {
        if (!('str' in raw) || !raw.str.trim()) continue;
        const tx = pdfjs.Util.transform(viewport.transform, raw.transform);
        const fontHeight = Math.hypot(tx[2], tx[3]);
        const style = content.styles[raw.fontName];
        // As pdf.js's own text layer does: the ascent from the font, else 80 % of the size.
        const ascent = style?.ascent ? style.ascent * fontHeight : style?.descent ? (1 + style.descent) * fontHeight : 0.8 * fontHeight;
        const angle = Math.atan2(tx[1], tx[0]);
        const width = raw.width * viewport.scale;
        if (Math.abs(angle) < 0.01) items.push({ text: raw.str, x: tx[4], y: tx[5] - ascent, w: width, h: fontHeight });
        else {
          // Rotated text: the bounding box of the rotated rectangle.
          const cos = Math.cos(angle);
          const sin = Math.sin(angle);
          const xs = [0, width * cos, -ascent * -sin, width * cos - ascent * -sin].map((d) => tx[4] + d);
          const ys = [0, width * sin, -ascent * cos, width * sin - ascent * cos].map((d) => tx[5] + d);
          items.push({ text: raw.str, x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(Math.max(...ys) - Math.min(...ys), fontHeight) });
        }
      }
      const result: ExtractedPage = { number: n, width: viewport.width, height: viewport.height, blocks: groupBlocks(items, { number: n, width: viewport.width, height: viewport.height }) };
      if (canvas && opts.thumbnailWidth) {
        const scale = opts.thumbnailWidth / viewport.width;
        const vp = page.getViewport({ scale });
        const c = canvas.createCanvas(Math.max(1, Math.ceil(vp.width)), Math.max(1, Math.ceil(vp.height)));
        const ctx = c.getContext('2d');
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, c.width, c.height);
        try {
          await page.render({ canvas: c as unknown as HTMLCanvasElement, canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport: vp }).promise;
          result.thumbnail = await c.encode('webp', 70);
        } catch {
          // A page that does not render still has its text; it just shows no thumbnail.
        }
      }
      return result;
    } finally {
      page.cleanup();
    }
  }

  return {
    pageCount,
    async *pages(from = 1): AsyncGenerator<ExtractedPage> {
      for (let n = from; n <= pageCount; n++) yield await extractPage(n);
    },
    close: () => doc.destroy(),
  };
}
