import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { idBodySchema, idSchema } from '../../core/schemas.ts';
import { administratorsOnly } from '../auth/guards.ts';
import {
  decisionSchema,
  duplicateListSchema,
  duplicateScanSchema,
  type duplicateSchema,
} from './duplicates.schema.ts';
import {
  listPlaceDuplicates,
  markDuplicateDistinct,
  mergeDuplicate,
  scanDuplicates,
} from './duplicates.service.ts';
import { DUPLICATE_STATUSES, type placeDuplicates } from './merges.tables.ts';

const tags = ['merges'];

type Duplicate = z.infer<typeof duplicateSchema>;

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
          200: duplicateListSchema,
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
          reasons: row.reasons as Duplicate['reasons'],
          places: row.places as Duplicate['places'],
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
          200: duplicateScanSchema,
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
