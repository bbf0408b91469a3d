import { parseArgs } from 'node:util';
import { makeTestVideo } from '../lib/media/testing';

// `node --conditions=react-server --import tsx scripts/make-test-video.ts out.mp4 --seconds 20 --width 1280 --height 720`
// A synthetic video (ffmpeg testsrc2 + tone) for e2e tests, benchmarks, or trying uploads by hand.
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '20' },
    width: { type: 'string', default: '640' },
    height: { type: 'string', default: '360' },
    codec: { type: 'string', default: 'h264' },
    container: { type: 'string', default: 'mp4' },
    fps: { type: 'string', default: '25' },
    'no-audio': { type: 'boolean', default: false },
  },
});
const out = positionals[0];
if (!out) {
  console.error('usage: make-test-video.ts <out-file> [--seconds N] [--width W] [--height H] [--codec h264|vp9|mpeg4] [--container mp4|webm|mkv|mov] [--fps N] [--no-audio]');
  process.exit(2);
}
await makeTestVideo(out, {
  seconds: Number(values.seconds),
  width: Number(values.width),
  height: Number(values.height),
  codec: values.codec as 'h264',
  container: values.container as 'mp4',
  fps: Number(values.fps),
  audio: !values['no-audio'],
});
console.log(out);
