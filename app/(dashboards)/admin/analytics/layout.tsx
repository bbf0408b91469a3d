import type { ReactNode } from 'react';
import { requirePageRole } from '@/lib/auth/permissions';

// This route lives in its own group, outside app/(app)/admin/loading.tsx (in app/(dashboards)), so that this check (and its
// own loading.tsx below it) runs before streaming starts: everyone but an admin gets a real 404.
// The page authorizes itself as well.
export default async function PlatformAnalyticsLayout({ children }: { children: ReactNode }) {
  await requirePageRole(['admin']);
  return children;
}
