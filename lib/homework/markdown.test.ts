import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './markdown';

describe('markdownToHtml', () => {
  it('shows typed HTML and script as text', () => {
    const html = markdownToHtml('<script>alert(1)</script> <img src=x onerror=alert(2)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
  it('renders the Markdown subset', () => {
    expect(markdownToHtml('Hello **world** and *you*\nnext `x<y`')).toBe('<p>Hello <strong>world</strong> and <em>you</em><br />next <code>x&lt;y</code></p>');
    expect(markdownToHtml('- a\n- b')).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(markdownToHtml('see [docs](https://example.com/a)')).toContain('<a href="https://example.com/a" rel="noopener noreferrer nofollow" target="_blank">docs</a>');
  });
  it('drops javascript: links', () => {
    const html = markdownToHtml('[x](javascript:alert(1))');
    expect(html).not.toContain('href');
  });
  it('is empty for blank input', () => expect(markdownToHtml('  \n ')).toBe(''));
});
