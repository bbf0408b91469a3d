import { authedRoute } from '@/lib/route';
import { statsRangeSchema } from '@/lib/moderation/schemas';
import { getModerationStats, resolveRange, statsToCsv } from '@/lib/moderation/stats';

export const dynamic = 'force-dynamic';

// The charts' data as one CSV download, for moderators and admins, over the same range as the page.
export const GET = authedRoute('moderation-stats-csv', { schema: statsRangeSchema, roles: ['moderator', 'admin'] }, async (input) => {
  const range = resolveRange(input);
  const csv = statsToCsv(await getModerationStats(range));
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="moderation-${range.from}-${range.to}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
