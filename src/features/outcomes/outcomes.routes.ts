import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../core/context.ts';
import { readErrorResponses, registerRecordRoutes } from '../records/records.routes.ts';
import {
  createOutcomeBodySchema,
  outcomeListQuerySchema,
  outcomeListResponseSchema,
  outcomeParamsSchema,
  outcomeSchema,
  updateOutcomeBodySchema,
} from './outcomes.schema.ts';
import * as service from './outcomes.service.ts';

const tags = ['outcomes'];

export const outcomesRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/outcomes',
    {
      schema: {
        tags,
        summary: 'What ties, events and support requests produced',
        description:
          'Leads, deals, exports, investments, joint projects, funding, learning and policy changes, newest first: ' +
          'the published ones for anyone, internal ones for the members of the organisation that recorded them. ' +
          'Filter by organisation (recorded by or involving it), tie, event, support request or kind. `totals` ' +
          'sums the values of every outcome matching the filter per currency; values are never converted.',
        querystring: outcomeListQuerySchema,
        response: { 200: outcomeListResponseSchema, ...readErrorResponses },
      },
    },
    async (request) => service.listOutcomes(db, request.actor, request.query),
  );

  registerRecordRoutes(app, db, {
    path: '/api/outcomes',
    tags,
    type: service.outcomeRecord,
    params: outcomeParamsSchema,
    record: outcomeSchema,
    read: { summary: 'An outcome' },
    create: {
      summary: 'Record an outcome',
      description:
        'For editors of the recording organisation. What it links to (ties, events, support requests, ' +
        'organisations, the people quoted) must be records the user may read. Internal unless published is given.',
      body: createOutcomeBodySchema,
      run: service.createOutcome,
    },
    update: { summary: 'Change an outcome', body: updateOutcomeBodySchema, run: service.updateOutcome },
    delete: { summary: 'Delete an outcome' },
    restore: { summary: 'Restore a deleted outcome' },
    history: { summary: "An outcome's history", errors: readErrorResponses },
  });
};
