'use client';

import { useTranslations } from 'next-intl';
import { useId, useSyncExternalStore, type ReactNode } from 'react';

const KEY = 'lectern-outline-collapsed';
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const read = () => localStorage.getItem(KEY) === '1';

/**
 * The lesson page's side outline, collapsible with a button (the choice is remembered on this
 * device). On narrow screens it starts collapsed above the lesson so the video comes first.
 */
export function CollapsibleOutline({ children }: { children: ReactNode }) {
  const t = useTranslations('learn');
  const id = useId();
  const collapsed = useSyncExternalStore(subscribe, read, () => false);
  const toggle = () => {
    localStorage.setItem(KEY, collapsed ? '0' : '1');
    listeners.forEach((l) => l());
  };
  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={toggle}
        aria-expanded={!collapsed}
        aria-controls={id}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        {collapsed ? t('showOutline') : t('hideOutline')}
      </button>
      <div id={id} hidden={collapsed}>
        {children}
      </div>
    </div>
  );
}
