import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { baseUrlOf } from '../auth/users.routes.ts';
import { readErrorResponses, registerRecordRoutes } from '../records/records.routes.ts';
import {
  createEventBodySchema,
  eventListQuerySchema,
  eventListResponseSchema,
  eventParamsSchema,
  eventSchema,
  programmeBodySchema,
  updateEventBodySchema,
} from './events.schema.ts';
import * as service from './events.service.ts';
import { createCalendarFeed, revokeCalendarFeed } from './feeds.ts';
import {
  invitationListResponseSchema,
  invitationParamsSchema,
  invitationSchema,
  inviteBodySchema,
  inviteResponseSchema,
  updateInvitationBodySchema,
} from './invitations.schema.ts';
import * as invitations from './invitations.service.ts';

const tags = ['events'];

const calendarQuerySchema = z.strictObject({
  lang: z.enum(['fi', 'sv', 'en']).default('en').describe('The language of titles and descriptions'),
});

const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

export const eventsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, publicUrl }) => {
  const calendarRequest = (request: FastifyRequest, lang: string) => ({
    lang,
    baseUrl: baseUrlOf(request, publicUrl),
  });

  app.get(
    '/api/events',
    {
      schema: {
        tags,
        summary: 'Events',
        description:
          'Forums, trade fairs, delegation visits, conferences, webinars, meetings and signing ceremonies: the ' +
          'published ones to anyone, internal ones to members of their hosts. Filter by time (upcoming, past, or ' +
          'those overlapping [from, to)), host, venue, parent event, or the organisation invited.',
        querystring: eventListQuerySchema,
        response: { 200: eventListResponseSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => service.listEvents(db, request.actor, request.query),
  );

  registerRecordRoutes(app, db, {
    path: '/api/events',
    tags,
    type: service.eventRecord,
    params: eventParamsSchema,
    record: eventSchema,
    read: {
      summary: 'An event',
      description: 'Its online link only to members of its hosts; an internal event only to them.',
    },
    create: {
      summary: 'Create an event',
      description: 'For editors of one of its hosts, and administrators.',
      body: createEventBodySchema,
      run: service.createEvent,
    },
    update: {
      summary: 'Change an event',
      description:
        'For editors of one of its hosts; handing it to other hosts takes an editor of one of them.',
      body: updateEventBodySchema,
      run: service.updateEvent,
    },
    delete: { summary: 'Delete an event' },
    restore: { summary: 'Restore a deleted event' },
    history: { summary: "An event's history", errors: readErrorResponses },
  });

  app.put(
    '/api/events/:id/programme',
    {
      schema: {
        tags,
        summary: "Set an event's programme",
        description:
          'For editors of its hosts: the whole programme in order, each session with its speakers (people in a ' +
          'role, with the post they held then) and the places and organisations seated in it.',
        params: eventParamsSchema,
        body: programmeBodySchema,
        response: { 200: eventSchema, ...writeErrorResponses },
      },
    },
    async (request) => service.setProgramme(db, request.actor, request.params.id, request.body),
  );

  app.get(
    '/api/events/:id/invitations',
    {
      schema: {
        tags,
        summary: "An event's invitations",
        description:
          'Who was invited, how they answered and who came, with "12 of 82 places attended" as a summary. ' +
          "Delegates only to the hosts' and the invitee's members; never contact data.",
        params: eventParamsSchema,
        response: { 200: invitationListResponseSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => invitations.listInvitations(db, request.actor, request.params.id),
  );

  app.post(
    '/api/events/:id/invitations',
    {
      schema: {
        tags,
        summary: 'Invite places and organisations',
        description:
          "For editors of the event's hosts: every partner of a place in the registry (a host city's twin towns), " +
          'and places and organisations by id, in one transaction. Inviting again leaves earlier invitations as ' +
          'they stand.',
        params: eventParamsSchema,
        body: inviteBodySchema,
        response: { 200: inviteResponseSchema, ...writeErrorResponses },
      },
    },
    async (request) => invitations.invite(db, request.actor, request.params.id, request.body),
  );

  app.patch(
    '/api/events/:id/invitations/:invitationId',
    {
      schema: {
        tags,
        summary: 'Answer an invitation or record attendance',
        description:
          "The invitee's editors (of the invited organisation, or of the invited place's governments) answer " +
          "accepted, declined or tentative and name delegates; the hosts' editors may answer for an invitee and " +
          'alone record attended or no_show.',
        params: invitationParamsSchema,
        body: updateInvitationBodySchema,
        response: { 200: invitationSchema, ...writeErrorResponses },
      },
    },
    async (request) =>
      invitations.updateInvitation(
        db,
        request.actor,
        request.params.id,
        request.params.invitationId,
        request.body,
      ),
  );

  app.get(
    '/api/events/:id/calendar.ics',
    {
      schema: {
        tags,
        summary: 'An event as iCalendar',
        description:
          'RFC 5545, times in UTC; each timed session of the programme is a VEVENT of its own, RELATED-TO the event. ' +
          'Never the online link.',
        params: eventParamsSchema,
        querystring: calendarQuerySchema,
      },
    },
    async (request, reply) =>
      reply
        .type(CALENDAR_TYPE)
        .send(
          await service.eventCalendar(
            db,
            request.actor,
            request.params.id,
            calendarRequest(request, request.query.lang),
          ),
        ),
  );

  for (const owner of ['organizations', 'places'] as const) {
    app.get(
      `/api/calendars/${owner}/:id/events.ics`,
      {
        schema: {
          tags,
          summary: owner === 'organizations' ? "An organisation's calendar feed" : "A place's calendar feed",
          description:
            (owner === 'organizations'
              ? 'Published events the organisation hosts or is invited to (unless it declined)'
              : 'Published events held in the place, hosted by its governments, or that invited it (unless declined)') +
            ', as a subscribable iCalendar (RFC 5545, times in UTC, sessions as VEVENTs of their own).',
          params: eventParamsSchema,
          querystring: calendarQuerySchema,
        },
      },
      async (request, reply) => {
        const id = request.params.id;
        const calendar = await service.calendarFeed(
          db,
          request.actor,
          owner === 'organizations' ? { organizationId: id } : { placeId: id },
          calendarRequest(request, request.query.lang),
        );
        return reply.type(CALENDAR_TYPE).header('cache-control', 'public, max-age=300').send(calendar);
      },
    );
  }

  const organizationParams = z.strictObject({ id: eventParamsSchema.shape.id.describe('Organisation id') });
  app.post(
    '/api/organizations/:id/calendar-feed',
    {
      schema: {
        tags,
        summary: "Make an organisation's private calendar feed",
        description:
          "For the organisation's editors: a feed of its events, internal ones too, at an address with a secret in " +
          'it. The address is shown only now; making a new one ends the old one.',
        params: organizationParams,
        body: z.strictObject({}).nullish().describe('Nothing: the request has no body'),
        response: {
          201: z.object({ url: z.string(), createdAt: z.string() }),
          ...writeErrorResponses,
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .header('cache-control', 'no-store')
        .send(await createCalendarFeed(db, request.actor, request.params.id, baseUrlOf(request, publicUrl))),
  );

  app.delete(
    '/api/organizations/:id/calendar-feed',
    {
      schema: {
        tags,
        summary: "Revoke an organisation's private calendar feed",
        description: "For the organisation's editors: its address answers 404 from now on.",
        params: organizationParams,
        response: { 204: z.null(), ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      await revokeCalendarFeed(db, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/calendars/private/:secret/events.ics',
    {
      schema: {
        tags,
        summary: "An organisation's private calendar feed",
        description:
          'Its published events and the internal ones it hosts, by the secret address its editors made; 404 once revoked.',
        params: z.strictObject({ secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a feed secret') }),
        querystring: calendarQuerySchema,
      },
    },
    async (request, reply) =>
      reply
        .type(CALENDAR_TYPE)
        .header('cache-control', 'private, no-cache')
        .send(
          await service.privateCalendarFeed(
            db,
            request.params.secret,
            calendarRequest(request, request.query.lang),
          ),
        ),
  );
};
