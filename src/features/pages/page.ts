import type { FastifyRequest } from 'fastify';
import { type Html, html, jsonLdScript } from './html.ts';
import { LOCALES, PAGE_LANGUAGES, PAGE_TEXTS, type PageLanguage } from './pages.texts.ts';

/** A feed a page offers with `<link rel="alternate">`. */
export interface FeedLink {
  title: string;
  format: 'rss' | 'atom';
  url: string;
}

/**
 * A public page as the server renders it: its real content for readers without JavaScript, and the head that
 * search engines and link previews read. The web app replaces the content when it has loaded.
 */
export interface RenderedPage {
  lang: PageLanguage;
  title: string;
  description: string;
  /** Absolute: the page in this language. */
  canonical: string;
  /** The page in each language it exists in (absolute), and `x-default` for the one without a chosen language. */
  alternates: { hreflang: PageLanguage | 'x-default'; url: string }[];
  type: 'website' | 'article';
  /** An absolute image address for link previews. */
  image?: { url: string; alt: string };
  /** article:published_time and the like. */
  meta?: { property: string; content: string }[];
  jsonLd: unknown[];
  feeds?: FeedLink[];
  /** What goes in the app's root element. */
  body: Html;
}

/**
 * A public page the server renders into index.html (its content, title and head), or nothing, when the page is
 * not one the public may read: then the app alone answers it.
 */
export interface PublicPage {
  /** The page's route, as Fastify writes it: /events/:id */
  path: string;
  render(request: FastifyRequest): Promise<RenderedPage | undefined>;
}

const FEED_TYPES = { rss: 'application/rss+xml', atom: 'application/atom+xml' } as const;

/** The page's head: description, canonical address, language alternates, Open Graph, Twitter card, JSON-LD, feeds. */
export function renderHead(page: RenderedPage): Html {
  const twitterCard = page.image ? 'summary_large_image' : 'summary';
  return html`
    <meta name="description" content="${page.description}" />
    <link rel="canonical" href="${page.canonical}" />
    ${page.alternates.map(
      (alternate) => html`<link rel="alternate" hreflang="${alternate.hreflang}" href="${alternate.url}" />
    `,
    )}
    <meta property="og:site_name" content="CityBridge" />
    <meta property="og:type" content="${page.type}" />
    <meta property="og:title" content="${page.title}" />
    <meta property="og:description" content="${page.description}" />
    <meta property="og:url" content="${page.canonical}" />
    <meta property="og:locale" content="${LOCALES[page.lang].og}" />
    ${PAGE_LANGUAGES.filter(
      (lang) => lang !== page.lang && page.alternates.some((a) => a.hreflang === lang),
    ).map(
      (lang) => html`<meta property="og:locale:alternate" content="${LOCALES[lang].og}" />
    `,
    )}${
      page.image
        ? html`<meta property="og:image" content="${page.image.url}" />
    <meta property="og:image:alt" content="${page.image.alt}" />
    `
        : ''
    }${(page.meta ?? []).map(
      (meta) => html`<meta property="${meta.property}" content="${meta.content}" />
    `,
    )}<meta name="twitter:card" content="${twitterCard}" />
    <meta name="twitter:title" content="${page.title}" />
    <meta name="twitter:description" content="${page.description}" />
    ${(page.feeds ?? []).map(
      (
        feed,
      ) => html`<link rel="alternate" type="${FEED_TYPES[feed.format]}" title="${feed.title}" href="${feed.url}" />
    `,
    )}${page.jsonLd.map((data) => jsonLdScript(data))}
  `;
}

/** The frame every server-rendered page shares: the skip link, the header with the way home, the main landmark. */
export function frame(lang: PageLanguage, content: Html): Html {
  const texts = PAGE_TEXTS[lang];
  return html`<div class="layout"><a class="skip-link" href="#main">${texts.skip}</a><header class="site-header"><a class="brand" href="/?lang=${lang}"><span class="brand-name">CityBridge</span></a></header><main id="main" class="page public-page" tabindex="-1">${content}</main></div>`;
}

/** The page's address in each language, `?lang=` for each and the bare address as x-default. */
export function languageAlternates(baseUrl: string, path: string): RenderedPage['alternates'] {
  return [
    ...PAGE_LANGUAGES.map((lang) => ({ hreflang: lang, url: `${baseUrl}${path}?lang=${lang}` })),
    { hreflang: 'x-default' as const, url: `${baseUrl}${path}` },
  ];
}

/** A date as the page's language writes it. */
export function formatDate(instant: Date | string, lang: PageLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[lang].intl, { dateStyle: 'long', timeZone: 'UTC' }).format(
    typeof instant === 'string' ? new Date(instant) : instant,
  );
}

/** At most `max` characters, cut at a word, for descriptions. */
export function shorten(text: string, max = 200): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}
