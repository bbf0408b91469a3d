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

// Fonts come from npm (no Google Fonts fetch at build time). Each subset is its own face with its
// unicode-range (as @fontsource declares them), so a page downloads the Cyrillic file only when it
// shows Cyrillic text; only the Latin file is preloaded, as it is what every page's first paint needs.
const inter = localFont({
  src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  weight: '100 900',
  variable: '--font-inter',
  display: 'swap',
  declarations: [{ prop: 'unicode-range', value: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD' }],
});
const interCyrillic = localFont({
  src: '../node_modules/@fontsource-variable/inter/files/inter-cyrillic-wght-normal.woff2',
  weight: '100 900',
  variable: '--font-inter-cyrillic',
  display: 'swap',
  preload: false,
  // No metric-matched Arial fallback of its own: that family would cover Latin text before the Latin face.
  adjustFontFallback: false,
  declarations: [{ prop: 'unicode-range', value: 'U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116' }],
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
    // The font variables sit on <html>: Tailwind's --font-sans is declared on :root and refers to
    // them, so on <body> they came too late and every page fell back to the system font.
    <html lang={locale} className={`${inter.variable} ${interCyrillic.variable}`} suppressHydrationWarning>
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
