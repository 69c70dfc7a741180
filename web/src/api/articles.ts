/**
 * Articles and their series: stories an organisation publishes, one version per language, each under its own
 * address; a series' feeds in RSS and Atom per language. The public pages read; the workspace writes.
 */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  ArticleListQuery,
  ArticleListResponse,
  ArticleResponse,
  ArticleStatusBody,
  CreateArticleBody,
  CreateSeriesBody,
  SeriesListResponse,
  SeriesResponse,
  UpdateArticleBody,
  UpdateSeriesBody,
} from '../../../src/contract.ts';
import { getJson } from './client.ts';
import { recordRoutes } from './records.ts';
import { sendJson, uploadFile, useWrite } from './writes.ts';

export {
  ARTICLE_LANGUAGES,
  ARTICLE_STATUSES,
  type ArticleLanguage,
  type ArticleLinks,
  type ArticleResponse,
  type ArticleStatus,
  type SeriesResponse,
} from '../../../src/contract.ts';

/** Which articles: published ones by default; `status` for the drafts, scheduled and archived ones of one's own. */
export type ArticlesQuery = Partial<ArticleListQuery>;

export const articleKeys = {
  all: ['articles'] as const,
  list: (query: ArticlesQuery) => ['articles', 'list', query] as const,
  detail: (id: number | undefined) => ['articles', 'detail', id] as const,
  bySlug: (slug: string | undefined) => ['articles', 'slug', slug] as const,
  history: (id: number) => ['articles', 'history', id] as const,
};

export const seriesKeys = {
  all: ['series'] as const,
  list: (organizationId?: number) => ['series', 'list', organizationId ?? null] as const,
  detail: (id: number | undefined) => ['series', 'detail', id] as const,
  bySlug: (slug: string | undefined) => ['series', 'slug', slug] as const,
  history: (id: number) => ['series', 'history', id] as const,
};

/** An article by its public address (`/articles/:slug`). */
export const useArticleBySlug = (slug: string | undefined) =>
  useQuery({
    queryKey: articleKeys.bySlug(slug),
    queryFn: ({ signal }) =>
      getJson<ArticleResponse>(`/api/articles/by-slug/${encodeURIComponent(slug ?? '')}`, undefined, signal),
    enabled: slug !== undefined && slug !== '',
    retry: false,
  });

/** An article by id, as its editors open it. */
export const useArticle = (id: number | undefined) =>
  useQuery({
    queryKey: articleKeys.detail(id),
    queryFn: ({ signal }) => getJson<ArticleResponse>(`/api/articles/${id}`, undefined, signal),
    enabled: id !== undefined,
    retry: false,
  });

/** Articles, newest first, filtered. */
export const useArticles = (query: ArticlesQuery, enabled = true) =>
  useQuery({
    queryKey: articleKeys.list(query),
    queryFn: ({ signal }) => getJson<ArticleListResponse>('/api/articles', { ...query }, signal),
    enabled,
  });

/** A series by its public address (`/series/:slug`). */
export const useSeriesBySlug = (slug: string | undefined) =>
  useQuery({
    queryKey: seriesKeys.bySlug(slug),
    queryFn: ({ signal }) =>
      getJson<SeriesResponse>(`/api/series/by-slug/${encodeURIComponent(slug ?? '')}`, undefined, signal),
    enabled: slug !== undefined && slug !== '',
    retry: false,
  });

/** The series, or one organisation's. */
export const useSeriesList = (organizationId?: number, enabled = true) =>
  useQuery({
    queryKey: seriesKeys.list(organizationId),
    queryFn: ({ signal }) => getJson<SeriesListResponse>('/api/series', { organizationId }, signal),
    enabled,
  });

/** A series' feed in one language: RSS 2.0 or Atom. */
export const seriesFeedUrl = (seriesId: number, format: 'rss' | 'atom', language: string): string =>
  `/api/series/${seriesId}/feed.${format}?lang=${encodeURIComponent(language)}`;

// ---- writes (the workspace's)

const articleRoutes = recordRoutes<ArticleResponse, UpdateArticleBody>('/api/articles');
const seriesRoutes = recordRoutes<SeriesResponse, UpdateSeriesBody>('/api/series');

/** The article's history: who changed what, and each move between draft, scheduled, published and archived. */
export const articleHistoryQuery = (id: number) => articleRoutes.history(articleKeys.history(id), id);
export const seriesHistoryQuery = (id: number) => seriesRoutes.history(seriesKeys.history(id), id);

/** An article written or changed: its own reads take the answer, every list and its versions are read again. */
const articleChanged = (client: QueryClient, article: ArticleResponse) => {
  client.setQueryData(articleKeys.detail(article.id), article);
  return Promise.all([
    client.invalidateQueries({ queryKey: [...articleKeys.all, 'list'] }),
    client.invalidateQueries({ queryKey: [...articleKeys.all, 'slug'] }),
    client.invalidateQueries({ queryKey: [...articleKeys.all, 'history'] }),
    // The other language versions list this one among their translations.
    ...article.translations.map((version) =>
      client.invalidateQueries({ queryKey: articleKeys.detail(version.id) }),
    ),
  ]);
};
/** After a VERSION_CONFLICT the page shows the article as it is now. */
const articleStale = (client: QueryClient, current: ArticleResponse) =>
  client.setQueryData(articleKeys.detail(current.id), current);

/** A new story in a series (`seriesId`), or a new language version of one (`translationOf`), as a draft. */
export const useCreateArticle = () =>
  useWrite(
    (body: Partial<CreateArticleBody> & Pick<CreateArticleBody, 'language' | 'slug' | 'title'>) =>
      sendJson<ArticleResponse>('POST', '/api/articles', body),
    articleChanged,
  );
export const useUpdateArticle = () => useWrite(articleRoutes.update, articleChanged, articleStale);
/** Schedules, publishes, archives or unpublishes an article. */
export const useArticleStatus = () =>
  useWrite(
    ({ id, ...body }: ArticleStatusBody & { id: number }) =>
      sendJson<ArticleResponse>('POST', `/api/articles/${id}/status`, body),
    articleChanged,
    articleStale,
  );
export const useDeleteArticle = () => useWrite(articleRoutes.remove, articleChanged, articleStale);

/** The types of image an article's body may show. */
export const ARTICLE_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** An image uploaded for an article's body: where it is served (`/api/article-images/{id}`) and its size. */
export interface ArticleImage {
  id: number;
  url: string;
  width: number;
  height: number;
  mediaType: string;
}

/**
 * Uploads an image for a saved article's body (multipart, in the field "file"); the body then shows it by its url.
 * Nothing cached changes until the body that shows it is saved.
 */
export const useUploadArticleImage = () =>
  useWrite(({ articleId, file }: { articleId: number; file: File }) =>
    uploadFile<ArticleImage>(`/api/articles/${articleId}/images`, file),
  );
export const useRestoreArticle = () => useWrite(articleRoutes.restore, articleChanged, articleStale);

const seriesChanged = (client: QueryClient, series: SeriesResponse) => {
  client.setQueryData(seriesKeys.detail(series.id), series);
  return client.invalidateQueries({ queryKey: seriesKeys.all });
};
export const useCreateSeries = () =>
  useWrite((body: CreateSeriesBody) => sendJson<SeriesResponse>('POST', '/api/series', body), seriesChanged);
export const useUpdateSeries = () => useWrite(seriesRoutes.update, seriesChanged);
