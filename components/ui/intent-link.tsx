'use client';

import Link from 'next/link';
import { useState, type ComponentProps } from 'react';

/**
 * A Link that prefetches once the user shows intent (pointer over it, keyboard focus, touch) rather
 * than when it enters the viewport. For the chrome every page repeats — main nav, course tabs,
 * breadcrumbs, range presets: all in view at load, so Next prefetched some 20 dynamic routes (≈ 40
 * requests) on every page view, and parsing them cost a phone a few hundred ms of main thread while
 * the page itself was hydrating (measured on the video analytics page, issue 7).
 */
export function IntentLink({ onMouseEnter, onFocus, onTouchStart, ...props }: Omit<ComponentProps<typeof Link>, 'prefetch'>) {
  const [intent, setIntent] = useState(false);
  return (
    <Link
      {...props}
      // null is Next's default prefetching, switched on at the first sign of intent (its docs' pattern).
      prefetch={intent ? null : false}
      onMouseEnter={(e) => {
        setIntent(true);
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        setIntent(true);
        onFocus?.(e);
      }}
      onTouchStart={(e) => {
        setIntent(true);
        onTouchStart?.(e);
      }}
    />
  );
}
