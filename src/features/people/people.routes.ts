import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { historyResponseSchema, versionSchema } from '../../core/schemas.ts';
import {
  type RecordRoutes,
  readErrorResponses,
  registerRecordHistory,
  registerRecordWrites,
} from '../records/records.routes.ts';
import {
  createPersonBodySchema,
  personListQuerySchema,
  personListResponseSchema,
  personParamsSchema,
  personSchema,
  type UpdatePersonBody,
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

  app.get(
    '/api/people/:id',
    {
      schema: {
        tags,
        summary: 'A person',
        description: 'Contact points and notes only for members of the person’s organisations.',
        params: personParamsSchema,
        response: { 200: personSchema, ...readErrorResponses },
      },
    },
    async (request) => service.getPerson(db, request.actor, request.params.id),
  );

  app.post(
    '/api/people',
    {
      schema: {
        tags,
        summary: 'Add a person',
        description: 'Editors of the keeper organisation, or administrators.',
        body: createPersonBodySchema,
        response: { 201: personSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createPerson(db, request.actor, request.body)),
  );

  const routes: RecordRoutes<UpdatePersonBody> = {
    path: '/api/people/:id',
    tags,
    params: personParamsSchema,
    record: personSchema,
    updateBody: updatePersonBodySchema,
    docs: {
      update: {
        summary: 'Change a person',
        description:
          'Posts and contact points, when given, replace the old ones. A stale version answers 409.',
      },
      delete: {
        summary: 'Delete a person',
        description: 'The record can be restored. To remove personal data for good, erase it.',
      },
      restore: { summary: 'Restore a deleted person' },
      history: { summary: 'A person’s history', description: 'For members of the person’s organisations.' },
    },
    historyErrors: readErrorResponses,
    update: (actor, id, body) => service.updatePerson(db, actor, id, body),
    setDeleted: (actor, id, version, deleted) => service.setPersonDeleted(db, actor, id, version, deleted),
    history: (actor, id) => service.personHistory(db, actor, id),
  };
  registerRecordWrites(app, routes);

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

  registerRecordHistory(app, routes);
};
