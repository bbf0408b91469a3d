import sanitizeHtml from 'sanitize-html';

// Message text → safe HTML. The text is escaped first, so HTML a user types is shown as text and
// never becomes markup; a small Markdown subset (paragraphs, line breaks, **bold**, *italic*,
// `code`, ``` blocks, - lists, [links](https://…)) is then applied, and the result still passes
// an allow-list sanitizer as a second fence.

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function inline(s: string): string {
  const codes: string[] = [];
  let out = s.replace(/`([^`\n]+)`/g, (_, c: string) => `\u0000${codes.push(c) - 1}\u0000`);
  out = out
    .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\n]+)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2">$1</a>')
    .replace(/(^|[\s(])(https?:\/\/[^\s<)]+)/g, '$1<a href="$2">$2</a>');
  return out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => `<code>${codes[Number(i)]}</code>`);
}

export function markdownToHtml(text: string): string {
  const src = escapeHtml(text.replace(/\r\n?/g, '\n').trim());
  if (!src) return '';
  const blocks: string[] = [];
  const parts = src.split(/```/);
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      blocks.push(`<pre><code>${part.replace(/^[^\n]*\n/, '')}</code></pre>`);
      return;
    }
    for (const para of part.split(/\n{2,}/)) {
      const lines = para.split('\n').filter((l) => l.trim() !== '');
      if (!lines.length) continue;
      if (lines.every((l) => /^\s*[-*]\s+/.test(l))) blocks.push(`<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*]\s+/, ''))}</li>`).join('')}</ul>`);
      else if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l))) blocks.push(`<ol>${lines.map((l) => `<li>${inline(l.replace(/^\s*\d+[.)]\s+/, ''))}</li>`).join('')}</ol>`);
      else blocks.push(`<p>${lines.map(inline).join('<br>')}</p>`);
    }
  });
  return sanitizeMessageHtml(blocks.join(''));
}

const options: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'ul', 'ol', 'li', 'a', 'code', 'pre', 'strong', 'em'],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
};

/** The allow-list for message HTML; safe on any input. */
export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html, options);
}
