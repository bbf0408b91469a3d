'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

// A menu button with a single choice (speed, captions, quality): a button with aria-expanded that
// opens role="menu" of menuitemradio entries. Arrows, Home/End move, Enter/Space choose, Escape and
// Tab close; focus returns to the button. The parent keeps which menu is open (one at a time).

export type MenuOption = { value: string; label: string };

/** Height the menu may need above its button (max-h-64 plus margin). */
const MENU_ROOM_PX = 272;

export function PlayerMenu({
  label,
  buttonLabel,
  buttonContent,
  options,
  value,
  open,
  onOpenChange,
  onSelect,
  buttonClassName,
}: {
  /** The menu's name ("Playback speed"). */
  label: string;
  /** The button's accessible name, including the current choice ("Playback speed: 1.5×"). */
  buttonLabel: string;
  buttonContent: ReactNode;
  options: MenuOption[];
  value: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSelect: (value: string) => void;
  buttonClassName?: string;
}) {
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  // Opens upwards (over the video) unless the button is too close to the top of the window.
  const [up, setUp] = useState(true);
  const openMenu = () => {
    const top = buttonRef.current?.getBoundingClientRect().top ?? Infinity;
    setUp(top > MENU_ROOM_PX);
    onOpenChange(true);
  };

  useEffect(() => {
    if (!open) return;
    const items = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]');
    const checked = menuRef.current?.querySelector<HTMLElement>('[aria-checked="true"]');
    (checked ?? items?.[0])?.focus();
    const outside = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) onOpenChange(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open, onOpenChange]);

  const close = (refocus: boolean) => {
    onOpenChange(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const focus = (n: number) => items[(n + items.length) % items.length]?.focus();
    // The player's shortcuts must not act on keys the menu uses.
    e.stopPropagation();
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        focus(i + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        focus(i - 1);
        break;
      case 'Home':
        e.preventDefault();
        focus(0);
        break;
      case 'End':
        e.preventDefault();
        focus(items.length - 1);
        break;
      case 'Escape':
        e.preventDefault();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
    }
  };

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={buttonLabel}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? onOpenChange(false) : openMenu())}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            e.stopPropagation();
            openMenu();
          }
        }}
        className={buttonClassName}
      >
        {buttonContent}
      </button>
      {open && (
        <div
          ref={menuRef}
          id={`${id}-menu`}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKeyDown}
          className={cn(
            'absolute right-0 z-30 max-h-64 min-w-36 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100',
            up ? 'bottom-full mb-2' : 'top-full mt-2',
          )}
        >
          {options.map((o) => {
            const checked = o.value === value;
            return (
              <button
                key={o.value}
                type="button"
                role="menuitemradio"
                aria-checked={checked}
                tabIndex={-1}
                onClick={() => {
                  onSelect(o.value);
                  close(true);
                }}
                className={cn(
                  'flex min-h-11 w-full items-center gap-2 px-3 text-left whitespace-nowrap hover:bg-slate-100 focus:bg-slate-100 focus:outline-none sm:min-h-9 dark:hover:bg-slate-800 dark:focus:bg-slate-800',
                  checked && 'font-semibold',
                )}
              >
                <span aria-hidden="true" className="w-4 text-brand-600 dark:text-indigo-300">
                  {checked ? '✓' : ''}
                </span>
                {o.label}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
