import type { FastifyBaseLogger } from 'fastify';
import type { Database, DbOrTx } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy } from '../auth/policy.ts';
import { mailLanguage } from '../mail/language.ts';
import type { Mailer } from '../mail/mailer.ts';
import { networkRoles } from '../networks/networks.roles.ts';
import { peopleOf } from '../notifications/notifications.service.ts';
import {
  CAMPAIGN_NOTICE_DAYS,
  DEFAULT_QUIET_MONTHS,
  REMINDER_KINDS,
  type ReminderKind,
} from './reminders.constants.ts';
import { digestMail } from './reminders.mail.ts';
import * as repo from './reminders.repo.ts';
import type { ReminderSettings, ReminderSettingsInput } from './reminders.schema.ts';
import { reminderSettings } from './reminders.tables.ts';

export interface ReminderRunOptions {
  now?: Date;
  /** Sends the weekly digests; none without SMTP. */
  mailer?: Mailer | null;
  /** The address users reach the app at, for the links in the digest. */
  publicUrl?: string;
  log?: Pick<FastifyBaseLogger, 'warn'>;
}

export interface ReminderRunSummary {
  /** The reminders given in this run, per kind. */
  given: Record<ReminderKind, number>;
  /** The digests e-mailed in this run. */
  digests: number;
}

/** The ISO week of a moment, as `2026-W49`. */
export function isoWeek(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Campaign members that have not submitted and close within the notice: a reminder for each of their editors. */
async function dueCampaignDeadlines(db: DbOrTx, today: string): Promise<repo.DueReminder[]> {
  const due: repo.DueReminder[] = [];
  for (const campaign of await repo.campaignsClosingSoon(db, today, CAMPAIGN_NOTICE_DAYS)) {
    const [roles, submitted] = await Promise.all([
      networkRoles(db, campaign.networkId),
      repo.submittedMembers(db, campaign.id),
    ]);
    const names = await repo.organizationNames(
      db,
      roles.memberIds.filter((id) => !submitted.has(id)),
    );
    for (const person of await peopleOf(db, [...names.keys()], { editorsOnly: true })) {
      due.push({
        userId: person.userId,
        kind: 'campaign_deadline',
        key: `campaign:${campaign.id}:deadline:${campaign.closesOn}`,
        organizationId: person.organizationId,
        link: `/workspace/campaigns/${campaign.id}/respond`,
        data: {
          campaignId: campaign.id,
          title: campaign.title,
          closesOn: campaign.closesOn,
          organizationName: names.get(person.organizationId) ?? '',
        },
      });
    }
  }
  return due;
}

/** Every reminder due today, for everyone, before each user's choices. */
async function dueReminders(db: DbOrTx, now: Date): Promise<repo.DueReminder[]> {
  const today = now.toISOString().slice(0, 10);
  const found = await Promise.all([
    repo.dueAnniversaries(db, today),
    repo.dueRenewals(db, today),
    repo.dueQuietTies(db, today),
    repo.dueInvitations(db, now),
    dueCampaignDeadlines(db, today),
  ]);
  return found.flat();
}

/**
 * Gives every reminder due (each user once per reminder, in the notification centre), leaving out the kinds each
 * user turned off; then, with a mailer, e-mails the weekly digests due. Runs in one process at a time (the
 * reminders lock) and answers undefined when another holds it; the unique reminder keys and the digest claims keep
 * a reminder or a digest from going twice even so. A digest whose e-mail fails is logged and tried again next run.
 */
export async function runReminders(
  database: Pick<Database, 'db' | 'tryLock'>,
  options: ReminderRunOptions = {},
): Promise<ReminderRunSummary | undefined> {
  const now = options.now ?? new Date();
  let summary: ReminderRunSummary | undefined;
  await database.tryLock('reminders', async () => {
    const { db } = database;
    const due = await dueReminders(db, now);
    const settings = new Map(
      (await repo.findSettings(db, [...new Set(due.map((reminder) => reminder.userId))])).map((row) => [
        row.userId,
        new Set(row.disabledKinds),
      ]),
    );
    const wanted = due.filter((reminder) => !settings.get(reminder.userId)?.has(reminder.kind));
    const given = Object.fromEntries(REMINDER_KINDS.map((kind) => [kind, 0])) as Record<ReminderKind, number>;
    for (let start = 0; start < wanted.length; start += 500) {
      for (const row of await repo.insertReminders(db, wanted.slice(start, start + 500), now))
        given[row.kind] += 1;
    }
    summary = { given, digests: options.mailer ? await sendDigests(db, now, options) : 0 };
  });
  return summary;
}

async function sendDigests(db: DbOrTx, now: Date, options: ReminderRunOptions): Promise<number> {
  const week = isoWeek(now);
  let sent = 0;
  for (const user of await repo.dueDigests(db, week, now)) {
    if (!(await repo.claimDigest(db, { userId: user.userId, week, reminders: user.items.length, now })))
      continue;
    const mail = digestMail({
      to: user.email,
      language: mailLanguage(user.language, user.country),
      items: user.items,
      publicUrl: options.publicUrl ?? '',
    });
    try {
      await options.mailer!.send(mail);
      sent += 1;
    } catch (error) {
      await repo.releaseDigest(db, user.userId, week);
      options.log?.warn({ err: error, to: user.email }, 'a weekly reminder digest could not be sent');
    }
  }
  return sent;
}

/** Runs the reminders now and then every interval; answers a function that stops it, after a run in progress. */
export function startReminders(
  database: Pick<Database, 'db' | 'tryLock'>,
  logger: Pick<FastifyBaseLogger, 'warn' | 'debug'>,
  options: Omit<ReminderRunOptions, 'now' | 'log'> & { intervalMs: number },
): () => Promise<void> {
  let current: Promise<void> = Promise.resolve();
  const run = () => {
    current = runReminders(database, { ...options, log: logger }).then(
      (summary) => {
        if (summary) logger.debug({ reminders: summary }, 'reminders');
      },
      (error: unknown) => logger.warn({ err: error }, 'the reminders could not be looked for'),
    );
  };
  run();
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}

function presentSettings(
  row: { disabledKinds: string[]; quietMonths: number; digest: string } | undefined,
  emailEnabled: boolean,
): ReminderSettings {
  return {
    kinds: REMINDER_KINDS.map((kind) => ({ kind, enabled: !row?.disabledKinds.includes(kind) })),
    quietMonths: (row?.quietMonths ?? DEFAULT_QUIET_MONTHS) as ReminderSettings['quietMonths'],
    digest: row?.digest === 'off' ? 'off' : 'weekly',
    emailEnabled,
  };
}

/** The signed-in user's own reminder choices. */
export async function getReminderSettings(db: DbOrTx, actor: Actor | null, emailEnabled: boolean) {
  authorize(actor, policy.self(actor));
  const [row] = await repo.findSettings(db, [actor.id]);
  return presentSettings(row, emailEnabled);
}

/** Replaces the signed-in user's own reminder choices; kinds left out keep their current choice. */
export async function updateReminderSettings(
  db: DbOrTx,
  actor: Actor | null,
  input: ReminderSettingsInput,
  emailEnabled: boolean,
) {
  authorize(actor, policy.self(actor));
  const [current] = await repo.findSettings(db, [actor.id]);
  const disabled = new Set(current?.disabledKinds ?? []);
  for (const { kind, enabled } of input.kinds ?? []) {
    if (enabled) disabled.delete(kind);
    else disabled.add(kind);
  }
  const values = {
    userId: actor.id,
    disabledKinds: REMINDER_KINDS.filter((kind) => disabled.has(kind)),
    quietMonths: input.quietMonths ?? current?.quietMonths ?? DEFAULT_QUIET_MONTHS,
    digest: input.digest ?? current?.digest ?? 'weekly',
    updatedAt: new Date(),
  };
  await db
    .insert(reminderSettings)
    .values(values)
    .onConflictDoUpdate({ target: reminderSettings.userId, set: values });
  return presentSettings(values, emailEnabled);
}
