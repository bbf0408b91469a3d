import { describe, expect, it } from 'vitest';
import { MediaError } from './errors';
import { interpretFfprobe, type FfprobeOutput } from './probe';

const video = (over: Record<string, unknown> = {}) => ({
  codec_type: 'video',
  codec_name: 'h264',
  width: 1920,
  height: 1080,
  pix_fmt: 'yuv420p',
  avg_frame_rate: '30000/1001',
  r_frame_rate: '30000/1001',
  ...over,
});
const data = (streams: Record<string, unknown>[], format: Record<string, unknown> = {}): FfprobeOutput => ({
  streams,
  format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '12.5', bit_rate: '4000000', ...format },
});

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MediaError);
    return (e as MediaError).code;
  }
  return 'none';
}

describe('interpretFfprobe', () => {
  it('maps the fields', () => {
    expect(interpretFfprobe(data([video(), { codec_type: 'audio', codec_name: 'aac' }]))).toEqual({
      durationSeconds: 12.5,
      width: 1920,
      height: 1080,
      rotation: 0,
      fps: 29.97,
      videoCodec: 'h264',
      pixFmt: 'yuv420p',
      audioCodec: 'aac',
      hasAudio: true,
      bitRate: 4_000_000,
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
    });
  });

  it('turns the display matrix (counter-clockwise) and the legacy rotate tag (clockwise) into clockwise degrees', () => {
    const iphonePortrait = video({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] });
    expect(interpretFfprobe(data([iphonePortrait]))).toMatchObject({ rotation: 90, width: 1080, height: 1920 });
    expect(interpretFfprobe(data([video({ side_data_list: [{ rotation: 90 }] })])).rotation).toBe(270);
    expect(interpretFfprobe(data([video({ side_data_list: [{ rotation: 180 }] })]))).toMatchObject({ rotation: 180, width: 1920 });
    expect(interpretFfprobe(data([video({ tags: { rotate: '90' } })]))).toMatchObject({ rotation: 90, width: 1080, height: 1920 });
    expect(interpretFfprobe(data([video({ tags: { rotate: '-90' } })])).rotation).toBe(270);
    expect(interpretFfprobe(data([video({ side_data_list: [{ rotation: -88.6 }] })])).rotation).toBe(90);
  });

  it('applies the sample aspect ratio to the displayed width', () => {
    expect(interpretFfprobe(data([video({ width: 720, height: 480, sample_aspect_ratio: '32:27' })]))).toMatchObject({ width: 853, height: 480 });
    expect(interpretFfprobe(data([video({ sample_aspect_ratio: '0:1' })])).width).toBe(1920);
  });

  it('skips cover art and needs a moving picture', () => {
    const cover = video({ codec_name: 'mjpeg', disposition: { attached_pic: 1 } });
    expect(code(() => interpretFfprobe(data([{ codec_type: 'audio', codec_name: 'mp3' }, cover])))).toBe('NO_VIDEO_STREAM');
    expect(interpretFfprobe(data([cover, video({ codec_name: 'hevc' })])).videoCodec).toBe('hevc');
    expect(code(() => interpretFfprobe(data([video({ codec_name: 'png' })], { format_name: 'png_pipe', duration: undefined })))).toBe('NO_VIDEO_STREAM');
  });

  it('is UNREADABLE without a format, for ANSI text, or without any duration', () => {
    expect(code(() => interpretFfprobe({ streams: [video()] }))).toBe('UNREADABLE');
    expect(code(() => interpretFfprobe(data([video({ codec_name: 'ansi' })], { format_name: 'tty' })))).toBe('UNREADABLE');
    expect(code(() => interpretFfprobe(data([video()], { duration: undefined })))).toBe('UNREADABLE');
    expect(interpretFfprobe(data([video()], { duration: undefined }), 61.2).durationSeconds).toBe(61.2);
    expect(interpretFfprobe(data([video({ duration: '9.5' })], { duration: 'N/A' })).durationSeconds).toBe(9.5);
  });

  it('ignores time-base "frame rates" of variable-rate WebM', () => {
    expect(interpretFfprobe(data([video({ avg_frame_rate: '0/0', r_frame_rate: '1000/1' })])).fps).toBe(30);
    expect(interpretFfprobe(data([video({ avg_frame_rate: '0/0', r_frame_rate: '25/1' })])).fps).toBe(25);
  });
});
