import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema } from '../../core/errors.ts';
import type { MailOptions } from '../mail/mailer.ts';
import { reminderSettingsInputSchema, reminderSettingsSchema } from './reminders.schema.ts';
import * as service from './reminders.service.ts';

const tags = ['notifications'];

/** Each signed-in user's own choice of reminders; nobody reads or changes another's. */
export const remindersRoutes: FastifyPluginAsyncZod<RouteContext & { mail?: MailOptions }> = async (
  app,
  { db, mail },
) => {
  const emailEnabled = mail !== undefined;
  app.get(
    '/api/notifications/settings',
    {
      schema: {
        tags,
        summary: 'My reminder choices',
        description:
          'Which reminders the signed-in user gets (anniversaries, renewals, quiet ties, unanswered invitations, ' +
          'campaign deadlines), after how long a tie is quiet, and whether the weekly e-mail digest goes to them.',
        response: { 200: reminderSettingsSchema, 401: errorResponseSchema },
      },
    },
    async (request) => service.getReminderSettings(db, request.actor, emailEnabled),
  );

  app.put(
    '/api/notifications/settings',
    {
      schema: {
        tags,
        summary: 'Change my reminder choices',
        description: 'Kinds left out keep their choice; the answer is every choice after the change.',
        body: reminderSettingsInputSchema,
        response: { 200: reminderSettingsSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => service.updateReminderSettings(db, request.actor, request.body, emailEnabled),
  );
};
