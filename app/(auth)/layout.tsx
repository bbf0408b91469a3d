import Link from 'next/link';
import type { ReactNode } from 'react';
import { PreferenceSwitcher } from '@/components/preferences/preference-switcher';
import { ClientMessages } from '@/components/shell/client-messages';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between px-6 py-4">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Lectern
        </Link>
        <PreferenceSwitcher signedIn={false} />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 py-10 sm:items-center">
        <div className="w-full max-w-md">
          <ClientMessages namespaces="all">{children}</ClientMessages>
        </div>
      </main>
    </div>
  );
}
