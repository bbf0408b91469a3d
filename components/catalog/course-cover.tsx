import { cn } from '@/components/ui/cn';

/** The course's cover image, or a tinted block with its initial. Decorative: the title is always next to it. */
export function CourseCover({ title, url, className }: { title: string; url: string | null; className?: string }) {
  if (url) {
    // Covers are arbitrary author-supplied URLs, which next/image would need listed in the config.
    // eslint-disable-next-line @next/next/no-img-element -- see above
    return <img src={url} alt="" loading="lazy" className={cn('w-full bg-slate-100 object-cover dark:bg-slate-800', className)} />;
  }
  return (
    <div aria-hidden="true" className={cn('flex w-full items-center justify-center bg-brand-50 text-4xl font-semibold text-brand-700 dark:bg-indigo-950 dark:text-indigo-200', className)}>
      {title.trim().charAt(0).toUpperCase() || '·'}
    </div>
  );
}
