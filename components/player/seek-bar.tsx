'use client';

import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatTime } from '@/lib/player/format';
import { tileAt, type StoryboardTile } from '@/lib/player/storyboard';

// The scrubber: an ARIA slider (arrows ±5 s, Page Up/Down ±10 %, Home/End) with a storyboard
// thumbnail and time above the pointer while hovering or dragging. A drag seeks on release, so a
// scrub over an HLS stream loads only the segment it ends on.

const THUMB_MAX_W = 176;
const THUMB_MAX_H = 128;

export function SeekBar({
  current,
  duration,
  buffered,
  tiles,
  label,
  valueText,
  onSeek,
  disabled,
}: {
  current: number;
  duration: number;
  buffered: number;
  tiles: StoryboardTile[];
  label: string;
  valueText: (seconds: number) => string;
  onSeek: (seconds: number) => void;
  disabled?: boolean;
}) {
  const barRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ time: number; x: number; width: number } | null>(null);
  const [drag, setDrag] = useState<number | null>(null);

  const at = (clientX: number) => {
    const r = barRef.current!.getBoundingClientRect();
    const x = Math.min(Math.max(clientX - r.left, 0), r.width);
    return { time: r.width > 0 ? (x / r.width) * duration : 0, x, width: r.width };
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (disabled || !duration || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    const p = at(e.clientX);
    setHover(p);
    setDrag(p.time);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!duration) return;
    const p = at(e.clientX);
    if (drag !== null || e.pointerType === 'mouse') setHover(p);
    if (drag !== null) setDrag(p.time);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (drag === null) return;
    const p = at(e.clientX);
    setDrag(null);
    if (e.pointerType !== 'mouse') setHover(null);
    onSeek(p.time);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (disabled || !duration) return;
    const step: Record<string, number> = { ArrowLeft: -5, ArrowDown: -5, ArrowRight: 5, ArrowUp: 5, PageDown: -duration / 10, PageUp: duration / 10 };
    let to: number | null = null;
    if (e.key in step) to = current + step[e.key]!;
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = duration;
    if (to === null) return;
    // Handled here: the player's own arrow shortcuts must not apply a second time.
    e.preventDefault();
    onSeek(Math.min(Math.max(to, 0), duration));
  };

  const shown = drag ?? current;
  const pct = (s: number) => `${duration > 0 ? Math.min(100, Math.max(0, (s / duration) * 100)) : 0}%`;
  const tile = hover ? tileAt(tiles, hover.time) : null;
  const scale = tile ? Math.min(1, THUMB_MAX_W / tile.w, THUMB_MAX_H / tile.h) : 1;
  const previewW = tile ? tile.w * scale : 56;
  const previewLeft = hover ? Math.min(Math.max(hover.x - previewW / 2, 0), Math.max(0, hover.width - previewW)) : 0;

  return (
    <div className="relative">
      {hover && (
        <div aria-hidden="true" className="pointer-events-none absolute bottom-full mb-2 flex flex-col items-center" style={{ left: previewLeft, width: previewW }}>
          {tile && (
            <div className="overflow-hidden rounded border border-white/70 bg-black shadow" style={{ width: tile.w * scale, height: tile.h * scale }}>
              <div
                style={{
                  width: tile.w,
                  height: tile.h,
                  backgroundImage: `url("${tile.url.replace(/"/g, '%22')}")`,
                  backgroundPosition: `-${tile.x}px -${tile.y}px`,
                  backgroundRepeat: 'no-repeat',
                  transform: `scale(${scale})`,
                  transformOrigin: '0 0',
                }}
              />
            </div>
          )}
          <span className="mt-1 rounded bg-black/80 px-1.5 py-0.5 text-xs text-white tabular-nums">{formatTime(hover.time)}</span>
        </div>
      )}
      <div
        ref={barRef}
        role="slider"
        tabIndex={disabled ? -1 : 0}
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={Math.round(duration)}
        aria-valuenow={Math.round(shown)}
        aria-valuetext={valueText(shown)}
        aria-disabled={disabled || undefined}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          setDrag(null);
          setHover(null);
        }}
        onPointerLeave={() => {
          if (drag === null) setHover(null);
        }}
        className="group/seek relative flex h-6 cursor-pointer touch-none items-center rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
      >
        <div className="relative h-1 w-full rounded-full bg-white/30 transition-[height] group-hover/seek:h-1.5">
          <div className="absolute inset-y-0 left-0 rounded-full bg-white/40" style={{ width: pct(buffered) }} />
          <div className="absolute inset-y-0 left-0 rounded-full bg-brand-500" style={{ width: pct(shown) }} />
          <div
            className="absolute top-1/2 size-3.5 -translate-x-1/2 -translate-y-1/2 rounded-full bg-white shadow ring-2 ring-brand-500"
            style={{ left: pct(shown) }}
          />
        </div>
      </div>
    </div>
  );
}
