import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { readErrorResponses, registerRecordRoutes } from '../records/records.routes.ts';
import {
  createOrganizationBodySchema,
  organizationListQuerySchema,
  organizationListResponseSchema,
  organizationParamsSchema,
  organizationSchema,
  updateOrganizationBodySchema,
} from './organizations.schema.ts';
import * as service from './organizations.service.ts';

const tags = ['organizations'];

export const organizationsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/organizations',
    {
      schema: {
        tags,
        summary: 'List organisations',
        description: 'Published organisations, and the internal ones of your own organisations.',
        querystring: organizationListQuerySchema,
        response: { 200: organizationListResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request) => service.listOrganizations(db, request.actor, request.query),
  );

  app.get(
    '/api/organizations/:id',
    {
      schema: {
        tags,
        summary: 'An organisation',
        params: organizationParamsSchema,
        response: { 200: organizationSchema, ...readErrorResponses },
      },
    },
    async (request) => service.getOrganization(db, request.actor, request.params.id),
  );

  app.post(
    '/api/organizations',
    {
      schema: {
        tags,
        summary: 'Create an organisation',
        description: 'Administrators, or editors of the organisation given as keeper.',
        body: createOrganizationBodySchema,
        response: { 201: organizationSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createOrganization(db, request.actor, request.body)),
  );

  registerRecordRoutes(app, {
    path: '/api/organizations/:id',
    tags,
    params: organizationParamsSchema,
    record: organizationSchema,
    updateBody: updateOrganizationBodySchema,
    docs: {
      update: {
        summary: 'Change an organisation',
        description: 'Give the version you read; a stale version answers 409 with the current record.',
      },
      delete: { summary: 'Delete an organisation', description: 'The record is kept and can be restored.' },
      restore: { summary: 'Restore a deleted organisation' },
      history: {
        summary: "An organisation's history",
        description: 'Every change: who, when, what, before and after. For members of the organisation.',
      },
    },
    historyErrors: writeErrorResponses,
    update: (actor, id, body) => service.updateOrganization(db, actor, id, body),
    setDeleted: (actor, id, version, deleted) =>
      service.setOrganizationDeleted(db, actor, id, version, deleted),
    history: (actor, id) => service.organizationHistory(db, actor, id),
  });
};
