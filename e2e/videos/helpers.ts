import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { courseModules, lessons } from '../../db/schema';
import { createCourse } from '../../db/factories';
import { execFileSync } from 'node:child_process';
import { db } from '../fixtures';

type VideoOptions = { seconds: number; width?: number; height?: number; container?: 'mp4' | 'webm' | 'mkv' | 'mov'; codec?: 'h264' | 'vp9' };

/** A synthetic video made with ffmpeg (scripts/make-test-video.ts), cached for the run by name. */
export function testVideo(name: string, opts: VideoOptions) {
  const dir = path.join(os.tmpdir(), 'lectern-e2e-videos');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.${opts.container ?? 'mp4'}`);
  if (!fs.existsSync(file)) {
    const args = ['--seconds', String(opts.seconds), '--width', String(opts.width ?? 640), '--height', String(opts.height ?? 360), '--container', opts.container ?? 'mp4', '--codec', opts.codec ?? 'h264'];
    // The generator is server code (it imports server-only modules), so it runs in its own process.
    execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/make-test-video.ts', `${file}.part`, ...args], { stdio: 'pipe' });
    fs.renameSync(`${file}.part`, file);
  }
  return file;
}

export async function courseWithVideoLesson(ownerId: string, title = 'Video lesson') {
  const course = await createCourse(db, { ownerId });
  const [mod] = await db.insert(courseModules).values({ courseId: course.id, title: 'Module 1', position: 0 }).returning();
  const [lesson] = await db.insert(lessons).values({ courseId: course.id, moduleId: mod!.id, title, type: 'video', position: 0 }).returning();
  return { course, lesson: lesson! };
}

/** Adds files through the Dashboard's hidden file input, as "browse files" would. */
export async function addFiles(page: Page, files: Parameters<Locator['setInputFiles']>[0]) {
  await page.getByTestId('video-uploader').locator('input[type=file]').first().setInputFiles(files);
}
