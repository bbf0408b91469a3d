'use client';

import './pdf-text-layer.css';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { HighlightBox } from '@/lib/materials/dto';

// The in-app PDF viewer: pdf.js (legacy build, so older phone browsers work too) loaded only on this
// page, one page at a time on a canvas with pdf.js's text layer over it (selectable text), zoom,
// page navigation by buttons, field and keys, the search hit's block highlighted from its 0–1 box,
// and region snapshots: drag a rectangle, the canvas is cropped to a PNG and sent with a note.

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDoc = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type Rect = { nx: number; ny: number; nw: number; nh: number };

type Props = {
  materialId: string;
  title: string;
  initialPage: number;
  highlight: HighlightBox | null;
  canSnapshot: boolean;
  backHref: string;
  /** Pages with a thumbnail made by the extraction job (the strip under the toolbar). */
  thumbnails: number[];
};

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
const MAX_SNAPSHOT_SIDE = 2000;

export function PdfViewer({ materialId, title, initialPage, highlight, canSnapshot, backHref, thumbnails }: Props) {
  const t = useTranslations('materials.viewer');
  const [doc, setDoc] = useState<PdfDoc | null>(null);
  const [failed, setFailed] = useState(false);
  const [pageNum, setPageNum] = useState(initialPage);
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const [scale, setScale] = useState(1);
  const [rendered, setRendered] = useState(0);
  const [width, setWidth] = useState(0);
  const [selecting, setSelecting] = useState(false);
  const [drag, setDrag] = useState<{ x0: number; y0: number; rect: Rect } | null>(null);
  const [kbRect, setKbRect] = useState<Rect>({ nx: 0.1, ny: 0.1, nw: 0.4, nh: 0.15 });
  const [region, setRegion] = useState<(Rect & { page: number; preview: string }) | null>(null);
  const [note, setNote] = useState('');
  const [sendState, setSendState] = useState<{ kind: 'idle' | 'sending' | 'sent' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const pdfjs = useRef<PdfJs | null>(null);
  const outer = useRef<HTMLDivElement>(null);
  const pageBox = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const textLayer = useRef<HTMLDivElement>(null);
  const mark = useRef<HTMLDivElement>(null);
  const scrolledToMark = useRef(false);
  const noteId = useId();
  const pageInputId = useId();

  // Load pdf.js and the document (the signed URL is fetched fresh; it lives a few minutes).
  useEffect(() => {
    let cancelled = false;
    let loaded: PdfDoc | null = null;
    (async () => {
      try {
        const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
        lib.GlobalWorkerOptions.workerSrc = '/api/materials/pdf-worker';
        pdfjs.current = lib;
        const res = await fetch(`/api/materials/${materialId}/file?json=1`);
        if (!res.ok) throw new Error(String(res.status));
        const { url } = (await res.json()) as { url: string };
        loaded = await lib.getDocument({ url, isEvalSupported: false }).promise;
        if (cancelled) return void loaded.destroy();
        setDoc(loaded);
        setPageNum((p) => Math.min(Math.max(1, p), loaded!.numPages));
      } catch {
        if (!cancelled) setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      void loaded?.destroy();
    };
  }, [materialId]);

  // Track the available width (fit-to-width on phones and after rotation).
  useEffect(() => {
    const el = outer.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setWidth(Math.floor(e!.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Render the current page: canvas at device resolution, text layer at CSS scale.
  useEffect(() => {
    if (!doc || !width || !pdfjs.current) return;
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<unknown> } | null = null;
    let text: { cancel(): void } | null = null;
    (async () => {
      const page = await doc.getPage(pageNum);
      if (cancelled) return;
      const base = page.getViewport({ scale: 1 });
      const s = zoom === 'fit' ? Math.max(0.25, (width - 2) / base.width) : zoom;
      const css = page.getViewport({ scale: s });
      const dpr = Math.min(window.devicePixelRatio || 1, 3);
      const c = canvas.current!;
      c.width = Math.floor(css.width * dpr);
      c.height = Math.floor(css.height * dpr);
      c.style.width = `${Math.floor(css.width)}px`;
      c.style.height = `${Math.floor(css.height)}px`;
      const r = page.render({ canvas: c, canvasContext: c.getContext('2d')!, viewport: css, transform: dpr !== 1 ? [dpr, 0, 0, dpr, 0, 0] : undefined });
      task = r;
      const box = pageBox.current!;
      box.style.setProperty('--scale-factor', String(s));
      box.style.setProperty('--total-scale-factor', String(s));
      box.style.setProperty('--scale-round-x', '1px');
      box.style.setProperty('--scale-round-y', '1px');
      const layer = textLayer.current!;
      layer.replaceChildren();
      const tl = new pdfjs.current!.TextLayer({ textContentSource: page.streamTextContent(), container: layer, viewport: css });
      text = tl;
      try {
        await Promise.all([r.promise, tl.render()]);
      } catch {
        return; // cancelled by a newer render
      }
      if (cancelled) return;
      setScale(s);
      setRendered((n) => n + 1);
    })();
    return () => {
      cancelled = true;
      task?.cancel();
      text?.cancel();
    };
  }, [doc, pageNum, zoom, width]);

  // Bring the highlighted block into view once, the first time its page is drawn.
  useEffect(() => {
    if (!rendered || scrolledToMark.current || !mark.current) return;
    scrolledToMark.current = true;
    mark.current.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
  }, [rendered]);

  const total = doc?.numPages ?? 0;
  const go = useCallback((n: number) => setPageNum((p) => (total ? Math.min(total, Math.max(1, n)) : p)), [total]);
  const zoomBy = (dir: 1 | -1) => {
    const cur = zoom === 'fit' ? scale : zoom;
    const next = dir > 0 ? ZOOMS.find((z) => z > cur + 0.01) : [...ZOOMS].reverse().find((z) => z < cur - 0.01);
    if (next) setZoom(next);
  };

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if ((e.target as HTMLElement).closest('input, textarea, button, select')) return;
    const keys: Record<string, () => void> = {
      ArrowRight: () => go(pageNum + 1),
      PageDown: () => go(pageNum + 1),
      ArrowLeft: () => go(pageNum - 1),
      PageUp: () => go(pageNum - 1),
      Home: () => go(1),
      End: () => go(total),
      '+': () => zoomBy(1),
      '=': () => zoomBy(1),
      '-': () => zoomBy(-1),
      '0': () => setZoom('fit'),
      Escape: () => {
        setSelecting(false);
        setDrag(null);
      },
    };
    const f = keys[e.key];
    if (f) {
      e.preventDefault();
      f();
    }
  }

  // Region selection: pointer events over the page, in 0–1 page coordinates.
  const pointAt = (e: ReactPointerEvent) => {
    const r = pageBox.current!.getBoundingClientRect();
    return { x: Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)), y: Math.min(1, Math.max(0, (e.clientY - r.top) / r.height)) };
  };
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    const p = pointAt(e);
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ x0: p.x, y0: p.y, rect: { nx: p.x, ny: p.y, nw: 0, nh: 0 } });
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const p = pointAt(e);
    setDrag({ ...drag, rect: { nx: Math.min(drag.x0, p.x), ny: Math.min(drag.y0, p.y), nw: Math.abs(p.x - drag.x0), nh: Math.abs(p.y - drag.y0) } });
  };
  const onPointerUp = () => {
    if (!drag) return;
    const rect = drag.rect;
    setDrag(null);
    finishSelection(rect);
  };
  // Without a pointer: arrows move the frame, Shift+arrows resize it, Enter takes it.
  const onSurfaceKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const d = 0.01;
    const r = kbRect;
    const moves: Record<string, Rect> = e.shiftKey
      ? { ArrowRight: { ...r, nw: Math.min(1 - r.nx, r.nw + d) }, ArrowLeft: { ...r, nw: Math.max(0.02, r.nw - d) }, ArrowDown: { ...r, nh: Math.min(1 - r.ny, r.nh + d) }, ArrowUp: { ...r, nh: Math.max(0.02, r.nh - d) } }
      : { ArrowRight: { ...r, nx: Math.min(1 - r.nw, r.nx + d) }, ArrowLeft: { ...r, nx: Math.max(0, r.nx - d) }, ArrowDown: { ...r, ny: Math.min(1 - r.nh, r.ny + d) }, ArrowUp: { ...r, ny: Math.max(0, r.ny - d) } };
    if (moves[e.key]) {
      e.preventDefault();
      e.stopPropagation();
      setKbRect(moves[e.key]!);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      finishSelection(kbRect);
    }
  };
  const finishSelection = (rect: Rect) => {
    if (rect.nw < 0.01 || rect.nh < 0.01) return;
    const src = canvas.current!;
    const sx = rect.nx * src.width;
    const sy = rect.ny * src.height;
    const sw = rect.nw * src.width;
    const sh = rect.nh * src.height;
    const k = Math.min(1, MAX_SNAPSHOT_SIDE / Math.max(sw, sh));
    const out = document.createElement('canvas');
    out.width = Math.max(1, Math.round(sw * k));
    out.height = Math.max(1, Math.round(sh * k));
    out.getContext('2d')!.drawImage(src, sx, sy, sw, sh, 0, 0, out.width, out.height);
    setRegion({ ...rect, page: pageNum, preview: out.toDataURL('image/png') });
    setSelecting(false);
    setSendState({ kind: 'idle' });
  };

  async function sendSnapshot() {
    if (!region) return;
    setSendState({ kind: 'sending' });
    const blob = await (await fetch(region.preview)).blob();
    const form = new FormData();
    form.set('image', blob, 'snapshot.png');
    for (const k of ['page', 'nx', 'ny', 'nw', 'nh'] as const) form.set(k, String(region[k]));
    form.set('note', note);
    const res = await fetch(`/api/materials/${materialId}/snapshots`, { method: 'POST', body: form });
    if (res.ok) {
      setSendState({ kind: 'sent' });
      setRegion(null);
      setNote('');
    } else {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setSendState({ kind: 'error', message: body?.error?.message ?? res.statusText });
    }
  }

  const showMark = highlight && highlight.page === pageNum && rendered > 0;
  const pct = (n: number) => `${(n * 100).toFixed(3)}%`;

  return (
    <div className="space-y-3">
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-white/95 p-2 dark:border-slate-800 dark:bg-slate-900/95" role="toolbar" aria-label={title}>
        <Button variant="secondary" size="sm" onClick={() => go(pageNum - 1)} disabled={pageNum <= 1} aria-label={t('prev')}>
          ←
        </Button>
        <label htmlFor={pageInputId} className="sr-only">
          {t('pageInput')}
        </label>
        <input
          id={pageInputId}
          type="number"
          min={1}
          max={total || undefined}
          value={pageNum}
          onChange={(e) => go(Number(e.currentTarget.value) || 1)}
          className="w-16 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
        />
        <span className="text-sm" data-testid="pdf-page-of">
          {t('pageOf', { page: pageNum, total: total || '…' })}
        </span>
        <Button variant="secondary" size="sm" onClick={() => go(pageNum + 1)} disabled={!total || pageNum >= total} aria-label={t('next')}>
          →
        </Button>
        <span className="mx-1 h-5 w-px bg-slate-300 dark:bg-slate-700" aria-hidden />
        <Button variant="secondary" size="sm" onClick={() => zoomBy(-1)} aria-label={t('zoomOut')}>
          −
        </Button>
        <span className="w-24 text-center text-sm" aria-live="polite">
          {t('zoom', { percent: Math.round(scale * 100) })}
        </span>
        <Button variant="secondary" size="sm" onClick={() => zoomBy(1)} aria-label={t('zoomIn')}>
          +
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setZoom('fit')}>
          {t('fit')}
        </Button>
        <a className="text-sm text-brand-600 underline dark:text-indigo-300" href={`/api/materials/${materialId}/file?download=1`}>
          {t('download')}
        </a>
        {canSnapshot && (
          <Button variant={selecting ? 'primary' : 'secondary'} size="sm" aria-pressed={selecting} onClick={() => setSelecting((v) => !v)} data-testid="snapshot-toggle">
            ✂ {selecting ? t('snapshotCancel') : t('snapshot')}
          </Button>
        )}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">{selecting ? t('snapshotHint') : t('keys')}</p>
      {thumbnails.length > 1 && (
        <nav aria-label={t('pages')} className="overflow-x-auto">
          <ul className="flex gap-2 pb-1">
            {thumbnails.map((n) => (
              <li key={n} className="shrink-0">
                <button
                  type="button"
                  onClick={() => go(n)}
                  aria-label={t('goToPage', { page: n })}
                  aria-current={n === pageNum ? 'page' : undefined}
                  className={`block rounded border-2 ${n === pageNum ? 'border-brand-600 dark:border-indigo-300' : 'border-transparent'}`}
                >
                  {/* eslint-disable-next-line @next/next/no-img-element -- signed, short-lived URLs behind a redirect */}
                  <img src={`/api/materials/${materialId}/file?thumb=${n}`} alt="" loading="lazy" width={64} className="block h-auto w-16 bg-white" />
                  <span className="block text-center text-xs">{n}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {sendState.kind === 'sent' && (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900 dark:bg-green-950 dark:text-green-100" data-testid="snapshot-sent">
          {t('snapshotSent')}{' '}
          <Link href={backHref} className="underline">
            {t('snapshotOpenThread')}
          </Link>
        </p>
      )}
      {region && (
        <form
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
          onSubmit={(e) => {
            e.preventDefault();
            void sendSnapshot();
          }}
          data-testid="snapshot-form"
        >
          {/* eslint-disable-next-line @next/next/no-img-element -- a local data: URL of the crop */}
          <img src={region.preview} alt={t('snapshotPreview', { page: region.page })} className="max-h-48 rounded border border-slate-200 dark:border-slate-700" />
          <label htmlFor={noteId} className="block text-sm font-medium">
            {t('snapshotNote')}
          </label>
          <textarea id={noteId} value={note} onChange={(e) => setNote(e.currentTarget.value)} rows={3} maxLength={2000} className="w-full rounded-md border border-slate-300 bg-white p-2 text-sm dark:border-slate-700 dark:bg-slate-950" />
          {sendState.kind === 'error' && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {sendState.message}
            </p>
          )}
          <div className="flex gap-2">
            <Button type="submit" disabled={sendState.kind === 'sending'}>
              {sendState.kind === 'sending' ? t('snapshotSending') : t('snapshotSend')}
            </Button>
            <Button variant="ghost" onClick={() => setRegion(null)}>
              {t('snapshotCancel')}
            </Button>
          </div>
        </form>
      )}
      <div
        ref={outer}
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-label={t('document', { page: pageNum })}
        className="overflow-auto rounded-md bg-slate-100 p-0 outline-offset-2 dark:bg-slate-950"
        data-testid="pdf-viewport"
      >
        {failed ? (
          <p role="alert" className="p-6 text-sm text-red-700 dark:text-red-300">
            {t('error')}
          </p>
        ) : (
          !doc && <p className="p-6 text-sm">{t('loading')}</p>
        )}
        <div ref={pageBox} className="relative mx-auto w-fit bg-white shadow" data-testid="pdf-page" data-page-number={pageNum} data-rendered={rendered > 0 ? 'true' : 'false'} hidden={!doc}>
          <canvas ref={canvas} className="block" aria-hidden />
          <div ref={textLayer} className="textLayer" />
          {showMark && (
            <div
              ref={mark}
              className="pointer-events-none absolute z-[2] rounded-sm bg-yellow-300/40 ring-2 ring-yellow-500"
              style={{ left: pct(highlight.nx), top: pct(highlight.ny), width: pct(highlight.nw), height: pct(highlight.nh) }}
              data-testid="pdf-highlight"
              role="img"
              aria-label={t('highlight')}
            />
          )}
          {selecting && (
            <div
              className="absolute inset-0 z-[3] cursor-crosshair touch-none outline-offset-2"
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onKeyDown={onSurfaceKey}
              tabIndex={0}
              role="application"
              aria-label={t('snapshotKeys')}
              data-testid="snapshot-surface"
            >
              {(() => {
                const r = drag?.rect ?? kbRect;
                return <div className="absolute border-2 border-dashed border-brand-600 bg-brand-600/10" style={{ left: pct(r.nx), top: pct(r.ny), width: pct(r.nw), height: pct(r.nh) }} />;
              })()}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
