// Coarse device and browser classes for playback breakdowns (no version, no fingerprinting).
export function classifyUserAgent(ua: string | null): { device: string; browser: string } {
  const s = ua ?? '';
  const device = /iPad|Tablet|(Android(?!.*Mobile))/i.test(s) ? 'tablet' : /Mobi|iPhone|Android/i.test(s) ? 'mobile' : 'desktop';
  const browser = /Edg\//.test(s)
    ? 'Edge'
    : /OPR\/|Opera/.test(s)
      ? 'Opera'
      : /Firefox\//.test(s)
        ? 'Firefox'
        : /YaBrowser\//.test(s)
          ? 'Yandex'
          : /Chrome\/|Chromium\//.test(s)
            ? 'Chrome'
            : /Safari\//.test(s)
              ? 'Safari'
              : 'Other';
  return { device, browser };
}
