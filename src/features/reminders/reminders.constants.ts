/**
 * What the app reminds people of, each once: a tie's round anniversary, an agreement due for renewal or expiring,
 * a tie with no logged activity for a while, an invitation the organisation has not answered, and a campaign
 * closing before the organisation has submitted its answer.
 */
export const REMINDER_KINDS = [
  'tie_anniversary',
  'tie_renewal',
  'tie_quiet',
  'invitation_unanswered',
  'campaign_deadline',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** The quiet periods a user may choose, in months: a tie with no activity logged for as long is quiet. */
export const QUIET_PERIODS = [3, 6, 12, 24] as const;
export const DEFAULT_QUIET_MONTHS = 12;

/** Anniversaries worth a reminder: every fifth year. */
export const ANNIVERSARY_EVERY_YEARS = 5;
/** How long before an anniversary, a renewal, a campaign's close or an event the reminder comes. */
export const ANNIVERSARY_NOTICE_DAYS = 30;
export const RENEWAL_NOTICE_DAYS = 60;
export const CAMPAIGN_NOTICE_DAYS = 7;
/** An invitation is reminded of once it has waited this long, or once the event is this close. */
export const INVITATION_WAIT_DAYS = 7;
export const INVITATION_EVENT_NOTICE_DAYS = 14;

/** How often a serving process looks for reminders due. */
export const REMINDERS_INTERVAL_MS = 60 * 60 * 1000;
