'use client';

import { useTranslations } from 'next-intl';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { IntentNav } from '@/components/ui/intent-nav';

/** Tabs shared by a course's authoring pages (outline, settings, media, students, preview, analytics). Render it under the page header. */
export function CourseNav({ courseId }: { courseId: string }) {
  const t = useTranslations('courses.nav');
  const tAnalytics = useTranslations('analytics');
  const pathname = usePathname();
  const tabs = [
    { href: `/courses/${courseId}/outline`, label: t('outline') },
    { href: `/courses/${courseId}/settings`, label: t('settings') },
    { href: `/courses/${courseId}/media`, label: t('media') },
    { href: `/courses/${courseId}/materials`, label: t('materials') },
    { href: `/courses/${courseId}/students`, label: t('students') },
    { href: `/courses/${courseId}/preview`, label: t('preview') },
    { href: `/courses/${courseId}/analytics`, label: tAnalytics('nav') },
  ];
  return (
    <IntentNav aria-label={t('label')} className="mb-6 border-b border-slate-200 dark:border-slate-800">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((tab) => {
          const active = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
          return (
            <li key={tab.href}>
              <a
                href={tab.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'inline-block border-b-2 px-3 py-2 text-sm',
                  active ? 'border-brand-600 font-medium text-slate-900 dark:border-indigo-300 dark:text-slate-100' : 'border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900 dark:text-slate-300 dark:hover:text-slate-100',
                )}
              >
                {tab.label}
              </a>
            </li>
          );
        })}
      </ul>
    </IntentNav>
  );
}
