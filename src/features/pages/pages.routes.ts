import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { baseUrlOf } from '../auth/users.routes.ts';
import { pagesSitemap, placesSitemap, robotsTxt, sitemapIndex } from './sitemap.ts';

const XML = 'application/xml; charset=utf-8';
const CACHE = 'public, max-age=3600';

/** What search engines read first: robots.txt and the sitemaps of every public page with its language versions. */
export const pagesRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, publicUrl }) => {
  app.get('/robots.txt', { schema: { hide: true } }, async (request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', CACHE)
      .send(robotsTxt(baseUrlOf(request, publicUrl))),
  );
  app.get('/sitemap.xml', { schema: { hide: true } }, async (request, reply) =>
    reply
      .type(XML)
      .header('cache-control', CACHE)
      .send(await sitemapIndex(db, baseUrlOf(request, publicUrl))),
  );
  app.get(
    '/sitemaps/:name',
    { schema: { hide: true, params: z.strictObject({ name: z.string().max(40) }) } },
    async (request, reply) => {
      const baseUrl = baseUrlOf(request, publicUrl);
      const { name } = request.params;
      const part = /^places-([1-9][0-9]{0,4})\.xml$/.exec(name)?.[1];
      const xml =
        name === 'pages.xml'
          ? await pagesSitemap(db, baseUrl)
          : part
            ? await placesSitemap(db, baseUrl, Number(part))
            : undefined;
      if (xml === undefined) throw new AppError('NOT_FOUND', `No sitemap ${name}`);
      return reply.type(XML).header('cache-control', CACHE).send(xml);
    },
  );
};
