'use client';

import { useEffect, useRef } from 'react';

/** Single-key shortcuts (j, k, a, d, x, ?, Enter) for working a long queue; ignored while typing or with a modifier. */
export function useTriageKeys(handlers: Partial<Record<string, () => void>>) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.closest('dialog[open]'))) return;
      // Enter on a link or button keeps its own meaning.
      if (e.key === 'Enter' && el && ['A', 'BUTTON'].includes(el.tagName)) return;
      const h = ref.current[e.key];
      if (!h) return;
      e.preventDefault();
      h();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
