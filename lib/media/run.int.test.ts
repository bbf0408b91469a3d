import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaError } from './errors';
import { runFfmpeg } from './run';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-media-run-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A synthetic encode that takes a while, with no input file. */
const longEncode = (seconds: number) => ['-y', '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=25:duration=${seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'null', '-'];

/** Live (not zombie) processes whose parent is `ppid`. */
function liveChildren(ppid: number): { pid: number; comm: string }[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,stat=,comm='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, pp, stat]) => Number(pp) === ppid && stat !== undefined && !stat.startsWith('Z'))
    .map(([pid, , , comm]) => ({ pid: Number(pid), comm: comm ?? '' }));
}

function isAlive(pid: number): boolean {
  try {
    const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return stat !== '' && !stat.startsWith('Z');
  } catch {
    return false; // ps exits 1 when the pid is gone
  }
}

async function rejection(p: Promise<unknown>): Promise<MediaError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MediaError);
  return e as MediaError;
}

describe('runFfmpeg', () => {
  it('reports throttled, increasing progress that ends at 1', async () => {
    const seen: { f: number; at: number }[] = [];
    await runFfmpeg('ffmpeg', ['-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25:duration=30', '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'null', '-'], {
      durationSeconds: 30,
      onProgress: (f) => seen.push({ f, at: Date.now() }),
    });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[seen.length - 1]!.f).toBe(1);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.f).toBeGreaterThan(seen[i - 1]!.f);
      // the final 1 is sent regardless of the throttle
      if (i < seen.length - 1) expect(seen[i]!.at - seen[i - 1]!.at).toBeGreaterThanOrEqual(450);
    }
    expect(seen.every(({ f }) => f >= 0 && f <= 1)).toBe(true);
  });

  it('rejects with FAILED and ffmpeg’s last stderr line on a non-zero exit', async () => {
    const e = await rejection(runFfmpeg('ffmpeg', ['-y', '-i', path.join(dir, 'missing.mp4'), '-f', 'null', '-']));
    expect(e.code).toBe('FAILED');
    expect(e.message).toMatch(/^ffmpeg exited with code 1: .*missing\.mp4: No such file or directory$/);
    expect(e.detail).toContain('No such file or directory');
  });

  it('rejects with FFMPEG_MISSING when the binary does not exist', async () => {
    const e = await rejection(runFfmpeg(path.join(dir, 'no-ffmpeg'), ['-version']));
    expect(e.code).toBe('FFMPEG_MISSING');
  });

  it('kills ffmpeg on abort and rejects with ABORTED once it is gone', async () => {
    const ac = new AbortController();
    const run = runFfmpeg('ffmpeg', longEncode(600), { signal: ac.signal, durationSeconds: 600 });
    await new Promise((r) => setTimeout(r, 700));
    const children = liveChildren(process.pid).filter((c) => c.comm === 'ffmpeg');
    expect(children).toHaveLength(1);
    const started = Date.now();
    ac.abort();
    const e = await rejection(run);
    expect(e.code).toBe('ABORTED');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(isAlive(children[0]!.pid)).toBe(false);
    // an already-aborted signal does not start anything
    expect((await rejection(runFfmpeg('ffmpeg', longEncode(1), { signal: ac.signal }))).code).toBe('ABORTED');
  });

  it('takes ffmpeg down when the Node process that started it is SIGKILLed', async () => {
    const script = path.join(dir, 'parent.mts');
    fs.writeFileSync(
      script,
      `import { runFfmpeg } from ${JSON.stringify(path.resolve(__dirname, 'run.ts'))};\n` +
        `console.log('started');\nawait runFfmpeg('ffmpeg', ${JSON.stringify(longEncode(600))});\n`,
    );
    const parent = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', script], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let ffmpegPid: number | undefined;
      for (let i = 0; i < 100 && ffmpegPid === undefined; i++) {
        await new Promise((r) => setTimeout(r, 100));
        ffmpegPid = liveChildren(parent.pid!).find((c) => c.comm === 'ffmpeg')?.pid;
      }
      expect(ffmpegPid).toBeDefined();
      parent.kill('SIGKILL');
      let alive = true;
      for (let i = 0; i < 30 && alive; i++) {
        await new Promise((r) => setTimeout(r, 100));
        alive = isAlive(ffmpegPid!);
      }
      expect(alive).toBe(false);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
