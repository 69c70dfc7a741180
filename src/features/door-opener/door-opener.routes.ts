import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema } from '../../core/errors.ts';
import type { ReadModels } from '../registry/read-models.ts';
import { doorOpenerQuerySchema, doorOpenerResponseSchema } from './door-opener.schema.ts';
import { findDoorOpeners } from './door-opener.service.ts';
import { doorOpenerLanguage } from './door-opener.texts.ts';

export const doorOpenerRoutes: FastifyPluginAsyncZod<RouteContext & { readModels: ReadModels }> = async (
  app,
  { db, readModels },
) => {
  app.get(
    '/api/door-opener',
    {
      schema: {
        tags: ['places'],
        summary: 'Who can open a door to a place or a country',
        description:
          'Ranks the ways in from us (a place, an organisation or a network) to a target (a place, or any place in a ' +
          "country): our own ties to it, ties of our network's members, partners of our partners, and our partners " +
          'and their partners near it (great-circle distance). Each path comes with one sentence per step in ' +
          'Finnish, Swedish or English. Only published ties are used, whoever asks.',
        querystring: doorOpenerQuerySchema,
        response: { 200: doorOpenerResponseSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) =>
      findDoorOpeners(
        {
          db,
          readModels,
          actor: request.actor,
          language: doorOpenerLanguage(request.query.lang, request.headers['accept-language']),
        },
        request.query,
      ),
  );
};
