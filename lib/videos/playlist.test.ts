import { describe, expect, it } from 'vitest';
import { joinRelative, rewritePlaylist, rewriteStoryboardVtt } from './playlist';

const media = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-TARGETDURATION:6
#EXT-X-PLAYLIST-TYPE:VOD
#EXT-X-MAP:URI="init.mp4"
#EXTINF:6.000000,
seg_00000.m4s
#EXTINF:2.500000,
seg_00001.m4s
#EXT-X-ENDLIST
`;

describe('rewritePlaylist', () => {
  it('rewrites the init segment and every media segment, and nothing else', () => {
    const out = rewritePlaylist(media, (u) => `https://s3.test/v720/${u}?X-Amz-Signature=abc`);
    expect(out).toContain('#EXT-X-MAP:URI="https://s3.test/v720/init.mp4?X-Amz-Signature=abc"');
    expect(out).toContain('\nhttps://s3.test/v720/seg_00000.m4s?X-Amz-Signature=abc\n');
    expect(out).toContain('\nhttps://s3.test/v720/seg_00001.m4s?X-Amz-Signature=abc\n');
    expect(out).toContain('#EXTINF:2.500000,');
    expect(out.split('\n').length).toBe(media.split('\n').length);
  });

  it('rewrites variant playlists of a master and leaves absolute URIs alone', () => {
    const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=2800000,RESOLUTION=1280x720\nv720/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nhttps://cdn.example/x.m3u8\n';
    const out = rewritePlaylist(master, (u) => `${u}?t=tok`);
    expect(out).toContain('\nv720/index.m3u8?t=tok\n');
    expect(out).toContain('\nhttps://cdn.example/x.m3u8\n');
  });
});

describe('joinRelative', () => {
  it('resolves against the playlist folder and refuses to climb out', () => {
    expect(joinRelative('v720/index.m3u8', 'seg_1.m4s')).toBe('v720/seg_1.m4s');
    expect(joinRelative('master.m3u8', 'v720/index.m3u8')).toBe('v720/index.m3u8');
    expect(joinRelative('v720/index.m3u8', '../../other/source')).toBeNull();
    expect(joinRelative('v720/index.m3u8', 'seg.m4s?x=1')).toBe('v720/seg.m4s');
  });
});

describe('rewriteStoryboardVtt', () => {
  it('signs sprite references and keeps the xywh fragment', () => {
    const vtt = 'WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nstoryboard_0.jpg#xywh=0,0,160,90\n';
    expect(rewriteStoryboardVtt(vtt, (u) => `https://s3.test/${u}?sig=1`)).toContain('https://s3.test/storyboard_0.jpg?sig=1#xywh=0,0,160,90');
  });
});
