import Link from 'next/link';

export const adminLinkCls = 'text-brand-600 underline dark:text-indigo-300';

/** "Filtered by X — show all": a filter set from a detail page, with the link that removes it. */
export function FilterNote({ text, clearHref, clearLabel }: { text: string; clearHref: string; clearLabel: string }) {
  return (
    <p className="mb-2 text-sm">
      {text}{' '}
      <Link href={clearHref} className={adminLinkCls}>
        {clearLabel}
      </Link>
    </p>
  );
}
