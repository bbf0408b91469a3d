import { z } from 'zod';
import { assertCourseRole } from '@/lib/auth/permissions';
import { authedRoute } from '@/lib/route';
import { getCourseVideosById, listCourseVideos } from '@/lib/videos/queries';

export const dynamic = 'force-dynamic';

const schema = z.object({ ids: z.string().max(4000).optional() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The course's videos (or `?ids=a,b`), polled by the editor while videos process. */
export const GET = authedRoute<typeof schema, { courseId: string }>('videos.list', { schema, roles: ['author', 'admin'] }, async (input, { actor, params }) => {
  if (!UUID.test(params.courseId)) return Response.json({ error: { code: 'NOT_FOUND', message: 'Not found.' } }, { status: 404 });
  await assertCourseRole(actor, params.courseId, 'editor');
  const ids = input.ids?.split(',').filter((id) => UUID.test(id));
  const list = ids ? await getCourseVideosById(params.courseId, ids) : await listCourseVideos(params.courseId);
  return Response.json(list, { headers: { 'cache-control': 'no-store' } });
});
