import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema } from '../../core/errors.ts';
import { idSchema, visibilitySchema } from '../../core/schemas.ts';
import { ACTIVITY_KINDS } from '../activities/activities.constants.ts';
import { ORGANIZATION_KINDS } from '../organizations/organizations.constants.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../partnerships/partnerships.constants.ts';
import { organizationDashboard } from './workspace.service.ts';

const tieSummary = z.object({
  id: z.number().int(),
  kind: z.enum(PARTNERSHIP_KINDS),
  status: z.enum(PARTNERSHIP_STATUSES),
  partners: z.string().describe('The other parties'),
  visibility: visibilitySchema,
});

export const dashboardSchema = z.object({
  organization: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(ORGANIZATION_KINDS) }),
  today: z.string(),
  ties: z.array(tieSummary.extend({ startedOn: z.string().nullable(), lastActivity: z.string().nullable() })),
  byStatus: z.record(z.string(), z.number().int()),
  anniversaries: z.array(tieSummary.extend({ date: z.string(), years: z.number().int() })),
  renewals: z.array(tieSummary.extend({ date: z.string(), daysLeft: z.number().int() })),
  quiet: z
    .array(tieSummary.extend({ lastActivity: z.string().nullable() }))
    .describe('Live ties with no logged activity in two years'),
  recentActivity: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(ACTIVITY_KINDS),
      occurredOn: z.string(),
      title: z.string(),
    }),
  ),
});

export const workspaceRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/organizations/:id/dashboard',
    {
      schema: {
        tags: ['organizations'],
        summary: "An organisation's dashboard",
        description:
          'Its ties by status, anniversaries and renewals in the next 180 days, ties with no logged activity in ' +
          'two years, and recent activity. For members of the organisation.',
        params: z.strictObject({ id: idSchema }),
        response: {
          200: dashboardSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => organizationDashboard(db, request.actor, request.params.id),
  );
};
