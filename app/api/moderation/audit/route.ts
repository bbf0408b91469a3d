import { authedRoute } from '@/lib/route';
import { exportModerationAudit } from '@/lib/moderation/audit';
import { moderationAuditFilterSchema } from '@/lib/moderation/schemas';

export const dynamic = 'force-dynamic';

// A download (`<a href>`), so HTTP rather than a server action. Admins only, same filters as the page.
export const GET = authedRoute('moderation-audit-csv', { schema: moderationAuditFilterSchema, roles: ['admin'] }, async (input) => {
  const csv = await exportModerationAudit(input);
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="moderation-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
