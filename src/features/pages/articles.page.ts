import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { inLanguage } from '../../lib/localized.ts';
import type { ArticleResponse, SeriesResponse } from '../articles/articles.schema.ts';
import {
  findArticleBySlug,
  getSeriesBySlug,
  listArticles,
  presentArticle,
} from '../articles/articles.service.ts';
import { html, trusted } from './html.ts';
import { type FeedLink, formatDate, frame, languageAlternates, type RenderedPage, shorten } from './page.ts';
import { findLinkNames } from './pages.repo.ts';
import { LANGUAGE_NAMES, PAGE_TEXTS, type PageLanguage } from './pages.texts.ts';

/** A record that is not there (or not public) renders no page; any other failure is one. */
function notFoundAsNothing(error: unknown): undefined {
  if (error instanceof AppError && error.statusCode === 404) return undefined;
  throw error;
}

function seriesFeeds(
  series: Pick<SeriesResponse, 'id' | 'title'>,
  lang: PageLanguage,
  baseUrl: string,
): FeedLink[] {
  const title = inLanguage(series.title, lang);
  return (['rss', 'atom'] as const).map((format) => ({
    title: `${title} (${format === 'rss' ? 'RSS' : 'Atom'})`,
    format,
    url: `${baseUrl}/api/series/${series.id}/feed.${format}?lang=${lang}`,
  }));
}

function feedList(feeds: readonly FeedLink[], lang: PageLanguage) {
  const texts = PAGE_TEXTS[lang];
  return html`<p class="feed-links">${texts.feeds}: ${feeds.map(
    (feed, index) =>
      html`${index > 0 ? ' · ' : ''}<a href="${feed.url}" type="${
        feed.format === 'rss' ? 'application/rss+xml' : 'application/atom+xml'
      }">${feed.format === 'rss' ? texts.rss : texts.atom}</a>`,
  )}</p>`;
}

/** The first image of a body, for link previews: its address made absolute, and its alt text. */
function firstImage(body: string, baseUrl: string) {
  const match = /<img src="([^"]+)" alt="([^"]*)"/.exec(body);
  if (!match) return undefined;
  const decode = (text: string) =>
    text.replace(
      /&(amp|quot|lt|gt|#39);/g,
      (entity) => ({ '&amp;': '&', '&quot;': '"', '&lt;': '<', '&gt;': '>', '&#39;': "'" })[entity]!,
    );
  const url = decode(match[1]!);
  return { url: url.startsWith('/') ? `${baseUrl}${url}` : url, alt: decode(match[2]!) };
}

/**
 * The language versions of an article's story that are published, each at its own address, and as x-default the
 * earliest of them (the story's first version, unless that one is not published): what the sitemap says too.
 */
function articleAlternates(article: ArticleResponse, baseUrl: string): RenderedPage['alternates'] {
  const versions = [
    ...(article.status === 'published' ? [article] : []),
    ...article.translations.filter((version) => version.status === 'published'),
  ].sort((a, b) => a.id - b.id);
  const own = { hreflang: article.language, url: `${baseUrl}${article.url}` };
  if (versions.length === 0) return [own];
  return [
    ...versions.map((version) => ({ hreflang: version.language, url: `${baseUrl}${version.url}` })),
    { hreflang: 'x-default' as const, url: `${baseUrl}${versions[0]!.url}` },
  ];
}

/** An article's public page, as an anonymous reader sees it; nothing for an article the public may not read. */
export async function renderArticlePage(
  db: DbOrTx,
  slug: string,
  baseUrl: string,
): Promise<RenderedPage | undefined> {
  const loaded = await findArticleBySlug(db, null, slug).catch(notFoundAsNothing);
  if (!loaded) return undefined;
  const article: ArticleResponse = presentArticle(null, loaded);
  const lang = article.language;
  const texts = PAGE_TEXTS[lang];
  const url = `${baseUrl}${article.url}`;
  const seriesTitle = inLanguage(article.series.title, lang);
  // The sanitiser is loaded by the first article page that has no lead, not at start-up.
  const description = shorten(
    article.lead || (await import('../articles/articles.sanitize.ts')).articleBodyText(article.body),
  );
  const names = await findLinkNames(db, article.links, lang);
  const feeds = seriesFeeds(article.series, lang, baseUrl);
  const author = article.authorRole
    ? `${texts.roles[article.authorRole]}, ${article.organizationName}`
    : article.organizationName;
  const contact = article.contact;
  const person = contact?.person;
  const about = [
    ...names.places.map(
      (place) => html`<li><a href="/places/${place.id}?lang=${lang}">${place.name}</a></li>`,
    ),
    ...names.ties.map((tie) => html`<li><a href="/partnerships/${tie.id}">${tie.name}</a></li>`),
    ...names.events.map(
      (event) => html`<li><a href="/events/${event.id}?lang=${lang}">${event.name}</a></li>`,
    ),
    ...names.networks.map(
      (network) => html`<li><a href="/networks/${network.id}?lang=${lang}">${network.name}</a></li>`,
    ),
  ];
  const body = html`<article class="article" lang="${lang}">
<p class="article-series"><a href="/series/${article.series.slug}?lang=${lang}">${seriesTitle}</a></p>
<h1>${article.title}</h1>
<p class="article-meta">${
    article.publishAt
      ? html`${texts.published} <time datetime="${article.publishAt}">${formatDate(article.publishAt, lang)}</time> · `
      : ''
  }${author}</p>
${article.status === 'archived' ? html`<p class="article-note">${texts.archived}</p>` : ''}${
  article.demo ? html`<p class="article-note">${texts.demo}</p>` : ''
}${article.lead ? html`<p class="article-lead">${article.lead}</p>` : ''}
<div class="article-body">${trusted(article.body)}</div>
${
  contact
    ? html`<section class="article-contact" aria-labelledby="article-contact"><h2 id="article-contact">${texts.moreInformation}</h2><p>${
        person
          ? html`${person.name}, ${person.title ?? texts.roles[person.role]}, ${person.organizationName}<br />`
          : ''
      }${inLanguage(contact.label, lang) ? html`${inLanguage(contact.label, lang)}<br />` : ''}${
        contact.email ? html`<a href="mailto:${contact.email}">${contact.email}</a><br />` : ''
      }${contact.phone ? html`<a href="tel:${contact.phone.replace(/[^+0-9]/g, '')}">${contact.phone}</a>` : ''}</p></section>`
    : ''
}${
  article.translations.length > 0
    ? html`<nav class="article-languages" aria-label="${texts.languageVersions}"><p>${texts.alsoIn}: ${article.translations.map(
        (version, index) =>
          html`${index > 0 ? ' · ' : ''}<a href="${version.url}" hreflang="${version.language}" lang="${version.language}">${LANGUAGE_NAMES[version.language]}</a>`,
      )}</p></nav>`
    : ''
}${
  about.length > 0
    ? html`<section aria-labelledby="article-about"><h2 id="article-about">${texts.about}</h2><ul>${about}</ul></section>`
    : ''
}${feedList(feeds, lang)}</article>`;
  const image = firstImage(article.body, baseUrl);
  const organization = { '@type': 'GovernmentOrganization', name: article.organizationName };
  return {
    lang,
    title: `${article.title} – ${seriesTitle}`,
    description,
    canonical: url,
    alternates: articleAlternates(article, baseUrl),
    type: 'article',
    image,
    meta: [
      ...(article.publishAt ? [{ property: 'article:published_time', content: article.publishAt }] : []),
      { property: 'article:modified_time', content: article.updatedAt },
      { property: 'article:section', content: seriesTitle },
    ],
    feeds,
    jsonLd: [
      {
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        '@id': url,
        url,
        headline: article.title,
        description,
        inLanguage: lang,
        ...(article.publishAt ? { datePublished: article.publishAt } : {}),
        dateModified: article.updatedAt,
        ...(image ? { image: image.url } : {}),
        author: organization,
        publisher: organization,
        isPartOf: {
          '@type': 'CreativeWorkSeries',
          '@id': `${baseUrl}/series/${article.series.slug}`,
          name: seriesTitle,
          url: `${baseUrl}/series/${article.series.slug}`,
        },
        ...(names.places.length > 0
          ? {
              about: names.places.map((place) => ({
                '@type': 'Place',
                '@id': `${baseUrl}/places/${place.id}`,
                name: place.name,
              })),
            }
          : {}),
        ...(article.translations.length > 0
          ? {
              workTranslation: article.translations.map((version) => ({
                '@type': 'NewsArticle',
                '@id': `${baseUrl}${version.url}`,
                inLanguage: version.language,
              })),
            }
          : {}),
      },
    ],
    body: frame(lang, body),
  };
}

/** A series' public page in the reader's language: its published articles, newest first, and its feeds. */
export async function renderSeriesPage(
  db: DbOrTx,
  slug: string,
  lang: PageLanguage,
  baseUrl: string,
): Promise<RenderedPage | undefined> {
  const series = await getSeriesBySlug(db, null, slug).catch(notFoundAsNothing);
  if (!series) return undefined;
  const texts = PAGE_TEXTS[lang];
  const title = inLanguage(series.title, lang);
  const { items } = await listArticles(db, null, { seriesId: series.id, limit: 50 });
  const ownLanguage = items.filter((article) => article.language === lang);
  const others = items.filter((article) => article.language !== lang);
  const path = `/series/${series.slug}`;
  const feeds = seriesFeeds(series, lang, baseUrl);
  const description =
    inLanguage(series.description, lang) || texts.seriesDescription(title, series.organizationName);
  const item = (article: ArticleResponse) =>
    html`<li lang="${article.language}"><h3><a href="${article.url}">${article.title}</a></h3>${
      article.publishAt
        ? html`<p class="article-meta"><time datetime="${article.publishAt}">${formatDate(article.publishAt, lang)}</time></p>`
        : ''
    }${article.lead ? html`<p>${article.lead}</p>` : ''}</li>`;
  const body = html`<h1>${title}</h1>
<p class="series-organization">${series.organizationName}</p>
${inLanguage(series.description, lang) ? html`<p class="series-description">${inLanguage(series.description, lang)}</p>` : ''}
<section aria-labelledby="series-articles"><h2 id="series-articles">${texts.articles}</h2>${
    ownLanguage.length > 0
      ? html`<ul class="article-list">${ownLanguage.map(item)}</ul>`
      : html`<p>${texts.noArticles}</p>`
  }</section>${
    others.length > 0
      ? html`<section aria-labelledby="series-others"><h2 id="series-others">${texts.otherLanguages}</h2><ul class="article-list">${others.map(item)}</ul></section>`
      : ''
  }${feedList(feeds, lang)}`;
  const url = `${baseUrl}${path}`;
  return {
    lang,
    title: `${title} – CityBridge`,
    description,
    canonical: `${url}?lang=${lang}`,
    alternates: languageAlternates(baseUrl, path),
    type: 'website',
    feeds,
    jsonLd: [
      {
        '@context': 'https://schema.org',
        '@type': 'CreativeWorkSeries',
        '@id': url,
        url,
        name: title,
        description,
        inLanguage: lang,
        publisher: { '@type': 'GovernmentOrganization', name: series.organizationName },
        hasPart: ownLanguage.map((article) => ({
          '@type': 'NewsArticle',
          '@id': `${baseUrl}${article.url}`,
          headline: article.title,
        })),
      },
    ],
    body: frame(lang, body),
  };
}
