import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { todayKey } from '../../core/clock.ts';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema } from '../../core/errors.ts';
import { sendSerialized } from '../../core/replies.ts';
import type { ReadModels } from '../registry/read-models.ts';
import { MODEL_TAGS } from '../registry/registry.changes.ts';
import { registerPlaceNameRoutes } from './place-names.routes.ts';
import {
  placeDetailSchema,
  placeIdParamsSchema,
  placeNamesQuerySchema,
  placeNamesResponseSchema,
  placePartnersResponseSchema,
  placeSearchQuerySchema,
  placeSearchResponseSchema,
} from './places.schema.ts';
import { getNamesInLanguage, getPlace, getPlacePartners, searchPlaces } from './places.service.ts';

export const placesRoutes: FastifyPluginAsyncZod<RouteContext & { readModels: ReadModels }> = async (
  app,
  { db, readModels },
) => {
  app.get(
    '/api/places',
    {
      schema: {
        tags: ['places'],
        summary: 'Search places',
        description:
          'Typeahead search over every name and alias in every language: case-, accent- and punctuation-insensitive ' +
          '(`jyvaskyla` → Jyväskylä), Swedish and other names (`Esbo` → Espoo), prefixes and small typos. Ranked by ' +
          'relevance, then by number of ties and population.',
        querystring: placeSearchQuerySchema,
        response: { 200: placeSearchResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request) => searchPlaces(db, request.query),
  );

  app.get(
    '/api/places/:id',
    {
      schema: {
        tags: ['places'],
        summary: 'A place',
        description:
          'Names in every known language and script and aliases (each with its source), the name in the main ' +
          "language of the place's country, country, coordinates, population, identifiers, counts, and whether " +
          'the reader may add names.',
        params: placeIdParamsSchema,
        response: { 200: placeDetailSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => getPlace(db, request.params.id, request.actor),
  );

  app.get(
    '/api/places/:id/partners',
    {
      schema: {
        tags: ['places'],
        summary: "A place's partners",
        description:
          'Every published tie of the place: the partner, the kind, status, start date (null when unknown), age in ' +
          'years and the sources that report it.',
        params: placeIdParamsSchema,
        response: { 200: placePartnersResponseSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      // Served from the read model as ready JSON: the hot path does no database work once warm.
      // Cheap to build: readers wait for a rebuild, so whoever just saved a tie sees it at once.
      const body = await readModels.get({
        key: `partners:${id}:${todayKey()}`,
        tags: [MODEL_TAGS.partnersOf(id), MODEL_TAGS.places],
        build: async () => JSON.stringify(await getPlacePartners(db, id)),
      });
      return sendSerialized(reply, body);
    },
  );

  app.get(
    '/api/place-names',
    {
      schema: {
        tags: ['places'],
        summary: 'Place names in a language',
        description:
          'Official names in the language that differ from the display names (in Swedish: Espoo → Esbo), so lists ' +
          'and the map can speak the interface language.',
        querystring: placeNamesQuerySchema,
        response: { 200: placeNamesResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { lang } = request.query;
      const body = await readModels.get({
        key: `names:${lang}`,
        tags: [MODEL_TAGS.places],
        staleWhileRebuilding: true,
        build: async () => JSON.stringify(await getNamesInLanguage(db, lang)),
      });
      return sendSerialized(reply, body);
    },
  );

  registerPlaceNameRoutes(app, db);
};
