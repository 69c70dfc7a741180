import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { registerRecordRoutes } from '../records/records.routes.ts';
import {
  createOrganizationBodySchema,
  organizationListQuerySchema,
  organizationListResponseSchema,
  organizationParamsSchema,
  organizationSchema,
  sectorListResponseSchema,
  updateOrganizationBodySchema,
} from './organizations.schema.ts';
import * as service from './organizations.service.ts';
import { SECTOR_SOURCE, SECTORS } from './sectors.ts';

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
    '/api/sectors',
    {
      schema: {
        tags,
        summary: "Companies' sectors",
        description:
          'The sections (A–U) of NACE Rev. 2 / TOL 2008 that a company’s `sector` takes, named in English, ' +
          'Finnish and Swedish, with their source.',
        response: { 200: sectorListResponseSchema },
      },
    },
    async () => ({ items: [...SECTORS], source: SECTOR_SOURCE }),
  );

  registerRecordRoutes(app, db, {
    path: '/api/organizations',
    tags,
    type: service.organizationRecord,
    params: organizationParamsSchema,
    record: organizationSchema,
    read: { summary: 'An organisation' },
    create: {
      summary: 'Create an organisation',
      description: 'Administrators, or editors of the organisation given as keeper.',
      body: createOrganizationBodySchema,
      run: service.createOrganization,
    },
    update: {
      summary: 'Change an organisation',
      description: 'Give the version you read; a stale version answers 409 with the current record.',
      body: updateOrganizationBodySchema,
      run: service.updateOrganization,
    },
    delete: { summary: 'Delete an organisation', description: 'The record is kept and can be restored.' },
    restore: { summary: 'Restore a deleted organisation' },
    history: {
      summary: "An organisation's history",
      description: 'Every change: who, when, what, before and after. For members of the organisation.',
      errors: writeErrorResponses,
    },
  });
};
