import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { ClientMessages } from '@/components/shell/client-messages';
import { requireUser } from '@/lib/auth/session';

// Every page below still authorizes itself: this layout only draws the shell.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <ClientMessages namespaces="all">
      <AppShell user={user}>{children}</AppShell>
    </ClientMessages>
  );
}
