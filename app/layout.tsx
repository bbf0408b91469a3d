import type { Metadata } from 'next';
import localFont from 'next/font/local';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { BASE_CLIENT_NAMESPACES, pickMessages } from '@/components/shell/client-messages';
import { Providers } from '@/components/shell/providers';
import { getSessionUser } from '@/lib/auth/session';
import { getPreferences } from '@/lib/preferences/queries';
import './globals.css';

// Fonts come from npm (no Google Fonts fetch at build time).
const inter = localFont({
  src: [
    { path: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2', weight: '100 900' },
    { path: '../node_modules/@fontsource-variable/inter/files/inter-cyrillic-wght-normal.woff2', weight: '100 900' },
  ],
  variable: '--font-inter',
  display: 'swap',
});

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
      <body className={`${inter.variable} font-sans`}>
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
