import type { ReactNode } from 'react';
import { SignedInArea } from '@/components/shell/app-shell';

// The analytics dashboards, in their own group so that their pages carry only the messages their
// client components use (charts, course tabs, the preview player) instead of every namespace: on the
// video analytics page that was 72 of 204 KB of RSC payload, parsed by a phone before hydrating.
const DASHBOARD_NAMESPACES = ['analytics', 'courses.nav', 'videos'] as const;

export default function DashboardsLayout({ children }: { children: ReactNode }) {
  return <SignedInArea namespaces={DASHBOARD_NAMESPACES}>{children}</SignedInArea>;
}
