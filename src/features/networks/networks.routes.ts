import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { historyResponseSchema, versionQuerySchema, versionSchema } from '../../core/schemas.ts';
import { readErrorResponses } from '../records/records.routes.ts';
import {
  addMemberBodySchema,
  createNetworkBodySchema,
  memberParamsSchema,
  networkEventsResponseSchema,
  networkListQuerySchema,
  networkListResponseSchema,
  networkParamsSchema,
  networkSchema,
  networkTiesQuerySchema,
  networkTiesResponseSchema,
  setCoordinatorsBodySchema,
  updateMemberBodySchema,
  updateNetworkBodySchema,
} from './networks.schema.ts';
import * as service from './networks.service.ts';

const tags = ['networks'];

/**
 * Networks of cities and their working groups. They are kept records (versioned, audited, soft-deleted, with a
 * history), but their rights are their own: members read an internal network, coordinators run it, the secretariat
 * appoints coordinators and administrators create networks; so their routes are written here rather than by
 * `registerRecordRoutes`, whose checks know only one group of organisations per record.
 */
export const networksRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  const params = networkParamsSchema;
  const record = { 200: networkSchema, ...writeErrorResponses };

  app.get(
    '/api/networks',
    {
      schema: {
        tags,
        summary: 'Networks and working groups',
        description:
          'Published ones to anyone; internal ones to their members and coordinators. Filter by kind, network ' +
          '(its working groups), an organisation that belongs to or coordinates them, or words in the name.',
        querystring: networkListQuerySchema,
        response: { 200: networkListResponseSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => service.listNetworks(db, request.actor, request.query),
  );

  app.get(
    '/api/networks/:id',
    {
      schema: {
        tags,
        summary: 'A network or working group',
        description:
          'Its texts per language, network, secretariat, coordinators, members (with their places for a map, and ' +
          'joined and left dates) and working groups; for a signed-in reader, what they may do and which of their ' +
          'organisations are members. An internal one only to its members and coordinators.',
        params,
        response: { 200: networkSchema, ...readErrorResponses },
      },
    },
    async (request) => service.getNetwork(db, request.actor, request.params.id),
  );

  app.post(
    '/api/networks',
    {
      schema: {
        tags,
        summary: 'Create a network or working group',
        description:
          'A network: administrators. A working group of a network: its coordinators (editors of its secretariat ' +
          'or of an organisation appointed to coordinate it). Only administrators name a secretariat.',
        body: createNetworkBodySchema,
        response: { 201: networkSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createNetwork(db, request.actor, request.body)),
  );

  app.patch(
    '/api/networks/:id',
    {
      schema: {
        tags,
        summary: 'Change a network or working group',
        description:
          'For its coordinators (a working group’s: its own, and its network’s secretariat); its secretariat for ' +
          'administrators only. Give the version you read; a stale version answers 409 with the current record.',
        params,
        body: updateNetworkBodySchema,
        response: record,
      },
    },
    async (request) => service.updateNetwork(db, request.actor, request.params.id, request.body),
  );

  app.delete(
    '/api/networks/:id',
    {
      schema: {
        tags,
        summary: 'Delete a network or working group',
        description:
          'A network: administrators, once it has no working groups. A working group: its network’s coordinators. ' +
          'The record is kept and can be restored.',
        params,
        querystring: versionQuerySchema,
        response: record,
      },
    },
    async (request) =>
      service.setNetworkDeleted(db, request.actor, request.params.id, request.query.version, true),
  );

  app.post(
    '/api/networks/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore a deleted network or working group',
        description: 'For whoever may delete it; a working group once its network is restored.',
        params,
        body: z.strictObject({ version: versionSchema }),
        response: record,
      },
    },
    async (request) =>
      service.setNetworkDeleted(db, request.actor, request.params.id, request.body.version, false),
  );

  app.get(
    '/api/networks/:id/history',
    {
      schema: {
        tags,
        summary: "A network's history",
        description:
          'Every change (texts, members, coordinators): who, when, what, before and after. For its members and ' +
          'coordinators.',
        params,
        response: { 200: historyResponseSchema, ...writeErrorResponses },
      },
    },
    async (request) => service.networkHistory(db, request.actor, request.params.id),
  );

  app.post(
    '/api/networks/:id/members',
    {
      schema: {
        tags,
        summary: 'Add a member',
        description:
          'For its coordinators: a place (its governments then speak for it) or an organisation, with the dates it ' +
          'joined and left. A working group’s members must be current members of its network. Answers the network.',
        params,
        body: addMemberBodySchema,
        response: { 201: networkSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addMember(db, request.actor, request.params.id, request.body)),
  );

  app.patch(
    '/api/networks/:id/members/:memberId',
    {
      schema: {
        tags,
        summary: 'Change the dates of a membership',
        description:
          'For its coordinators. A member of a network does not leave it while it is in one of its working ' +
          'groups. Answers the network.',
        params: memberParamsSchema,
        body: updateMemberBodySchema,
        response: record,
      },
    },
    async (request) =>
      service.updateMember(db, request.actor, request.params.id, request.params.memberId, request.body),
  );

  app.delete(
    '/api/networks/:id/members/:memberId',
    {
      schema: {
        tags,
        summary: 'Remove a member',
        description:
          'For its coordinators; the history keeps the membership. Not while the member is in one of the ' +
          'network’s working groups. Answers the network.',
        params: memberParamsSchema,
        response: record,
      },
    },
    async (request) => service.removeMember(db, request.actor, request.params.id, request.params.memberId),
  );

  app.put(
    '/api/networks/:id/coordinators',
    {
      schema: {
        tags,
        summary: 'Appoint the coordinators',
        description:
          'For editors of its secretariat (a working group’s: its network’s) and administrators: every ' +
          'organisation that coordinates it, replacing those that do. A coordinator never appoints itself.',
        params,
        body: setCoordinatorsBodySchema,
        response: record,
      },
    },
    async (request) => service.setCoordinators(db, request.actor, request.params.id, request.body),
  );

  app.get(
    '/api/networks/:id/ties',
    {
      schema: {
        tags,
        summary: "The members' ties with a country",
        description:
          'The ties of its current members (a place member: ties the place is party to; an organisation member: ' +
          'ties the organisation is party to) with places in the country, or organisations based there; both ' +
          "parties named. Only ties the reader may read. Without a country, the working group's.",
        params,
        querystring: networkTiesQuerySchema,
        response: { 200: networkTiesResponseSchema, ...readErrorResponses },
      },
    },
    async (request) => service.networkTies(db, request.actor, request.params.id, request.query.country),
  );

  app.get(
    '/api/networks/:id/events',
    {
      schema: {
        tags,
        summary: 'The events a network ran',
        description: 'Events its secretariat or coordinators host that the reader may read, latest first.',
        params,
        response: { 200: networkEventsResponseSchema, ...readErrorResponses },
      },
    },
    async (request) => service.networkEvents(db, request.actor, request.params.id),
  );
};
