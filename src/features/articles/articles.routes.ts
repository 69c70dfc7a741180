import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { writeErrorResponses } from '../../core/errors.ts';
import { baseUrlOf } from '../auth/users.routes.ts';
import { readErrorResponses, registerRecordRoutes } from '../records/records.routes.ts';
import { organizationFeed, seriesFeed } from './articles.feeds.ts';
import {
  articleListQuerySchema,
  articleListResponseSchema,
  articleParamsSchema,
  articleSchema,
  articleStatusBodySchema,
  createArticleBodySchema,
  createSeriesBodySchema,
  feedQuerySchema,
  seriesListQuerySchema,
  seriesListResponseSchema,
  seriesParamsSchema,
  seriesSchema,
  slugParamsSchema,
  updateArticleBodySchema,
  updateSeriesBodySchema,
} from './articles.schema.ts';
import * as service from './articles.service.ts';

const tags = ['articles'];
const FEED_TYPES = { rss: 'application/rss+xml', atom: 'application/atom+xml' } as const;
const feedResponse = { 200: z.string(), ...readErrorResponses };

export const articlesRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, publicUrl }) => {
  app.get(
    '/api/series',
    {
      schema: {
        tags,
        summary: 'Article series',
        description: 'The series organisations publish their articles in ("International Espoo").',
        querystring: seriesListQuerySchema,
        response: { 200: seriesListResponseSchema, ...readErrorResponses },
      },
    },
    async (request) => service.listSeries(db, request.actor, request.query),
  );
  app.get(
    '/api/series/by-slug/:slug',
    {
      schema: {
        tags,
        summary: 'A series by its address',
        params: slugParamsSchema,
        response: { 200: seriesSchema, ...readErrorResponses },
      },
    },
    async (request) => service.getSeriesBySlug(db, request.actor, request.params.slug),
  );
  registerRecordRoutes(app, db, {
    path: '/api/series',
    tags,
    type: service.seriesRecord,
    params: seriesParamsSchema,
    record: seriesSchema,
    read: { summary: 'A series' },
    create: {
      summary: 'Start a series',
      description: "For editors of the organisation; the series' name is public.",
      body: createSeriesBodySchema,
      run: service.createSeries,
    },
    update: { summary: 'Change a series', body: updateSeriesBodySchema, run: service.updateSeries },
    delete: { summary: 'Delete a series' },
    restore: { summary: 'Restore a deleted series' },
    history: { summary: "A series' history", errors: readErrorResponses },
  });
  /** A feed at `path` in both formats, one language a request, built by `build`. */
  const feedRoutes = (
    path: (format: 'rss' | 'atom') => string,
    summary: (format: string) => string,
    params: typeof seriesParamsSchema,
    build: typeof seriesFeed,
  ) => {
    for (const format of ['rss', 'atom'] as const)
      app.get(
        path(format),
        {
          schema: {
            tags,
            summary: summary(format === 'rss' ? 'RSS 2.0' : 'Atom'),
            params,
            querystring: feedQuerySchema,
            produces: [FEED_TYPES[format]],
            response: feedResponse,
          },
        },
        async (request, reply) => {
          const feed = await build(db, request.params.id, request.query.lang, baseUrlOf(request, publicUrl));
          return reply
            .type(`${FEED_TYPES[format]}; charset=utf-8`)
            .header('cache-control', 'public, max-age=300')
            .send(format === 'rss' ? feed.rss2() : feed.atom1());
        },
      );
  };
  feedRoutes(
    (format) => `/api/series/:id/feed.${format}`,
    (format) => `A series' ${format} feed in one language`,
    seriesParamsSchema,
    seriesFeed,
  );
  feedRoutes(
    (format) => `/api/organizations/:id/articles.${format}`,
    (format) => `An organisation's articles as an ${format} feed in one language`,
    z.strictObject({ id: seriesParamsSchema.shape.id.describe('Organisation id') }),
    organizationFeed,
  );

  app.get(
    '/api/articles',
    {
      schema: {
        tags,
        summary: 'Articles',
        description:
          'Published articles for anyone, newest first, each with its public page (`url`); with `status`, the ' +
          "drafts, scheduled or archived articles of the reader's organisations. An archived article leaves the " +
          'lists and feeds but stays readable at its address, marked as archived. Filter by series, organisation, ' +
          'language, or what they are about (place, tie, event, outcome, network).',
        querystring: articleListQuerySchema,
        response: { 200: articleListResponseSchema, ...readErrorResponses },
      },
    },
    async (request) => service.listArticles(db, request.actor, request.query),
  );
  app.get(
    '/api/articles/by-slug/:slug',
    {
      schema: {
        tags,
        summary: 'An article by its address',
        params: slugParamsSchema,
        response: { 200: articleSchema, ...readErrorResponses },
      },
    },
    async (request) =>
      service.presentArticle(
        request.actor,
        await service.findArticleBySlug(db, request.actor, request.params.slug),
      ),
  );
  registerRecordRoutes(app, db, {
    path: '/api/articles',
    tags,
    type: service.articleRecord,
    params: articleParamsSchema,
    record: articleSchema,
    read: { summary: 'An article' },
    create: {
      summary: 'Write an article',
      description:
        'A new story in a series (`seriesId`) or a new language version of one (`translationOf`), as a draft. ' +
        "For editors of the series' organisation. The body is sanitised with an allow-list; links may point only " +
        'at published records.',
      body: createArticleBodySchema,
      run: (database, actor, body) => service.createArticle(database, actor, body),
    },
    update: { summary: 'Change an article', body: updateArticleBodySchema, run: service.updateArticle },
    delete: { summary: 'Delete an article' },
    restore: { summary: 'Restore a deleted article' },
    history: { summary: "An article's history", errors: readErrorResponses },
  });
  app.post(
    '/api/articles/:id/status',
    {
      schema: {
        tags,
        summary: 'Schedule, publish, archive or unpublish an article',
        description:
          'draft → scheduled (publishAt to come) → published → archived, or back to draft. Publishing may give a ' +
          'past publishAt (a story first published elsewhere); the history names each move.',
        params: articleParamsSchema,
        body: articleStatusBodySchema,
        response: { 200: articleSchema, ...writeErrorResponses },
      },
    },
    async (request) => service.setArticleStatus(db, request.actor, request.params.id, request.body),
  );
};
