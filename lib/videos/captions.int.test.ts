import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { videoCaptions } from '@/db/schema';
import { makeActor } from '@/lib/courses/test-utils';
import { AppError } from '@/lib/errors';
import { getBoss } from '@/lib/jobs/client';
import { getStorage } from '@/lib/storage';
import { deleteCaptions, uploadCaptions } from './mutations';
import { courseWithVideoLesson, testVideoBytes, uploadBytes } from './test-utils';

afterAll(async () => (await getBoss()).stop({ graceful: false, wait: true }));

const srt = `1
00:00:01,000 --> 00:00:02,500
Привет

2
00:00:03,000 --> 00:00:04,000
Second line
`;

async function readText(key: string) {
  const obj = await getStorage().getObject(key);
  const chunks: Buffer[] = [];
  for await (const c of obj.body) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

describe('captions', () => {
  it('converts SRT to WebVTT, stores it under the course, and replaces a language on re-upload', async () => {
    const owner = await makeActor('author');
    const { course } = await courseWithVideoLesson(owner);
    const up = await uploadBytes(owner, course.id, await testVideoBytes({ seconds: 2 }));

    const first = await uploadCaptions(owner, { videoId: up.videoId, lang: 'ru', label: 'Русский', filename: 'subs.srt', text: srt, size: srt.length });
    expect(first.cues).toBe(2);
    const row = (await db.query.videoCaptions.findFirst({ where: eq(videoCaptions.id, first.id) }))!;
    expect(row.key.startsWith(`courses/${course.id}/videos/${up.videoId}/captions/`)).toBe(true);
    const vtt = await readText(row.key);
    expect(vtt).toMatch(/^WEBVTT/);
    expect(vtt).toContain('00:00:01.000 --> 00:00:02.500');
    expect(vtt).toContain('Привет');

    const second = await uploadCaptions(owner, { videoId: up.videoId, lang: 'ru', label: 'Russian', filename: 'subs.vtt', text: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n', size: 40 });
    const rows = await db.select().from(videoCaptions).where(eq(videoCaptions.videoId, up.videoId));
    expect(rows.map((r) => [r.id, r.label])).toEqual([[second.id, 'Russian']]);
    expect(await getStorage().exists(row.key)).toBe(false);

    await deleteCaptions(owner, { captionId: second.id });
    expect(await db.select().from(videoCaptions).where(eq(videoCaptions.videoId, up.videoId))).toEqual([]);
  });

  it('refuses broken captions with the line to fix, other formats, and non-editors', async () => {
    const owner = await makeActor('author');
    const stranger = await makeActor('author');
    const { course } = await courseWithVideoLesson(owner);
    const up = await uploadBytes(owner, course.id, await testVideoBytes({ seconds: 2 }));
    const bad = '1\n00:00:01,000 --> nonsense\nText\n';
    const err = await uploadCaptions(owner, { videoId: up.videoId, lang: 'en', label: 'English', filename: 'x.srt', text: bad, size: bad.length }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/line 2/i);
    await expect(uploadCaptions(owner, { videoId: up.videoId, lang: 'en', label: 'English', filename: 'x.txt', text: 'hi', size: 2 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(uploadCaptions(stranger, { videoId: up.videoId, lang: 'en', label: 'English', filename: 'x.srt', text: srt, size: srt.length })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
