import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type RouteContext, sendSerialized } from '../../http/context.ts';
import { networkResponseSchema } from './network.schema.ts';
import { serializeNetwork } from './network.service.ts';

/** True when an If-None-Match header names the current ETag (or is `*`). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

/** Brotli when the client takes it, else gzip, else none. */
export function preferredEncoding(header: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = (header ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, quality]) => !quality || Number(quality.split('=')[1]) > 0)
    .map(([name]) => name?.trim().toLowerCase());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return 'identity';
}

export const networkRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, readModels }) => {
  app.get(
    '/api/network',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The world network',
        description:
          'Every placed place and every published tie between placed places, compact, for drawing the map. Served ' +
          'with an ETag: send If-None-Match to get 304 Not Modified when nothing changed.',
        response: { 200: networkResponseSchema, 304: z.null().describe('Not modified') },
      },
    },
    async (request, reply) => {
      const network = await readModels.get('network', () => serializeNetwork(db));
      reply
        .header('etag', network.etag)
        .header('cache-control', 'public, max-age=0, must-revalidate')
        .header('vary', 'accept-encoding');
      if (matchesEtag(request.headers['if-none-match'], network.etag)) return reply.code(304).send(null);
      const encoding = preferredEncoding(request.headers['accept-encoding']);
      if (encoding === 'identity') return sendSerialized(reply, network.body);
      reply.header('content-encoding', encoding);
      return sendSerialized(reply, encoding === 'br' ? network.brotli : network.gzip);
    },
  );
};
