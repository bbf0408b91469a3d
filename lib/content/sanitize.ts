import sanitizeHtml from 'sanitize-html';

// The one HTML sanitizer for lesson content: everything stored in `lessons.content_html` passes
// through it (the text-lesson editor and course import alike), so the player can render it as is.
// An allow-list: anything not named here (script, style, iframe, svg, event handlers, inline
// styles, classes) is dropped. Output is stable: sanitizing sanitized HTML returns it unchanged,
// which keeps export → import round trips lossless.

const LINK_SCHEMES = ['http', 'https', 'mailto'];
const IMAGE_SCHEMES = ['http', 'https'];
const ABSOLUTE_LINK = /^(https?:\/\/|mailto:)/i;
const ABSOLUTE_IMAGE = /^https?:\/\//i;

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2', 'h3', 'h4', 'h5', 'h6',
    'p', 'br', 'hr',
    'ul', 'ol', 'li',
    'a', 'img',
    'code', 'pre', 'blockquote',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
    'strong', 'em', 'u', 's',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    ol: ['start'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    code: ['class'],
  },
  // Syntax-highlighting hints only; no other classes (they could mimic the app's own UI).
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: LINK_SCHEMES,
  allowedSchemesByTag: { img: IMAGE_SCHEMES },
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  transformTags: {
    // The lesson page owns the only <h1>; legacy tags map to their semantic twins.
    h1: 'h2',
    b: 'strong',
    i: 'em',
    strike: 's',
    del: 's',
    a: (tagName, attribs) => {
      const href = attribs.href?.trim();
      // Relative and fragment links are dropped too: lesson HTML travels between installations.
      const attrs: sanitizeHtml.Attributes = href && ABSOLUTE_LINK.test(href) ? { href, rel: 'noopener' } : {};
      if (attribs.title) attrs.title = attribs.title;
      return { tagName, attribs: attrs };
    },
    img: (tagName, attribs) => {
      const src = attribs.src?.trim();
      const { src: _src, ...rest } = attribs;
      return { tagName, attribs: src && ABSOLUTE_IMAGE.test(src) ? { ...rest, src } : rest };
    },
  },
  // An image without a usable source is noise (and a tracking-pixel vector when relative).
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** Returns lesson HTML reduced to the allow-list. Safe on any input; callers need no prior check. */
export function sanitizeLessonHtml(html: string): string {
  if (!html) return '';
  return sanitizeHtml(html, options);
}
