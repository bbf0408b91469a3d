'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useTheme } from 'next-themes';
import { useRouter } from 'next/navigation';
import { useSyncExternalStore, useTransition } from 'react';
import { toast } from 'sonner';
import { locales, themes, type Locale, type Theme } from '@/lib/constants';
import { updatePreferencesAction } from '@/lib/preferences/actions';
import { applyLocale } from '@/components/shell/locale-storage';

const noopSubscribe = () => () => {};
const selectCls = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';

/** Theme and language pickers. Visitors keep them in localStorage; signed-in users also in their account. */
export function PreferenceSwitcher({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations('prefs');
  const locale = useLocale() as Locale;
  const { theme, setTheme } = useTheme();
  const router = useRouter();
  const [, startTransition] = useTransition();
  // next-themes only knows the theme after mount; render a stable value before that.
  const mounted = useSyncExternalStore(noopSubscribe, () => true, () => false);

  const save = (patch: { theme?: Theme; locale?: Locale }) => {
    if (!signedIn) return;
    startTransition(async () => {
      const r = await updatePreferencesAction(patch);
      if (!r.ok) toast.error(r.error.message);
    });
  };

  return (
    <div className="flex items-center gap-2">
      <label className="sr-only" htmlFor="pref-theme">
        {t('theme')}
      </label>
      <select
        id="pref-theme"
        className={selectCls}
        value={mounted ? (theme ?? 'system') : 'system'}
        onChange={(e) => {
          const v = e.target.value as Theme;
          setTheme(v);
          save({ theme: v });
        }}
      >
        {themes.map((v) => (
          <option key={v} value={v}>
            {t(`themes.${v}`)}
          </option>
        ))}
      </select>
      <label className="sr-only" htmlFor="pref-locale">
        {t('language')}
      </label>
      <select
        id="pref-locale"
        className={selectCls}
        value={locale}
        onChange={(e) => {
          const v = e.target.value as Locale;
          applyLocale(v);
          save({ locale: v });
          router.refresh();
        }}
      >
        {locales.map((v) => (
          <option key={v} value={v} lang={v}>
            {t(`languages.${v}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
