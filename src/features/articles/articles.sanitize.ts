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
  // An image is one uploaded to the article (checked below): a public page loads nothing from elsewhere.
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: [] },
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

const IMAGE_URL = /^\/api\/article-images\/([1-9][0-9]{0,8})$/;

/** What the sanitiser took away that the writer must hear about, and the uploaded images the body shows. */
export interface SanitizedBody {
  html: string;
  /** How many images came without a text alternative (they are left out). */
  imagesWithoutAlt: number;
  /** How many images were not uploaded to an article (they are left out). */
  imagesFromElsewhere: number;
  /** The ids of the uploaded images the body shows. */
  imageIds: number[];
}

/**
 * Sanitises an article's body with the allow-list. Images without alt text and images that were not uploaded to an
 * article are counted and left out.
 */
export function sanitizeArticleBody(html: string): SanitizedBody {
  let imagesWithoutAlt = 0;
  let imagesFromElsewhere = 0;
  const imageIds = new Set<number>();
  const clean = sanitizeHtml(html, {
    ...ALLOWED,
    exclusiveFilter: (frame) => {
      if (frame.tag !== 'img') return false;
      const uploaded = IMAGE_URL.exec(frame.attribs.src ?? '');
      if (!uploaded) imagesFromElsewhere += 1;
      else if (!frame.attribs.alt?.trim()) imagesWithoutAlt += 1;
      else imageIds.add(Number(uploaded[1]));
      return !uploaded || !frame.attribs.alt?.trim();
    },
  });
  return { html: clean.trim(), imagesWithoutAlt, imagesFromElsewhere, imageIds: [...imageIds] };
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
