// Plain HTML (no React, no database) so it renders when nothing else can. It reloads itself, so the
// page recovers on its own once PostgreSQL is back.
const text = {
  en: { title: 'Service unavailable', body: 'Lectern cannot reach its database right now. This page will retry automatically.', retry: 'Try again' },
  ru: { title: 'Сервис недоступен', body: 'Lectern сейчас не может связаться с базой данных. Страница обновится автоматически.', retry: 'Повторить' },
};

export function serviceUnavailableHtml(acceptLanguage: string | null, cookieLocale?: string): string {
  const lang = cookieLocale === 'ru' || cookieLocale === 'en' ? cookieLocale : /^\s*ru/i.test(acceptLanguage ?? '') ? 'ru' : 'en';
  const t = text[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="10"><title>${t.title} · Lectern</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#f8fafc;color:#0f172a}@media(prefers-color-scheme:dark){body{background:#0f172a;color:#e2e8f0}}main{max-width:32rem;padding:2rem;text-align:center}a{color:inherit}</style></head>
<body><main><h1>${t.title}</h1><p>${t.body}</p><p><a href="">${t.retry}</a></p><p><small>HTTP 503</small></p></main></body></html>`;
}
