'use client';

import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { IntentNav } from '@/components/ui/intent-nav';

/** `count` shows a badge (e.g. homework waiting for review); `countLabel` is its screen-reader text. */
export type NavItem = { href: string; label: string; count?: number; countLabel?: string };

export function NavLinks({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname();
  return (
    <IntentNav aria-label={label}>
      <ul className="flex flex-wrap gap-1">
        {items.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <a
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cn('rounded-md px-3 py-1.5 text-sm', active ? 'bg-slate-100 font-medium dark:bg-slate-800' : 'hover:bg-slate-100 dark:hover:bg-slate-800')}
              >
                {item.label}
                {item.count ? (
                  <span className="ml-1.5 rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white" data-testid={`nav-count-${item.href.slice(1)}`}>
                    {item.count}
                    {item.countLabel && <span className="sr-only"> {item.countLabel}</span>}
                  </span>
                ) : null}
              </a>
            </li>
          );
        })}
      </ul>
    </IntentNav>
  );
}
