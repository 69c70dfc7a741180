import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { historyResponseSchema, versionQuerySchema, versionSchema } from '../../core/schemas.ts';
import { presentHistory } from '../audit/history.ts';
import { authorize, policy } from '../auth/policy.ts';
import {
  createOrganizationBodySchema,
  organizationListQuerySchema,
  organizationListResponseSchema,
  organizationParamsSchema,
  organizationSchema,
  updateOrganizationBodySchema,
} from './organizations.schema.ts';
import * as service from './organizations.service.ts';

const errors = writeErrorResponses;
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
        response: { 200: organizationSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const row = await service.getOrganization(db, request.actor, request.params.id);
      return service.presentOrganization(db, request.actor, row);
    },
  );

  app.post(
    '/api/organizations',
    {
      schema: {
        tags,
        summary: 'Create an organisation',
        description: 'Administrators, or editors of the organisation given as keeper.',
        body: createOrganizationBodySchema,
        response: { 201: organizationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const row = await service.createOrganization(db, request.actor, request.body);
      return reply.code(201).send(await service.presentOrganization(db, request.actor, row));
    },
  );

  app.patch(
    '/api/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Change an organisation',
        description: 'Give the version you read; a stale version answers 409 with the current record.',
        params: organizationParamsSchema,
        body: updateOrganizationBodySchema,
        response: { 200: organizationSchema, ...errors },
      },
    },
    async (request) => {
      const row = await service.updateOrganization(db, request.actor, request.params.id, request.body);
      return service.presentOrganization(db, request.actor, row);
    },
  );

  app.delete(
    '/api/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Delete an organisation',
        description: 'The record is kept and can be restored.',
        params: organizationParamsSchema,
        querystring: versionQuerySchema,
        response: { 200: organizationSchema, ...errors },
      },
    },
    async (request) => {
      const row = await service.setOrganizationDeleted(
        db,
        request.actor,
        request.params.id,
        request.query.version,
        true,
      );
      return service.presentOrganization(db, request.actor, row);
    },
  );

  app.post(
    '/api/organizations/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore a deleted organisation',
        params: organizationParamsSchema,
        body: z.strictObject({ version: versionSchema }),
        response: { 200: organizationSchema, ...errors },
      },
    },
    async (request) => {
      const row = await service.setOrganizationDeleted(
        db,
        request.actor,
        request.params.id,
        request.body.version,
        false,
      );
      return service.presentOrganization(db, request.actor, row);
    },
  );

  app.get(
    '/api/organizations/:id/history',
    {
      schema: {
        tags,
        summary: "An organisation's history",
        description: 'Every change: who, when, what, before and after. For members of the organisation.',
        params: organizationParamsSchema,
        response: { 200: historyResponseSchema, ...errors },
      },
    },
    async (request) => {
      const row = await service.getOrganization(db, request.actor, request.params.id);
      authorize(request.actor, policy.readInternal(request.actor, service.organizationStake(row)));
      return presentHistory(db, 'organization', request.params.id);
    },
  );
};
