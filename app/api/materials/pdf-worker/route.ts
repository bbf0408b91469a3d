import fs from 'node:fs/promises';
import path from 'node:path';

export const dynamic = 'force-static';

// pdf.js parses documents in a Web Worker; its script is served from the installed package, so the
// worker always matches the library version the viewer loads (no copy kept in the repository).
export async function GET() {
  const file = path.join(process.cwd(), 'node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs');
  return new Response(await fs.readFile(file), { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' } });
}
