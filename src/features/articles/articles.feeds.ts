import type { Feed } from 'feed';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { inLanguage } from '../../lib/localized.ts';
import { findOrganizationNames, findReadableOrganizations } from '../organizations/organizations.service.ts';
import type { ArticleLanguage } from './articles.constants.ts';
import * as repo from './articles.repo.ts';
import type { ArticleResponse } from './articles.schema.ts';
import { articlePaths, listArticles } from './articles.service.ts';

/** The newest articles a feed carries. */
const FEED_SIZE = 50;

const ARTICLES_OF: Record<ArticleLanguage, (name: string) => string> = {
  fi: (name) => `${name}: artikkelit`,
  sv: (name) => `${name}: artiklar`,
  en: (name) => `${name}: articles`,
};

/** Addresses in a body relative to the site, made absolute: a feed reader does not know the site. */
const absolute = (html: string, baseUrl: string) => html.replace(/(href|src)="\//g, `$1="${baseUrl}/`);

function addItems(feed: Feed, items: readonly ArticleResponse[], baseUrl: string) {
  for (const article of items) {
    const link = `${baseUrl}${article.url}`;
    const date = new Date(article.publishAt ?? article.updatedAt);
    feed.addItem({
      title: article.title,
      id: link,
      link,
      description: article.lead,
      content: absolute(article.body, baseUrl),
      date,
      published: date,
      author: [{ name: article.organizationName }],
    });
  }
}

async function newFeed(options: {
  title: string;
  description: string;
  link: string;
  feedPath: (format: 'rss' | 'atom') => string;
  lang: ArticleLanguage;
  baseUrl: string;
  items: readonly ArticleResponse[];
}) {
  const { baseUrl } = options;
  const newest = options.items[0];
  // Loaded with the first feed asked for, not with the server.
  const { Feed: FeedOf } = await import('feed');
  const feed = new FeedOf({
    title: options.title,
    description: options.description,
    id: options.link,
    link: options.link,
    language: options.lang,
    updated: newest ? new Date(newest.publishAt ?? newest.updatedAt) : new Date(0),
    generator: 'CityBridge',
    copyright: options.title,
    feedLinks: { rss: `${baseUrl}${options.feedPath('rss')}`, atom: `${baseUrl}${options.feedPath('atom')}` },
  });
  addItems(feed, options.items, baseUrl);
  return feed;
}

/** A series' published articles in one language, newest first. */
export async function seriesFeed(db: DbOrTx, id: number, lang: ArticleLanguage, baseUrl: string) {
  const series = await repo.findSeries(db, id);
  if (!series || series.deletedAt) throw new AppError('SERIES_NOT_FOUND', `No series ${id}`);
  const { items } = await listArticles(db, null, { seriesId: id, language: lang, limit: FEED_SIZE });
  return newFeed({
    title: inLanguage(series.title, lang),
    description: inLanguage(series.description, lang) || inLanguage(series.title, lang),
    link: `${baseUrl}${articlePaths.series(series.slug)}?lang=${lang}`,
    feedPath: (format) => articlePaths.seriesFeed(id, format, lang),
    lang,
    baseUrl,
    items,
  });
}

/** The published articles of every series of an organisation, in one language, newest first. */
export async function organizationFeed(db: DbOrTx, id: number, lang: ArticleLanguage, baseUrl: string) {
  const readable = await findReadableOrganizations(db, null, [id]);
  if (!readable.has(id)) throw new AppError('ORGANIZATION_NOT_FOUND', `No organisation ${id}`);
  const name = (await findOrganizationNames(db, [id])).get(id) ?? '';
  const { items } = await listArticles(db, null, { organizationId: id, language: lang, limit: FEED_SIZE });
  return newFeed({
    title: ARTICLES_OF[lang](name),
    description: ARTICLES_OF[lang](name),
    link: `${baseUrl}/organizations/${id}?lang=${lang}`,
    feedPath: (format) => articlePaths.organizationFeed(id, format, lang),
    lang,
    baseUrl,
    items,
  });
}
