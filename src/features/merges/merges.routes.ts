import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { writeErrorResponses } from '../../core/errors.ts';
import { idBodySchema, idSchema } from '../../core/schemas.ts';
import { mergeRecords, presentMerge, undoMerge } from './merges.service.ts';
import { MERGE_ENTITIES } from './merges.tables.ts';

const errors = writeErrorResponses;

const mergeSchema = z.object({
  id: z.number().int(),
  entityType: z.enum(MERGE_ENTITIES),
  fromId: z.number().int(),
  intoId: z.number().int(),
  moved: z.record(z.string(), z.number().int()).describe('How many references of each kind moved'),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
});

const mergeBody = z.strictObject({
  intoId: idBodySchema.describe('The record that stays'),
});

/** Merging duplicates and undoing merges: administrators only. */
export const mergesRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  for (const entity of MERGE_ENTITIES) {
    const path = entity === 'place' ? 'places' : 'organizations';
    app.post(
      `/api/${path}/:id/merge`,
      {
        schema: {
          tags: ['merges'],
          summary: `Merge a duplicate ${entity} into another`,
          description:
            'Every reference moves to the record that stays, the duplicate’s names become its aliases, and ties ' +
            'that become duplicates are deleted with their sources joining the other tie. Undo with ' +
            '`POST /api/merges/{id}/undo`.',
          params: z.strictObject({ id: idSchema.describe(`The duplicate ${entity}`) }),
          body: mergeBody,
          response: { 201: mergeSchema, ...errors },
        },
      },
      async (request, reply) => {
        const row = await mergeRecords(db, request.actor, entity, request.params.id, request.body.intoId);
        return reply.code(201).send(presentMerge(row));
      },
    );
  }

  app.post(
    '/api/merges/:id/undo',
    {
      schema: {
        tags: ['merges'],
        summary: 'Undo a merge',
        params: z.strictObject({ id: idSchema.describe('Merge id') }),
        body: z.strictObject({}).nullish().describe('Nothing: the request has no body'),
        response: { 200: mergeSchema, ...errors },
      },
    },
    async (request) => presentMerge(await undoMerge(db, request.actor, request.params.id)),
  );
};
