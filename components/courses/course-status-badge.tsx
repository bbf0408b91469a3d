import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { CourseStatus } from '@/lib/course-constants';

const tones = { draft: 'neutral', published: 'success', archived: 'warning' } as const;

export function CourseStatusBadge({ status }: { status: CourseStatus }) {
  const t = useTranslations('courses.status');
  return <Badge tone={tones[status]}>{t(status)}</Badge>;
}
