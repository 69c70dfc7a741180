import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { historyResponseSchema, versionSchema } from '../../core/schemas.ts';
import { readErrorResponses, registerRecordRoutes } from '../records/records.routes.ts';
import {
  createPersonBodySchema,
  personListQuerySchema,
  personListResponseSchema,
  personParamsSchema,
  personSchema,
  updatePersonBodySchema,
} from './people.schema.ts';
import * as service from './people.service.ts';

const errors = writeErrorResponses;
const tags = ['people'];
const versionBody = z.strictObject({ version: versionSchema });

export const peopleRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/people',
    {
      schema: {
        tags,
        summary: 'List people',
        description: 'Published people (officials by role), and the people of your own organisations.',
        querystring: personListQuerySchema,
        response: { 200: personListResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request) => service.listPeople(db, request.actor, request.query),
  );

  const routes = {
    path: '/api/people',
    tags,
    type: service.personRecord,
    params: personParamsSchema,
    record: personSchema,
    read: {
      summary: 'A person',
      description: 'Contact points and notes only for members of the person’s organisations.',
    },
    create: {
      summary: 'Add a person',
      description: 'Editors of the keeper organisation, or administrators.',
      body: createPersonBodySchema,
      run: service.createPerson,
    },
    update: {
      summary: 'Change a person',
      description: 'Posts and contact points, when given, replace the old ones. A stale version answers 409.',
      body: updatePersonBodySchema,
      run: service.updatePerson,
    },
    delete: {
      summary: 'Delete a person',
      description: 'The record can be restored. To remove personal data for good, erase it.',
    },
    restore: { summary: 'Restore a deleted person' },
    history: {
      summary: 'A person’s history',
      description: 'For members of the person’s organisations.',
      errors: readErrorResponses,
    },
  };
  registerRecordRoutes(app, db, routes, ['read', 'write']);

  app.get(
    '/api/people/:id/export',
    {
      schema: {
        tags,
        summary: 'Export a person’s data',
        description: 'Everything kept about the person, for a subject access request (GDPR art. 15).',
        params: personParamsSchema,
        response: {
          200: z.object({
            exportedAt: z.string(),
            person: personSchema,
            activities: z.array(
              z.object({ id: z.number().int(), kind: z.string(), occurredOn: z.string(), title: z.string() }),
            ),
            history: historyResponseSchema.shape.items,
          }),
          ...errors,
        },
      },
    },
    async (request) => service.exportPerson(db, request.actor, request.params.id),
  );

  app.post(
    '/api/people/:id/erase',
    {
      schema: {
        tags,
        summary: 'Erase a person’s data',
        description:
          'Removes name, notes and contact points from the record and its history (GDPR art. 17). Cannot be undone.',
        params: personParamsSchema,
        body: versionBody,
        response: { 200: personSchema, ...errors },
      },
    },
    async (request) => service.erasePerson(db, request.actor, request.params.id, request.body.version),
  );

  registerRecordRoutes(app, db, routes, ['history']);
};
