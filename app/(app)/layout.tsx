import type { ReactNode } from 'react';
import { SignedInArea } from '@/components/shell/app-shell';

// Authoring, learning, moderation and admin pages: their client components use most namespaces.
export default function AppLayout({ children }: { children: ReactNode }) {
  return <SignedInArea namespaces="all">{children}</SignedInArea>;
}
