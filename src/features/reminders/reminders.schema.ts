import * as z from 'zod';
import { QUIET_PERIODS, REMINDER_KINDS } from './reminders.constants.ts';

const kindSchema = z
  .enum(REMINDER_KINDS)
  .describe(
    'tie_anniversary (a round year of a tie), tie_renewal (an agreement due for renewal or expiring), tie_quiet (a ' +
      'confirmed tie with no activity logged for the quiet period), invitation_unanswered, campaign_deadline',
  );
const quietMonthsSchema = z
  .union(QUIET_PERIODS.map((months) => z.literal(months)))
  .describe('After how many months without logged activity a tie is quiet');
const digestSchema = z.enum(['weekly', 'off']).describe('The weekly e-mail digest of the reminders');

export const reminderSettingsSchema = z.object({
  kinds: z.array(z.object({ kind: kindSchema, enabled: z.boolean() })).describe('Every kind, on or off'),
  quietMonths: quietMonthsSchema,
  digest: digestSchema,
  emailEnabled: z.boolean().describe('Whether this server sends e-mail at all (SMTP configured)'),
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

export const reminderSettingsInputSchema = z.strictObject({
  kinds: z
    .array(z.strictObject({ kind: kindSchema, enabled: z.boolean() }))
    .max(REMINDER_KINDS.length * 2)
    .optional()
    .describe('The kinds to turn on or off; those left out keep their choice'),
  quietMonths: quietMonthsSchema.optional(),
  digest: digestSchema.optional(),
});
export type ReminderSettingsInput = z.infer<typeof reminderSettingsInputSchema>;
