'use client';

import { ThemeProvider, useTheme } from 'next-themes';
import { useLocale } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { Toaster } from 'sonner';
import type { Locale, Theme } from '@/lib/constants';
import { applyLocale, readLocalLocale } from './locale-storage';

type Props = { children: ReactNode; signedIn: boolean; savedTheme: Theme | null; savedLocale: Locale | null };

export function Providers({ children, signedIn, savedTheme, savedLocale }: Props) {
  return (
    // With no local choice yet (a new device), the account's saved theme is the default, so the
    // pre-paint script picks it and there is no flash of the wrong theme.
    <ThemeProvider attribute="class" defaultTheme={savedTheme ?? 'system'} enableSystem disableTransitionOnChange>
      <PreferencesSync signedIn={signedIn} savedTheme={savedTheme} savedLocale={savedLocale} />
      {children}
      <ToasterThemed />
    </ThemeProvider>
  );
}

function ToasterThemed() {
  const { resolvedTheme } = useTheme();
  return <Toaster closeButton position="top-right" theme={resolvedTheme === 'dark' ? 'dark' : 'light'} />;
}

/** Keeps this device in step with the account (signed in) or with localStorage (visitor). */
function PreferencesSync({ signedIn, savedTheme, savedLocale }: Omit<Props, 'children'>) {
  const { theme, setTheme } = useTheme();
  const locale = useLocale();
  const router = useRouter();
  useEffect(() => {
    if (signedIn && savedTheme && theme && theme !== savedTheme) setTheme(savedTheme);
    // Only when the account changes: local changes are saved to the account by the switcher.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-run when the server's value changes only
  }, [signedIn, savedTheme]);
  useEffect(() => {
    const wanted = signedIn ? savedLocale : readLocalLocale();
    if (wanted && wanted !== locale) {
      applyLocale(wanted);
      router.refresh();
    }
  }, [signedIn, savedLocale, locale, router]);
  return null;
}
