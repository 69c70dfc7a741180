import { AppError, type ErrorDetail, pgConstraint, pgErrorCode } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import { findOrganizationNames, findReadableOrganizations } from '../organizations/organizations.service.ts';
import {
  changeRecord,
  createRecord,
  presentKept,
  type RecordChange,
  type RecordType,
  readRecord,
  updateRecord,
} from '../records/records.service.ts';
import { ARTICLE_LANGUAGES, type ArticleLanguage, type ArticleStatus } from './articles.constants.ts';
import * as repo from './articles.repo.ts';
import type {
  ArticleLinks,
  ArticleListQuery,
  ArticleResponse,
  ArticleStatusBody,
  ContactBody,
  CreateArticleBody,
  CreateSeriesBody,
  SeriesListQuery,
  SeriesResponse,
  UpdateArticleBody,
  UpdateSeriesBody,
} from './articles.schema.ts';

const NO_LINKS: ArticleLinks = {
  placeIds: [],
  partnershipIds: [],
  eventIds: [],
  outcomeIds: [],
  networkIds: [],
};

/** Where a series' and an article's public pages and feeds are, relative to the site's address. */
export const articlePaths = {
  series: (slug: string) => `/series/${slug}`,
  article: (slug: string) => `/articles/${slug}`,
  seriesFeed: (id: number, format: 'rss' | 'atom', lang: string) =>
    `/api/series/${id}/feed.${format}?lang=${lang}`,
  organizationFeed: (id: number, format: 'rss' | 'atom', lang: string) =>
    `/api/organizations/${id}/articles.${format}?lang=${lang}`,
};

function feedLinks(path: (format: 'rss' | 'atom', lang: string) => string) {
  return Object.fromEntries(
    ARTICLE_LANGUAGES.map((lang) => [lang, { rss: path('rss', lang), atom: path('atom', lang) }]),
  ) as Record<ArticleLanguage, { rss: string; atom: string }>;
}

// ---- series

export interface LoadedSeries {
  row: repo.SeriesRow;
  organizationName: string;
}

/** A series' name is public; its organisation's editors keep it and write its articles. */
const seriesStake = (row: repo.SeriesRow): Stake => ({
  visibility: 'published',
  organizationIds: [row.organizationId],
});

export function presentSeries(actor: Actor | null, { row, organizationName }: LoadedSeries): SeriesResponse {
  return {
    id: row.id,
    organizationId: row.organizationId,
    organizationName,
    slug: row.slug,
    title: row.title,
    description: row.description,
    url: articlePaths.series(row.slug),
    feeds: feedLinks((format, lang) => articlePaths.seriesFeed(row.id, format, lang)),
    ...presentKept(row),
    canEdit: !row.deletedAt && policy.write(actor, seriesStake(row)),
  };
}

async function loadSeries(db: DbOrTx, rows: readonly repo.SeriesRow[]): Promise<LoadedSeries[]> {
  const names = await findOrganizationNames(
    db,
    rows.map((row) => row.organizationId),
  );
  return rows.map((row) => ({ row, organizationName: names.get(row.organizationId) ?? '' }));
}

const slugTaken = (field: string) =>
  new AppError('SLUG_TAKEN', 'The address is taken', [{ field, message: 'is taken: choose another' }]);

/** A unique key a parallel write took, as the API says it. */
function answerUniqueViolation(error: unknown): never {
  if (pgErrorCode(error) === '23505') {
    const constraint = pgConstraint(error);
    if (constraint === 'articles_story_language_unique')
      throw new AppError('TRANSLATION_EXISTS', 'The story has a version in this language already', [
        { field: 'body.language', message: 'has a version already' },
      ]);
    if (constraint === 'articles_slug_unique' || constraint === 'article_series_slug_unique')
      throw slugTaken('body.slug');
  }
  throw error;
}

export const seriesRecord: RecordType<LoadedSeries, SeriesResponse, repo.SeriesInsert, repo.SeriesChanges> = {
  entity: 'article_series',
  noun: 'series',
  notFound: (id) => new AppError('SERIES_NOT_FOUND', `No series ${id}`),
  async load(db, id, lock) {
    const row = await repo.findSeries(db, id, lock);
    return row ? (await loadSeries(db, [row]))[0] : undefined;
  },
  insert: repo.insertSeries,
  update: repo.updateSeries,
  stake: ({ row }) => seriesStake(row),
  audited: ({ row }) => {
    const { createdAt: _c, updatedAt: _u, id: _id, ...fields } = row;
    return { ...fields, deletedAt: row.deletedAt?.toISOString() ?? null };
  },
  present: presentSeries,
  writeError: answerUniqueViolation,
};

export async function listSeries(db: DbOrTx, actor: Actor | null, query: SeriesListQuery) {
  const loaded = await loadSeries(db, await repo.listSeries(db, query));
  return { items: loaded.map((series) => presentSeries(actor, series)) };
}

/** A live series by its address, as the API answers it. */
export async function getSeriesBySlug(db: DbOrTx, actor: Actor | null, slug: string) {
  const row = await repo.findSeriesBySlug(db, slug);
  if (!row || row.deletedAt) throw new AppError('SERIES_NOT_FOUND', `No series ${slug}`);
  const [loaded] = await loadSeries(db, [row]);
  return presentSeries(actor, loaded!);
}

/** A series is public: its organisation must be one the user may read, and one anyone may read. */
async function checkOrganization(db: DbOrTx, actor: Actor | null, organizationId: number) {
  const readable = await findReadableOrganizations(db, actor, [organizationId]);
  const invalid = (message: string) =>
    new AppError('VALIDATION_FAILED', 'Invalid request: body.organizationId', [
      { field: 'body.organizationId', message },
    ]);
  if (!readable.has(organizationId)) throw invalid('is not a known organisation');
  const published = await findReadableOrganizations(db, null, [organizationId]);
  if (!published.has(organizationId))
    throw invalid('is internal: a series is public, so its organisation must be');
}

export async function createSeries(db: DbOrTx, actor: Actor | null, body: CreateSeriesBody) {
  return createRecord(db, actor, seriesRecord, async (tx) => {
    authorize(actor, policy.create(actor, [body.organizationId]));
    await checkOrganization(tx, actor, body.organizationId);
    if (await repo.slugTaken(tx, 'article_series', body.slug)) throw slugTaken('body.slug');
    return body;
  });
}

export async function updateSeries(db: DbOrTx, actor: Actor | null, id: number, body: UpdateSeriesBody) {
  const { version, ...fields } = body;
  return updateRecord(db, actor, seriesRecord, id, version, async (tx, before) => {
    if (fields.organizationId !== undefined && fields.organizationId !== before.row.organizationId) {
      authorize(actor, policy.create(actor, [fields.organizationId]));
      await checkOrganization(tx, actor, fields.organizationId);
    }
    if (fields.slug !== undefined && (await repo.slugTaken(tx, 'article_series', fields.slug, id)))
      throw slugTaken('body.slug');
    return fields;
  });
}

// ---- articles

/** An article as the service loads it: the version, its series, its story's other versions and links. */
export interface LoadedArticle {
  row: repo.ArticleRow;
  series: repo.SeriesRow;
  organizationName: string;
  /** Every live version of the story, this one included. */
  versions: repo.ArticleRow[];
  /** What the story links to, and of that what anyone may read. */
  links: ArticleLinks;
  publicLinks: ArticleLinks;
  contactPost: repo.ContactPostRow | undefined;
}

const storyOf = (row: Pick<repo.ArticleRow, 'id' | 'translationOf'>) => row.translationOf ?? row.id;

/** The status as it stands now: a scheduled article whose time has come is published. */
export function currentStatus(
  row: Pick<repo.ArticleRow, 'status' | 'publishAt'>,
  now = new Date(),
): ArticleStatus {
  if (row.status === 'scheduled' && row.publishAt && row.publishAt <= now) return 'published';
  return row.status;
}

/** Anyone reads a published article of a live series; its series' organisation's people read the rest. */
function articleStake(row: repo.ArticleRow, series: repo.SeriesRow): Stake {
  const published = currentStatus(row) === 'published' || row.status === 'archived';
  return {
    visibility: published && !row.deletedAt && !series.deletedAt ? 'published' : 'internal',
    organizationIds: [series.organizationId],
  };
}

function linksOf(rows: Awaited<ReturnType<typeof repo.findLinkRows>>, storyId: number): ArticleLinks {
  const of = (key: 'placeId' | 'partnershipId' | 'eventId' | 'outcomeId' | 'networkId') =>
    rows
      .filter((link) => link.articleId === storyId && link[key] !== null)
      .map((link) => link[key]!)
      .sort((a, b) => a - b);
  return {
    placeIds: of('placeId'),
    partnershipIds: of('partnershipId'),
    eventIds: of('eventId'),
    outcomeIds: of('outcomeId'),
    networkIds: of('networkId'),
  };
}

async function loadArticles(db: DbOrTx, rows: readonly repo.ArticleRow[]): Promise<LoadedArticle[]> {
  if (rows.length === 0) return [];
  const storyIds = rows.map(storyOf);
  // One query at a time: `db` may be a transaction's single connection.
  const versions = await repo.findStoryVersions(db, storyIds);
  const linkRows = await repo.findLinkRows(db, storyIds);
  const everyLink = linksOf(
    linkRows.map((link) => ({ ...link, articleId: 0 })),
    0,
  );
  const publicTargets = await repo.findPublicTargets(db, everyLink);
  const seriesIds = [...new Set(rows.map((row) => row.seriesId))];
  const seriesRows = new Map<number, repo.SeriesRow>();
  for (const id of seriesIds) {
    const series = await repo.findSeries(db, id);
    if (series) seriesRows.set(id, series);
  }
  const names = await findOrganizationNames(
    db,
    [...seriesRows.values()].map((series) => series.organizationId),
  );
  const posts = await repo.findContactPosts(
    db,
    rows.flatMap((row) => (row.contactPostId === null ? [] : [row.contactPostId])),
  );
  return rows.map((row) => {
    const series = seriesRows.get(row.seriesId)!;
    const links = linksOf(linkRows, storyOf(row));
    const keep = (ids: number[], allowed: number[]) => ids.filter((id) => allowed.includes(id));
    return {
      row,
      series,
      organizationName: names.get(series.organizationId) ?? '',
      versions: versions.filter((version) => storyOf(version) === storyOf(row)),
      links,
      publicLinks: {
        placeIds: keep(links.placeIds, publicTargets.placeIds),
        partnershipIds: keep(links.partnershipIds, publicTargets.partnershipIds),
        eventIds: keep(links.eventIds, publicTargets.eventIds),
        outcomeIds: keep(links.outcomeIds, publicTargets.outcomeIds),
        networkIds: keep(links.networkIds, publicTargets.networkIds),
      },
      contactPost: posts.find((post) => post.id === row.contactPostId),
    };
  });
}

/**
 * The article as the reader may see it: its series' people see every link, version and the contact's post id;
 * everyone else the published versions, the links to records anyone may read, and the contact's person only while
 * that person is published.
 */
export function presentArticle(actor: Actor | null, loaded: LoadedArticle): ArticleResponse {
  const { row, series, contactPost } = loaded;
  const insider = policy.readInternal(actor, articleStake(row, series));
  const contact =
    row.contactPostId === null && row.contactEmail === null && row.contactPhone === null
      ? null
      : {
          person:
            contactPost?.personPublished && contactPost.personName
              ? {
                  name: contactPost.personName,
                  role: contactPost.role,
                  title: contactPost.title,
                  organizationName: contactPost.organizationName,
                }
              : null,
          postId: insider ? row.contactPostId : null,
          label: row.contactLabel,
          email: row.contactEmail,
          phone: row.contactPhone,
        };
  return {
    id: row.id,
    storyId: storyOf(row),
    translationOf: row.translationOf,
    series: { id: series.id, slug: series.slug, title: series.title },
    organizationId: series.organizationId,
    organizationName: loaded.organizationName,
    language: row.language,
    slug: row.slug,
    url: articlePaths.article(row.slug),
    title: row.title,
    lead: row.lead,
    body: row.body,
    status: currentStatus(row),
    publishAt: row.publishAt?.toISOString() ?? null,
    authorRole: row.authorRole,
    contact,
    links: insider ? loaded.links : loaded.publicLinks,
    translations: loaded.versions
      .filter((version) => version.id !== row.id)
      .filter((version) => insider || articleStake(version, series).visibility === 'published')
      .map((version) => ({
        id: version.id,
        language: version.language,
        slug: version.slug,
        url: articlePaths.article(version.slug),
        title: version.title,
        status: currentStatus(version),
      })),
    demo: row.demo,
    ...presentKept(row),
    canEdit: !row.deletedAt && policy.write(actor, articleStake(row, series)),
  };
}

export const articleRecord: RecordType<
  LoadedArticle,
  ArticleResponse,
  repo.ArticleInsert,
  repo.ArticleChanges
> = {
  entity: 'article',
  noun: 'article',
  notFound: (id) => new AppError('ARTICLE_NOT_FOUND', `No article ${id}`),
  async load(db, id, lock) {
    const row = await repo.findArticle(db, id, lock);
    return row ? (await loadArticles(db, [row]))[0] : undefined;
  },
  insert: repo.insertArticle,
  update: repo.updateArticle,
  stake: ({ row, series }) => articleStake(row, series),
  audited: ({ row, links }) => {
    const { createdAt: _c, updatedAt: _u, id: _id, ...fields } = row;
    return {
      ...fields,
      publishAt: row.publishAt?.toISOString() ?? null,
      deletedAt: row.deletedAt?.toISOString() ?? null,
      ...links,
    };
  },
  present: presentArticle,
  writeError: answerUniqueViolation,
};

/** A live article by its address, if the reader may read it; 404 otherwise. */
export async function findArticleBySlug(db: DbOrTx, actor: Actor | null, slug: string) {
  const row = await repo.findArticleBySlug(db, slug);
  const notFound = new AppError('ARTICLE_NOT_FOUND', `No article ${slug}`);
  if (!row || row.deletedAt) throw notFound;
  return readRecord(db, actor, articleRecord, row.id).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'ARTICLE_NOT_FOUND' ? notFound : error;
  });
}

/** Articles, newest first: published ones for anyone; the others for the people of their series' organisation. */
export async function listArticles(db: DbOrTx, actor: Actor | null, query: ArticleListQuery) {
  const scope = policy.readScope(actor);
  const rows = await repo.listArticles(db, {
    ...query,
    organizationIds: scope.all ? undefined : scope.organizationIds,
  });
  const loaded = await loadArticles(
    db,
    rows.map((row) => row.articles),
  );
  return { items: loaded.map((article) => presentArticle(actor, article)) };
}

/** Every published article version with its story, for the sitemap. */
export function findPublishedArticleVersions(db: DbOrTx) {
  return repo.findPublishedArticleSlugs(db);
}

/**
 * Reads the body with the allow-list. An image without alt text, or one not uploaded to this story (for a story's
 * first version, not uploaded at all yet), is a validation error, not a silent loss.
 */
async function cleanBody(db: DbOrTx, body: string, storyId: number | null): Promise<string> {
  // The sanitiser (sanitize-html, with its CSS parser) is loaded by the first article written, not at start-up.
  const { sanitizeArticleBody } = await import('./articles.sanitize.ts');
  const { html, imagesWithoutAlt, imagesFromElsewhere, imageIds } = sanitizeArticleBody(body);
  const found = storyId === null ? [] : await repo.findStoryImageIds(db, storyId, imageIds);
  const messages = [
    ...(imagesWithoutAlt > 0 ? [`${imagesWithoutAlt} image(s) have no alt text: describe every image`] : []),
    ...(imagesFromElsewhere > 0
      ? [`${imagesFromElsewhere} image(s) come from elsewhere: upload every image to the article`]
      : []),
    ...imageIds
      .filter((id) => !found.includes(id))
      .map((id) => `image ${id} is not one of this article's images: upload it to the article`),
  ];
  if (messages.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      'Invalid request: body.body',
      messages.map((message) => ({ field: 'body.body', message })),
    );
  return html;
}

/**
 * Links may point only at records anyone may read: the article is public, and a link must not name an internal
 * record. Links the story has already stay without a check.
 */
async function checkLinks(db: DbOrTx, links: Partial<ArticleLinks>, current: ArticleLinks = NO_LINKS) {
  const wanted = { ...NO_LINKS, ...links };
  const fresh = Object.fromEntries(
    Object.entries(wanted).map(([key, ids]) => [
      key,
      ids.filter((id) => !current[key as keyof ArticleLinks].includes(id)),
    ]),
  ) as ArticleLinks;
  const found = await repo.findPublicTargets(db, fresh);
  const details: ErrorDetail[] = [];
  for (const key of Object.keys(fresh) as (keyof ArticleLinks)[])
    for (const [index, id] of wanted[key].entries())
      if (fresh[key].includes(id) && !found[key].includes(id))
        details.push({ field: `body.links.${key}.${index}`, message: `${id} is not a published record` });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', 'Invalid request: body.links', details);
}

/**
 * The "more information" block: a post of a published person (the page shows their name and post) and a role's
 * own address or number, never one of a person's private contact points.
 */
async function contactColumns(db: DbOrTx, actor: Actor | null, contact: ContactBody | null) {
  if (contact === null)
    return { contactPostId: null, contactLabel: {}, contactEmail: null, contactPhone: null };
  const details: ErrorDetail[] = [];
  if (contact.postId !== null) {
    const [post] = await repo.findContactPosts(db, [contact.postId]);
    if (!post?.personPublished)
      details.push({ field: 'body.contact.postId', message: 'is not the post of a published person' });
  }
  for (const field of ['email', 'phone'] as const) {
    const value = contact[field];
    // Only the contact points the writer may see are compared: the answer must not tell whether an address is
    // someone else's private one.
    const scope = policy.readScope(actor);
    if (
      value !== null &&
      (await repo.isPrivateContactPoint(db, value, scope.all ? undefined : scope.organizationIds))
    )
      details.push({
        field: `body.contact.${field}`,
        message: "is a person's private contact point: give the role's own address",
      });
  }
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', 'Invalid request: body.contact', details);
  return {
    contactPostId: contact.postId,
    contactLabel: contact.label,
    contactEmail: contact.email,
    contactPhone: contact.phone,
  };
}

/** What only the demo may set. */
export interface ArticleCreateOptions {
  demo?: boolean;
}

export async function createArticle(
  db: DbOrTx,
  actor: Actor | null,
  body: CreateArticleBody,
  { demo = false }: ArticleCreateOptions = {},
) {
  return createRecord(db, actor, articleRecord, async (tx) => {
    const { seriesId, translationOf, contact, links, body: html, ...fields } = body;
    let series: repo.SeriesRow | undefined;
    let storyId: number | null = null;
    if (translationOf !== undefined) {
      const base = await readRecord(tx, actor, articleRecord, translationOf).catch(() => {
        throw new AppError('VALIDATION_FAILED', 'Invalid request: body.translationOf', [
          { field: 'body.translationOf', message: `${translationOf} is not a known article` },
        ]);
      });
      if (base.row.deletedAt || base.series.deletedAt)
        throw new AppError('VALIDATION_FAILED', 'Invalid request: body.translationOf', [
          { field: 'body.translationOf', message: `${translationOf} is deleted, or its series is` },
        ]);
      series = base.series;
      storyId = storyOf(base.row);
      if (base.versions.some((version) => version.language === fields.language))
        throw new AppError('TRANSLATION_EXISTS', 'The story has a version in this language already', [
          { field: 'body.language', message: 'has a version already' },
        ]);
      if (Object.values(links).some((ids) => ids.length > 0))
        throw new AppError('VALIDATION_FAILED', 'Invalid request: body.links', [
          { field: 'body.links', message: 'belong to the story: change them on any of its versions' },
        ]);
    } else {
      series = await repo.findSeries(tx, seriesId!);
      if (!series || series.deletedAt)
        throw new AppError('VALIDATION_FAILED', 'Invalid request: body.seriesId', [
          { field: 'body.seriesId', message: `${seriesId} is not a known series` },
        ]);
    }
    authorize(actor, policy.create(actor, [series.organizationId]));
    if (await repo.slugTaken(tx, 'articles', fields.slug)) throw slugTaken('body.slug');
    await checkLinks(tx, links);
    return {
      ...fields,
      seriesId: series.id,
      translationOf: storyId,
      body: await cleanBody(tx, html, storyId),
      ...(await contactColumns(tx, actor, contact)),
      links: { ...NO_LINKS, ...links },
      demo,
    };
  });
}

export async function updateArticle(db: DbOrTx, actor: Actor | null, id: number, body: UpdateArticleBody) {
  const { version, contact, links, body: html, ...fields } = body;
  return updateRecord(db, actor, articleRecord, id, version, async (tx, before) => {
    if (fields.slug !== undefined && (await repo.slugTaken(tx, 'articles', fields.slug, id)))
      throw slugTaken('body.slug');
    if (links) {
      // The story's links are shared by its versions: a change waits for any other version's change of them.
      if (before.row.translationOf !== null) await repo.findArticle(tx, before.row.translationOf, true);
      await checkLinks(tx, links, before.links);
    }
    return {
      ...fields,
      ...(html !== undefined ? { body: await cleanBody(tx, html, storyOf(before.row)) } : {}),
      ...(contact !== undefined ? await contactColumns(tx, actor, contact) : {}),
      ...(links ? { links: { ...before.links, ...links } } : {}),
    };
  });
}

/** The moves between statuses, and the history's name for each. */
const MOVES: Record<ArticleStatus, Partial<Record<ArticleStatus, string>>> = {
  draft: { scheduled: 'schedule', published: 'publish' },
  scheduled: { scheduled: 'schedule', published: 'publish', draft: 'unschedule' },
  published: { archived: 'archive', draft: 'unpublish' },
  archived: { published: 'publish', draft: 'unpublish' },
};

/**
 * Moves an article on: draft → scheduled (a time to come) → published → archived, or back to a draft. Publishing
 * asks for a body; a publication time may be given in the past (a story first published elsewhere), not the
 * future, which is what scheduling is for.
 */
export async function setArticleStatus(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  { version, status, publishAt }: ArticleStatusBody,
) {
  const now = new Date();
  const at = publishAt === undefined ? undefined : new Date(publishAt);
  const change: RecordChange<LoadedArticle, repo.ArticleChanges> = {
    // Named by the move once it is known: publish, schedule, archive, unpublish …
    action: status,
    version,
    live: true,
    check: (before) => {
      const from = currentStatus(before.row, now);
      const move = MOVES[from][status];
      if (!move) throw new AppError('CONFLICT', `A ${from} article cannot be made ${status}`);
      change.action = move;
      const invalid = (message: string) =>
        new AppError('VALIDATION_FAILED', 'Invalid request: body.publishAt', [
          { field: 'body.publishAt', message },
        ]);
      if (status === 'scheduled' && (!at || at <= now)) throw invalid('must be a time to come to schedule');
      if (status === 'published' && at && at > now) throw invalid('is to come: schedule the article instead');
      if ((status === 'scheduled' || status === 'published') && before.row.body.trim() === '')
        throw new AppError('VALIDATION_FAILED', 'Invalid request: the article has no body', [
          { field: 'body', message: 'write the article before publishing it' },
        ]);
    },
    apply: async (_tx, before) => {
      if (status === 'draft') return { status, publishAt: null };
      if (status === 'archived') return { status };
      const when =
        at ?? (before.row.status === 'archived' && before.row.publishAt ? before.row.publishAt : now);
      return { status, publishAt: when };
    },
  };
  return changeRecord(db, actor, articleRecord, id, change);
}
