import sanitizeHtml from 'sanitize-html';

/**
 * The marks and blocks an article's body may hold: what the editor (TipTap's paragraphs, headings, lists, quotes,
 * links and images) writes, and nothing else. Everything outside the list goes, with its content kept as text
 * where it is text and dropped where it is code (script, style).
 */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'strong',
    'em',
    's',
    'ul',
    'ol',
    'li',
    'blockquote',
    'a',
    'img',
    'figure',
    'figcaption',
  ],
  allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'] },
  // Relative addresses (the app's own files and pages) and these schemes only: no javascript:, data: or vbscript:.
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'http'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object'],
  transformTags: {
    // Links leave with no referrer and pass no ranking; the reader's tab is the reader's.
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'noopener noreferrer nofollow' },
    }),
  },
};

/** What the sanitiser took away that the writer must hear about. */
export interface SanitizedBody {
  html: string;
  /** How many images came without a text alternative (they are left out). */
  imagesWithoutAlt: number;
}

/** Sanitises an article's body with the allow-list; images without alt text are counted and left out. */
export function sanitizeArticleBody(html: string): SanitizedBody {
  let imagesWithoutAlt = 0;
  const clean = sanitizeHtml(html, {
    ...ALLOWED,
    exclusiveFilter: (frame) => {
      if (frame.tag !== 'img') return false;
      const missing = !frame.attribs.alt?.trim() || !frame.attribs.src;
      if (missing) imagesWithoutAlt += 1;
      return missing;
    },
  });
  return { html: clean.trim(), imagesWithoutAlt };
}

/** The characters sanitize-html writes as entities in text, and back. */
const ESCAPED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

/** The body as plain text (not HTML: escape it where it goes into a page), for descriptions and feed summaries. */
export function articleBodyText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|h2|h3|li|blockquote|figcaption)>/g, '$& '), {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ALLOWED.nonTextTags,
  })
    .replace(/&(amp|lt|gt|quot);/g, (entity) => ESCAPED[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}
