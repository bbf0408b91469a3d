// hls.js ships types for its full build only; the light build (no subtitles, alternate audio, DRM or
// CMCD — none of which Lectern's ladders use) has the same API for what the player touches.
declare module 'hls.js/light' {
  export * from 'hls.js';
  export { default } from 'hls.js';
}
