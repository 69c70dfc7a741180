import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { idBodySchema, idSchema } from '../../core/schemas.ts';
import { administratorsOnly } from '../auth/guards.ts';
import { PLACE_KINDS } from '../places/places.tables.ts';
import { DUPLICATE_REASONS } from './duplicates.find.ts';
import {
  listPlaceDuplicates,
  markDuplicateDistinct,
  mergeDuplicate,
  scanDuplicates,
} from './duplicates.service.ts';
import { DUPLICATE_CONFIDENCES, DUPLICATE_STATUSES, type placeDuplicates } from './merges.tables.ts';

const tags = ['merges'];

const duplicatePlaceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(PLACE_KINDS),
  country: z.string().describe('ISO 3166-1 alpha-2'),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  wikidataQid: z.string().nullable(),
  geonamesId: z.number().int().nullable(),
  partnerCount: z.number().int(),
  parentName: z.string().nullable().describe('The city a district belongs to'),
  mergedIntoId: z.number().int().nullable(),
  sources: z.array(z.string()).describe('The sources that reported the place'),
});

const duplicateSchema = z.object({
  id: z.number().int(),
  status: z.enum(DUPLICATE_STATUSES),
  confidence: z
    .enum(DUPLICATE_CONFIDENCES)
    .describe('certain pairs are merged by imports, possible ones wait'),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
  distanceKm: z.number().nullable(),
  suggestedIntoId: z.number().int().describe('The place the finder would keep'),
  mergeId: z.number().int().nullable().describe('The merge that joined the pair; undo it to part them'),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  places: z.array(duplicatePlaceSchema).describe('Both places, in id order'),
});

const decisionSchema = duplicateSchema.pick({ id: true, status: true, mergeId: true, decidedAt: true });

function presentDecision(row: typeof placeDuplicates.$inferSelect) {
  return {
    id: row.id,
    status: row.status,
    mergeId: row.mergeId,
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

const paramsSchema = z.strictObject({ id: idSchema.describe('Duplicate pair id') });

/** The review queue of duplicate places, for administrators. Rights are checked before a body is read. */
export const duplicatesRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/admin/place-duplicates',
    {
      onRequest: administratorsOnly,
      schema: {
        tags,
        summary: 'List pairs of duplicate places',
        description:
          'For administrators. Pairs the duplicate finder took for one place: `pending` ones wait for a ' +
          'decision (nearest first), `merged` ones were merged (by an import or by hand), `distinct` ones were ' +
          'marked "not the same" and are left apart by every later import.',
        querystring: z.strictObject({
          status: z.enum(DUPLICATE_STATUSES).default('pending'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: {
          200: z.object({ total: z.number().int(), items: z.array(duplicateSchema) }),
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const { total, items } = await listPlaceDuplicates(db, request.actor, request.query);
      return {
        total,
        items: items.map((row) => ({
          ...row,
          reasons: row.reasons as (typeof DUPLICATE_REASONS)[number][],
          places: row.places as z.infer<typeof duplicatePlaceSchema>[],
        })),
      };
    },
  );

  app.post(
    '/api/admin/place-duplicates/scan',
    {
      onRequest: administratorsOnly,
      schema: {
        tags,
        summary: 'Look for duplicate places now',
        description:
          'For administrators. Runs the duplicate finder over the whole registry, as every import does: certain ' +
          'pairs are merged (undoable), possible ones join the review queue.',
        body: z.strictObject({}).nullish().describe('Nothing: the request has no body'),
        response: {
          200: z.object({
            merged: z.number().int(),
            pending: z.number().int(),
            keptApart: z.number().int(),
            tiesChanged: z.number().int(),
          }),
          ...writeErrorResponses,
        },
      },
    },
    async (request) => (await scanDuplicates(db, request.actor)).counts,
  );

  app.post(
    '/api/admin/place-duplicates/:id/merge',
    {
      onRequest: administratorsOnly,
      schema: {
        tags,
        summary: 'Merge a pair of duplicate places',
        description:
          'For administrators. The place `intoId` (one of the pair) stays; undo through the merge.',
        params: paramsSchema,
        body: z.strictObject({ intoId: idBodySchema.describe('The place that stays') }),
        response: { 200: decisionSchema, ...writeErrorResponses },
      },
    },
    async (request) =>
      presentDecision(await mergeDuplicate(db, request.actor, request.params.id, request.body.intoId)),
  );

  app.post(
    '/api/admin/place-duplicates/:id/distinct',
    {
      onRequest: administratorsOnly,
      schema: {
        tags,
        summary: 'Mark a pair as two different places',
        description: 'For administrators. Remembered: no later import or scan pairs the two again.',
        params: paramsSchema,
        body: z.strictObject({}).nullish().describe('Nothing: the request has no body'),
        response: { 200: decisionSchema, ...writeErrorResponses },
      },
    },
    async (request) => presentDecision(await markDuplicateDistinct(db, request.actor, request.params.id)),
  );
};
