import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { expect } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createCourse } from '../../db/factories';
import { courseModules, lessons, videos } from '../../db/schema';
import { createBoss, QUEUES } from '../../lib/jobs/queues';
import { db } from '../fixtures';
import { testVideo } from '../videos/helpers';

// Learning specs need processed videos but not the upload UI (covered by e2e/videos): the source is
// put straight into the store and the real job worker (running beside the e2e server) processes it.

const s3 = new S3Client({
  endpoint: process.env.S3_ENDPOINT,
  region: process.env.S3_REGION ?? 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY! },
});

/** A processed video in `courseId`, made from a synthetic `seconds`-long file; resolves once it plays as HLS. */
export async function processedVideo(courseId: string, ownerId: string, seconds = 12) {
  const file = testVideo(`learn-${seconds}s`, { seconds, width: 640, height: 360 });
  const bytes = fs.readFileSync(file);
  const id = randomUUID();
  const key = `courses/${courseId}/videos/${id}/source`;
  await s3.send(new PutObjectCommand({ Bucket: process.env.S3_BUCKET, Key: key, Body: bytes, ContentType: 'video/mp4' }));
  await db.insert(videos).values({ id, courseId, createdById: ownerId, filename: `learn-${seconds}s.mp4`, contentType: 'video/mp4', size: bytes.length, sourceKey: key, partSize: 16 * 1024 * 1024, status: 'queued', uploadedAt: new Date() });
  const boss = createBoss(process.env.DATABASE_URL!, { worker: false });
  boss.on('error', () => {});
  await boss.start();
  await boss.send(QUEUES.processVideo, { videoId: id }, { singletonKey: id });
  await boss.stop({ graceful: false, wait: true });
  await expect.poll(async () => (await db.query.videos.findFirst({ where: eq(videos.id, id) }))?.status, { timeout: 90_000 }).toBe('ready');
  return id;
}

type LessonSpec = { title: string; type: 'video' | 'text'; percent?: number; freePreview?: boolean; dripDays?: number };

/** A published course with one module of `specs` lessons (video lessons share one processed video). */
export async function publishedCourse(ownerId: string, specs: LessonSpec[], opts: { sequential?: boolean; seconds?: number } = {}) {
  const course = await createCourse(db, { ownerId, status: 'published' });
  const { courses } = await import('../../db/schema');
  await db.update(courses).set({ isSequential: opts.sequential ?? false }).where(eq(courses.id, course.id));
  const [mod] = await db.insert(courseModules).values({ courseId: course.id, title: 'Module 1', position: 0 }).returning();
  const videoId = specs.some((s) => s.type === 'video') ? await processedVideo(course.id, ownerId, opts.seconds) : null;
  const rows = await db
    .insert(lessons)
    .values(
      specs.map((s, i) => ({
        courseId: course.id,
        moduleId: mod!.id,
        title: s.title,
        type: s.type,
        position: i,
        status: 'published' as const,
        isFreePreview: s.freePreview ?? false,
        dripDays: s.dripDays ?? null,
        contentHtml: s.type === 'text' ? `<p>${s.title} text.</p>` : '',
        videoId: s.type === 'video' ? videoId : null,
        durationSeconds: s.type === 'video' ? (opts.seconds ?? 12) : null,
        completionRule: s.type === 'video' ? { kind: 'video_coverage' as const, percent: s.percent ?? 90 } : { kind: 'view' as const },
      })),
    )
    .returning({ id: lessons.id, position: lessons.position });
  return { course, videoId, lessonIds: rows.sort((a, b) => a.position - b.position).map((r) => r.id) };
}
