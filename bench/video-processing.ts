// Processing speed of an uploaded video: the real pipeline (lib/videos/process.ts `processVideo`:
// download from S3 → probe → quick playable rendition → HLS ladder → poster → storyboard) on a
// synthetic 1920×1080 30 fps H.264 video (10 minutes by default), against a throwaway PostgreSQL and
// an embedded S3 server in its own process. A concurrent loop reads the video's row every 250 ms and
// notes when it first becomes playable (playback = 'quick'), gets its full ladder (playback = 'hls')
// and is ready; each is also given as a multiple of the video's duration.
// Run: npm run bench -- video-processing [--seconds 600] [--preset veryfast]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { createDb } from '../db/factory';
import { createCourse, createUser } from '../db/factories';
import { videos } from '../db/schema';
import { X264_PRESETS, type X264Preset } from '../lib/media/hls';
import { canCopyVideo, ladderFor, partSizeFor } from '../lib/media/plan';
import { makeTestVideo } from '../lib/media/testing';
import { createStorage } from '../lib/storage/client';
import { videoSourceKey } from '../lib/videos/keys';
import { stopServer, type Server } from './processes';
import { cpuName, errorText, fmt, logsDir, machineLine, requireFreeSpace, resultsDir, s3Env, settleDisk, stamp, startMigratedPg, startS3Process, step, withTempDir, type Pg } from './video-shared';

const POLL_MS = 250;
const WIDTH = 1920;
const HEIGHT = 1080;
const FPS = 30;

type Milestones = { quick?: number; hls?: number; ready?: number };
type Result = {
  durationSeconds: number;
  sourceBytes: number;
  makeSeconds: number;
  quickMethod: 'copy' | 'encode';
  quickSize: string;
  ladder: string;
  marks: Milestones;
  stages: { stage: string; atMs: number }[];
  returnedMs: number;
  outcome: string;
  assetsBytes: number;
  assetsCount: number;
};

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { seconds: { type: 'string', default: '600' }, preset: { type: 'string', default: 'veryfast' } } });
  const seconds = Number(values.seconds);
  if (!Number.isInteger(seconds) || seconds < 5) throw new Error('--seconds must be a whole number of seconds, at least 5');
  const preset = values.preset as X264Preset;
  if (!(X264_PRESETS as readonly string[]).includes(preset)) throw new Error(`--preset must be one of ${X264_PRESETS.join(', ')}`);
  fs.mkdirSync(logsDir, { recursive: true });

  const errors: string[] = [];
  let result: Result | null = null;
  await withTempDir('lectern-bench-process-', async (tmp, onCleanup) => {
    // The source (a few MB/s at ultrafast), S3's copy, the pipeline's own copy and its outputs.
    requireFreeSpace(tmp, seconds * 10e6 + 2e9, `Processing a ${seconds} s 1080p video`);
    let pg: Pg | null = null;
    let s3Server: Server | null = null;
    onCleanup(async () => {
      if (s3Server) await stopServer(s3Server);
      await pg?.stop();
    });
    try {
      step(`making the source: ${seconds} s, ${WIDTH}×${HEIGHT}, ${FPS} fps, H.264 + AAC (testsrc2, x264 ultrafast)`);
      const src = path.join(tmp, 'lecture-1080p.mp4');
      const made = performance.now();
      await makeTestVideo(src, { seconds, width: WIDTH, height: HEIGHT, fps: FPS, codec: 'h264' });
      const makeSeconds = (performance.now() - made) / 1000;
      const sourceBytes = fs.statSync(src).size;
      console.log(`  ${fmt(sourceBytes / 1e6)} MB in ${fmt(makeSeconds)} s (not part of any figure)`);

      step('starting a throwaway PostgreSQL and the embedded S3 server');
      pg = await startMigratedPg(path.join(tmp, 'pg'), 'lectern_bench_process');
      const s3 = await startS3Process(path.join(tmp, 's3'), ['*'], path.join(logsDir, 'video-processing-s3.log'));
      s3Server = s3.server;

      // The pipeline reads its settings through lib/env.ts, so they are set before it is imported.
      Object.assign(process.env, { ...s3Env(s3.s3), DATABASE_URL: pg.url, AUTH_SECRET: crypto.randomBytes(32).toString('base64url'), LOG_LEVEL: 'warn' });
      const { db, sql } = await import('../db/client');
      onCleanup(() => sql.end({ timeout: 5 }));
      const { processVideo } = await import('../lib/videos/process');
      const storage = createStorage({ bucket: s3.s3.bucket, region: s3.s3.region, accessKeyId: s3.s3.accessKeyId, secretAccessKey: s3.s3.secretAccessKey, endpoint: s3.s3.endpoint, forcePathStyle: true });

      step('seeding: an author, a course with a video lesson, the source in S3 and a queued video row');
      const author = await createUser(db, { role: 'author' });
      const course = await createCourse(db, { ownerId: author.id, modules: 1, lessonsPerModule: 1, lessonType: 'video', title: 'Processing bench' });
      const videoId = crypto.randomUUID();
      const sourceKey = videoSourceKey(course.id, videoId);
      await storage.putStream(sourceKey, fs.createReadStream(src), { contentLength: sourceBytes, contentType: 'video/mp4' });
      await db.insert(videos).values({
        id: videoId,
        courseId: course.id,
        lessonId: course.modules[0]!.lessonIds[0]!,
        createdById: author.id,
        filename: 'lecture-1080p.mp4',
        contentType: 'video/mp4',
        size: sourceBytes,
        sourceKey,
        partSize: partSizeFor(sourceBytes),
        status: 'queued',
        uploadedAt: new Date(),
      });
      fs.rmSync(src); // S3 holds it now; the pipeline downloads its own copy

      const poll = createDb(pg.url, { max: 1 });
      onCleanup(() => poll.sql.end({ timeout: 5 }));
      const marks: Milestones = {};
      const stages: { stage: string; atMs: number }[] = [];
      let quickSize = '';
      let stopped = false;
      let t0 = 0;
      const poller = (async () => {
        while (!stopped) {
          const [row] = await poll.db.select({ status: videos.status, playback: videos.playback, stage: videos.stage, renditions: videos.renditions }).from(videos).where(eq(videos.id, videoId));
          const at = performance.now() - t0;
          if (row) {
            if (row.stage && stages.at(-1)?.stage !== row.stage) stages.push({ stage: row.stage, atMs: at });
            if (row.playback === 'quick' && marks.quick === undefined) {
              marks.quick = at;
              const r = row.renditions[0];
              if (r) quickSize = `${r.width}×${r.height}`;
            }
            if (row.playback === 'hls' && marks.hls === undefined) marks.hls = at;
            if (row.status === 'ready' && marks.ready === undefined) marks.ready = at;
          }
          await sleep(POLL_MS);
        }
      })();

      await settleDisk();
      step(`processVideo with preset ${preset} (this takes a while: ${seconds} s of 1080p on ${cpuName()})`);
      t0 = performance.now();
      let outcome: string;
      try {
        outcome = await processVideo(videoId, { storage, preset });
      } finally {
        // One more read after the return, so a state the loop had not seen yet is still noted.
        await sleep(POLL_MS + 50);
        stopped = true;
        await poller;
      }
      const returnedMs = performance.now() - t0;
      const row = (await db.query.videos.findFirst({ where: eq(videos.id, videoId) }))!;
      if (outcome !== 'ready' || row.status !== 'ready') throw new Error(`processVideo returned ${outcome}; the row is ${row.status}${row.errorMessage ? `: ${row.errorCode} ${row.errorMessage}` : ''}`);
      if (!row.probe) throw new Error('the row has no probe');
      result = {
        durationSeconds: row.durationSeconds ?? seconds,
        sourceBytes,
        makeSeconds,
        // The pipeline's own rule (lib/media/hls.ts packageQuick); the quick rendition's size confirms it.
        quickMethod: canCopyVideo(row.probe) ? 'copy' : 'encode',
        quickSize,
        ladder: ladderFor(row.probe)
          .map((r) => `${r.name}p`)
          .join(' / '),
        marks,
        stages,
        returnedMs,
        outcome,
        assetsBytes: row.assetsBytes,
        assetsCount: row.assetsCount,
      };
    } catch (e) {
      errors.push(errorText(e));
      console.error(`✖ ${errors.at(-1)}`);
    }
  });

  const r = result as Result | null;
  console.log(`\n## Video processing speed, ${stamp()} UTC\n`);
  if (r) {
    const d = r.durationSeconds;
    const row = (label: string, ms: number | undefined) => `| ${label} | ${ms === undefined ? 'not seen' : fmt(ms / 1000, 1)} | ${ms === undefined ? '–' : `${fmt(ms / 1000 / d, 2)}×`} |`;
    console.log(`| ${fmt(d)} s ${WIDTH}×${HEIGHT} ${FPS} fps H.264 + AAC, ${fmt(r.sourceBytes / 1e6)} MB; x264 preset ${preset} | elapsed (s) | × real time |`);
    console.log('|---|---:|---:|');
    console.log(row(`first playable rendition (playback = quick; ${r.quickMethod}, ${r.quickSize || '?'})`, r.marks.quick));
    console.log(row(`full ladder (playback = hls; ${r.ladder})`, r.marks.hls));
    console.log(row('ready (poster and storyboard done)', r.marks.ready));
    console.log('\nStages as the row showed them (first seen, s after processVideo was called):\n');
    console.log(`| ${r.stages.map((s) => s.stage).join(' | ')} | returned |`);
    console.log(`|${r.stages.map(() => '---:|').join('')}---:|`);
    console.log(`| ${r.stages.map((s) => fmt(s.atMs / 1000, 1)).join(' | ')} | ${fmt(r.returnedMs / 1000, 1)} |`);
    console.log(`\nMachine: ${machineLine()}.`);
    console.log(
      `× real time = elapsed / the video's duration (${fmt(d, 1)} s). Elapsed from the call of processVideo (which first downloads the source from S3) to the first read of the row, every ${POLL_MS} ms, that shows the state. ` +
        `Quick rendition: ${r.quickMethod === 'copy' ? 'the H.264 stream copied into HLS (no encode)' : 'one fast encode'}. Outputs: ${r.assetsCount} objects, ${fmt(r.assetsBytes / 1e6)} MB. Making the source took ${fmt(r.makeSeconds)} s (not counted).`,
    );
  } else {
    console.log('| milestone | elapsed (s) | × real time |\n|---|---:|---:|\n| all | failed | – |');
  }
  for (const e of errors) console.error(`\n✖ ${e}`);
  fs.writeFileSync(path.join(resultsDir, 'video-processing.json'), JSON.stringify({ date: new Date().toISOString(), seconds, preset, machine: machineLine(), result: r, errors }, null, 2) + '\n');
  return errors.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(await run(process.argv.slice(2)));
