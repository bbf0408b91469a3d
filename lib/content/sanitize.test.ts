import { describe, expect, it } from 'vitest';
import { sanitizeLessonHtml } from './sanitize';

describe('sanitizeLessonHtml: XSS vectors', () => {
  it.each([
    ['script tags and their content', '<p>hi</p><script>alert(1)</script>', '<p>hi</p>'],
    ['script with odd casing', '<ScRiPt>alert(1)</sCrIpT><p>ok</p>', '<p>ok</p>'],
    ['onerror on an image without a usable src', '<img src=x onerror=alert(1)>', ''],
    ['onerror on a real image', '<img src="https://cdn.example/a.png" onerror="alert(1)" alt="A">', '<img alt="A" src="https://cdn.example/a.png" />'],
    ['onclick and target on links', '<a href="https://example.com" onclick="alert(1)" target="_blank">e</a>', '<a href="https://example.com" rel="noopener">e</a>'],
    ['javascript: URLs', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['javascript: URLs hidden by entities and case', '<a href="JaVa&#x09;ScRipt:alert(1)">x</a>', '<a>x</a>'],
    ['data: URLs in links', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', '<a>x</a>'],
    ['data: URLs in images', '<img src="data:image/svg+xml,<svg onload=alert(1)>">', ''],
    ['javascript: in image src', '<img src="javascript:alert(1)">', ''],
    ['protocol-relative image src', '<img src="//evil.example/x.png">', ''],
    ['style attributes', '<p style="background:url(javascript:alert(1))">s</p>', '<p>s</p>'],
    ['style elements', '<style>body{display:none}</style><p>z</p>', '<p>z</p>'],
    ['svg with script', '<svg><script>alert(1)</script><text>t</text></svg>', 't'],
    ['svg onload', '<svg onload="alert(1)"></svg>', ''],
    ['iframes', '<iframe src="https://evil.example"></iframe>after', 'after'],
    ['object and embed', '<object data="x.swf"></object><embed src="x.swf">', ''],
    ['forms and inputs', '<form action="https://evil.example"><input name="p"><button>Go</button></form>', 'Go'],
    ['math with javascript href', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>', 'x'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">', ''],
    ['unknown classes', '<p class="admin-banner">x</p><code class="language-ts danger">y</code>', '<p>x</p><code class="language-ts">y</code>'],
  ])('removes %s', (_name, input, expected) => {
    expect(sanitizeLessonHtml(input)).toBe(expected);
  });
});

describe('sanitizeLessonHtml: allowed content', () => {
  it('keeps headings, paragraphs, lists, code, quotes, tables and inline formatting', () => {
    const html =
      '<h2>Title</h2><p><strong>b</strong> <em>i</em> <u>u</u> <s>s</s></p><ul><li>one</li></ul><ol start="3"><li>three</li></ol>' +
      '<pre><code class="language-js">const a = 1 &lt; 2;</code></pre><blockquote><p>q</p></blockquote>' +
      '<table><caption>c</caption><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">d</td></tr></tbody></table>';
    expect(sanitizeLessonHtml(html)).toBe(html);
  });

  it('keeps http, https and mailto links with rel=noopener, drops relative ones', () => {
    expect(sanitizeLessonHtml('<a href="http://a.example">a</a>')).toBe('<a href="http://a.example" rel="noopener">a</a>');
    expect(sanitizeLessonHtml('<a href="mailto:x@y.example" title="Mail">m</a>')).toBe('<a href="mailto:x@y.example" rel="noopener" title="Mail">m</a>');
    expect(sanitizeLessonHtml('<a href="/admin/users">r</a>')).toBe('<a>r</a>');
  });

  it('maps h1, b, i and del to their allowed equivalents', () => {
    expect(sanitizeLessonHtml('<h1>T</h1><b>b</b><i>i</i><del>d</del>')).toBe('<h2>T</h2><strong>b</strong><em>i</em><s>d</s>');
  });

  it('escapes text and keeps non-ASCII', () => {
    expect(sanitizeLessonHtml('<p>a & b < c — привет ✓</p>')).toBe('<p>a &amp; b &lt; c — привет ✓</p>');
  });

  it('is idempotent, so stored content survives export → import unchanged', () => {
    const inputs = ['<a href="https://e.example" target="_blank">e</a>', '<h1>T</h1><img src="https://i.example/a.png" alt="x" width="10">', '<p>"q" &amp; \'a\'</p>', '<svg><text>t</text></svg>'];
    for (const i of inputs) {
      const once = sanitizeLessonHtml(i);
      expect(sanitizeLessonHtml(once)).toBe(once);
    }
  });

  it('returns an empty string for empty input', () => {
    expect(sanitizeLessonHtml('')).toBe('');
  });
});
