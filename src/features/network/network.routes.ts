import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { sendSerialized } from '../../core/replies.ts';
import type { Db } from '../../db/client.ts';
import type { ReadModel, ReadModels } from '../registry/read-models.ts';
import { MODEL_TAGS } from '../registry/registry.changes.ts';
import { networkNamesResponseSchema, networkResponseSchema } from './network.schema.ts';
import {
  buildNetwork,
  buildNetworkNames,
  type SerializedBody,
  serializeBody,
  serializeNetwork,
} from './network.service.ts';

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

/** Answers a serialized body with its ETag: 304 when the client has it, else compressed as the client takes. */
function sendCached(request: FastifyRequest, reply: FastifyReply, cached: SerializedBody, type?: string) {
  reply
    .header('etag', cached.etag)
    .header('cache-control', 'public, max-age=0, must-revalidate')
    .header('vary', 'accept-encoding');
  if (matchesEtag(request.headers['if-none-match'], cached.etag)) return reply.code(304).send(null);
  const encoding = preferredEncoding(request.headers['accept-encoding']);
  if (encoding === 'identity') return sendSerialized(reply, cached.body, type);
  reply.header('content-encoding', encoding);
  return sendSerialized(reply, encoding === 'br' ? cached.brotli : cached.gzip, type);
}

/**
 * The world network and its names as read models: expensive to build (the network takes about a second on the
 * world data), so they are served stale while they rebuild, and warmed when the server starts.
 */
export function networkReadModels(db: Db): {
  network: ReadModel<{ json: SerializedBody; packed: SerializedBody }>;
  names: ReadModel<SerializedBody>;
} {
  // Both show partner counts (a place without ties is not drawn) besides the places themselves.
  const tags = [MODEL_TAGS.ties, MODEL_TAGS.places];
  return {
    network: {
      key: 'network',
      tags,
      staleWhileRebuilding: true,
      build: async () => serializeNetwork(await buildNetwork(db)),
    },
    names: {
      key: 'network-names',
      tags,
      staleWhileRebuilding: true,
      build: async () => serializeBody(await buildNetworkNames(db)),
    },
  };
}

export const networkRoutes: FastifyPluginAsyncZod<RouteContext & { readModels: ReadModels }> = async (
  app,
  { db, readModels },
) => {
  const models = networkReadModels(db);
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
    async (request, reply) => sendCached(request, reply, (await readModels.get(models.network)).json),
  );

  app.get(
    '/api/network/packed',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The world network, packed',
        description:
          'The same network as /api/network, as little-endian binary that a browser reads without parsing ' +
          '(application/octet-stream): a 16-byte header (the number 0x314E4243, "CBN1"; the number of places P; ' +
          'of edges E; the bytes of the closing tables T, each a 32-bit unsigned integer), then place ids as ' +
          'differences from the previous id (int32 × P), edges as in /api/network, first indexes (int32 × E) and ' +
          'second ones (int32 × E), coordinates in hundredths of a degree (int16 × 2P, lng and lat), partner ' +
          'counts (uint16 × P), start years (uint16 × E), country codes (2 ASCII bytes × P), kinds and statuses ' +
          '(uint8 × E each, indexes into the tables), and the tables: UTF-8 JSON {"kinds": […], "statuses": […]}. ' +
          'With an ETag like /api/network.',
      },
    },
    async (request, reply) =>
      sendCached(request, reply, (await readModels.get(models.network)).packed, 'application/octet-stream'),
  );

  app.get(
    '/api/network/names',
    {
      schema: {
        tags: ['statistics'],
        summary: "Names of the network's places",
        description: 'The display names of the places of /api/network, in its order; with an ETag like it.',
        response: { 200: networkNamesResponseSchema, 304: z.null().describe('Not modified') },
      },
    },
    async (request, reply) => sendCached(request, reply, await readModels.get(models.names)),
  );
};
