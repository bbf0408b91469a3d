'use client';

import { useRouter } from 'next/navigation';
import { useRef, type ComponentProps, type SyntheticEvent } from 'react';

type Props = Omit<ComponentProps<'nav'>, 'ref'> & { as?: 'nav' | 'div' };

/**
 * Client-side navigation for the plain links inside it (`<a href>`), with one delegated handler
 * instead of a `next/link` component per link, and prefetching on intent (pointer over, focus,
 * touch) instead of when a link enters the viewport. For the chrome every signed-in page repeats —
 * main nav, course tabs, breadcrumbs, range presets, header — which is always in view: as `Link`s
 * those were ~30 client components to hydrate and ~20 routes (≈ 40 requests) prefetched at every
 * page load, a large share of a phone's main-thread work on the analytics dashboards (issue 7).
 * A modified click (new tab, download, another origin, a `target`) is left to the browser.
 */
export function IntentNav({ as: Tag = 'nav', onClick, onMouseOver, onFocus, onTouchStart, ...props }: Props) {
  const router = useRouter();
  const prefetched = useRef(new Set<string>());
  const hrefOf = (e: SyntheticEvent): string | null => {
    const a = (e.target as Element | null)?.closest?.('a[href]');
    if (!(a instanceof HTMLAnchorElement) || a.target || a.hasAttribute('download') || a.origin !== window.location.origin) return null;
    // An in-page anchor (the skip link) is the browser's.
    if (a.hash && a.pathname === window.location.pathname && a.search === window.location.search) return null;
    return `${a.pathname}${a.search}${a.hash}`;
  };
  const prefetch = (e: SyntheticEvent) => {
    const href = hrefOf(e);
    if (href && !prefetched.current.has(href)) {
      prefetched.current.add(href);
      router.prefetch(href);
    }
  };
  return (
    <Tag
      {...props}
      onClick={(e) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        const href = hrefOf(e);
        if (!href) return;
        e.preventDefault();
        router.push(href);
      }}
      onMouseOver={(e) => {
        onMouseOver?.(e);
        prefetch(e);
      }}
      onFocus={(e) => {
        onFocus?.(e);
        prefetch(e);
      }}
      onTouchStart={(e) => {
        onTouchStart?.(e);
        prefetch(e);
      }}
    />
  );
}
