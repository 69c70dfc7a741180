import { Readable } from 'node:stream';
import type { SitemapItemLoose } from 'sitemap';
import type { DbOrTx } from '../../db/client.ts';
import { findPublishedArticleVersions, listSeries } from '../articles/articles.service.ts';
import { findCountriesWithTies, findPlacesWithTies, findPublicRecordIds } from './pages.repo.ts';
import { PAGE_LANGUAGES } from './pages.texts.ts';

/** Places per sitemap file: three addresses each, well under the format's 50,000 per file. */
export const PLACES_PER_SITEMAP = 5000;

/** A page in every language: an entry per language, each naming the others as its alternates (and x-default). */
function inEveryLanguage(path: string): SitemapItemLoose[] {
  const links = [
    ...PAGE_LANGUAGES.map((lang) => ({ lang, url: `${path}?lang=${lang}` })),
    { lang: 'x-default', url: path },
  ];
  return PAGE_LANGUAGES.map((lang) => ({ url: `${path}?lang=${lang}`, links }));
}

/** The sitemap package, loaded with the first sitemap asked for, not with the server. */
const sitemapPackage = () => import('sitemap');

async function write(baseUrl: string, items: readonly SitemapItemLoose[]): Promise<string> {
  const { SitemapStream, streamToPromise } = await sitemapPackage();
  const stream = new SitemapStream({
    hostname: baseUrl,
    xmlns: { news: false, video: false, image: false, xhtml: true },
  });
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}

/** The sitemap index: the pages' sitemap, and the places' in files of PLACES_PER_SITEMAP. */
export async function sitemapIndex(db: DbOrTx, baseUrl: string): Promise<string> {
  const places = (await findPlacesWithTies(db)).length;
  const files = [
    'pages',
    ...Array.from({ length: Math.ceil(places / PLACES_PER_SITEMAP) }, (_, i) => `places-${i + 1}`),
  ];
  const { SitemapIndexStream, streamToPromise } = await sitemapPackage();
  const stream = new SitemapIndexStream();
  const items = files.map((name) => ({ url: `${baseUrl}/sitemaps/${name}.xml` }));
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}

/**
 * The public pages but places: home, lists, downloads, countries, networks, events, organisations, series and
 * every article version.
 */
export async function pagesSitemap(db: DbOrTx, baseUrl: string): Promise<string> {
  const countries = await findCountriesWithTies(db);
  const { events, networks, organizations } = await findPublicRecordIds(db);
  const { items: series } = await listSeries(db, null, {});
  const articles = await findPublishedArticleVersions(db);
  const stories = new Map<number, typeof articles>();
  for (const article of articles)
    stories.set(article.storyId, [...(stories.get(article.storyId) ?? []), article]);
  const articleItems = articles.map((article) => {
    const versions = stories.get(article.storyId) ?? [];
    const first = [...versions].sort((a, b) => a.id - b.id)[0] ?? article;
    return {
      url: `/articles/${article.slug}`,
      lastmod: new Date(article.updatedAt).toISOString(),
      links:
        versions.length > 1
          ? [
              ...versions.map((version) => ({ lang: version.language, url: `/articles/${version.slug}` })),
              { lang: 'x-default', url: `/articles/${first.slug}` },
            ]
          : undefined,
    };
  });
  return write(baseUrl, [
    ...inEveryLanguage('/'),
    ...inEveryLanguage('/countries'),
    ...inEveryLanguage('/networks'),
    ...inEveryLanguage('/downloads'),
    ...countries.flatMap((code) => inEveryLanguage(`/countries/${code}`)),
    ...networks.flatMap((id) => inEveryLanguage(`/networks/${id}`)),
    ...events.flatMap((id) => inEveryLanguage(`/events/${id}`)),
    ...organizations.flatMap((id) => inEveryLanguage(`/organizations/${id}`)),
    ...series.flatMap((entry) => inEveryLanguage(`/series/${entry.slug}`)),
    ...articleItems,
  ]);
}

/** The places with ties, the `part`th file of PLACES_PER_SITEMAP; undefined past the last. */
export async function placesSitemap(db: DbOrTx, baseUrl: string, part: number): Promise<string | undefined> {
  const places = await findPlacesWithTies(db);
  const chunk = places.slice((part - 1) * PLACES_PER_SITEMAP, part * PLACES_PER_SITEMAP);
  if (part < 1 || chunk.length === 0) return undefined;
  return write(
    baseUrl,
    chunk.flatMap((place) => inEveryLanguage(`/places/${place.id}`)),
  );
}

/** robots.txt: every public page may be crawled; the API, the workspace and sign-in pages are not pages to index. */
export function robotsTxt(baseUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /api/',
    'Allow: /api/series/',
    'Allow: /api/organizations/*/articles.rss',
    'Allow: /api/organizations/*/articles.atom',
    'Disallow: /workspace',
    'Disallow: /sign-in',
    'Disallow: /setup',
    'Disallow: /password',
    'Disallow: /account',
    'Disallow: /admin',
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
