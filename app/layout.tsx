import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { BASE_CLIENT_NAMESPACES } from '@/components/shell/client-messages';
import { Providers } from '@/components/shell/providers';
import { pickMessages } from '@/i18n/pick';
import { getSessionUser } from '@/lib/auth/session';
import { getPreferences } from '@/lib/preferences/queries';
import './globals.css';

// No web font: the pages use the system UI font stack (app/globals.css). Inter (@fontsource) was
// preloaded here but, its variables sitting on <body> below Tailwind's :root --font-sans, never
// applied; applying it cost 67 KB of high-priority downloads and, measured on the lesson page, a
// layout shift when its widths replaced the fallback's.

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: { default: 'Lectern', template: '%s · Lectern' }, description: t('description') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, messages, user] = await Promise.all([getLocale(), getMessages(), getSessionUser()]);
  const prefs = user ? await getPreferences(user.id) : null;
  return (
    // next-themes sets the class before paint; React must not warn about that attribute.
    <html lang={locale} suppressHydrationWarning>
      <body className="font-sans">
        {/* Only the base namespaces here: each area's layout or page adds what its client components use. */}
        <NextIntlClientProvider locale={locale} messages={pickMessages(messages, BASE_CLIENT_NAMESPACES)}>
          <Providers signedIn={Boolean(user)} savedTheme={prefs?.theme ?? null} savedLocale={prefs?.locale ?? null}>
            {children}
          </Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
