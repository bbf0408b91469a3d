import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import { pickMessages } from '@/i18n/pick';

// Every message a client component can show travels in the page's RSC payload. The root layout gives
// the client only the base namespaces; each area adds the ones its client components use, so a
// student's lesson page does not carry the course builder's and the admin pages' texts (about 40 KB).

/** Namespaces any page's client components may use: the error page, the preference switcher, form validation. */
export const BASE_CLIENT_NAMESPACES = ['errors', 'prefs', 'validation'] as const;

/**
 * Client messages for the subtree: the base namespaces plus `namespaces`, or every namespace with
 * `'all'` (signed-in app pages, sign-in forms). A nested provider replaces its parent's messages.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly string[] | 'all'; children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={namespaces === 'all' ? messages : pickMessages(messages, [...BASE_CLIENT_NAMESPACES, ...namespaces])}>{children}</NextIntlClientProvider>;
}
