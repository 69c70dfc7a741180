import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
import { GOVERNMENT_KINDS } from '../organizations/organizations.constants.ts';
import {
  ANNIVERSARY_EVERY_YEARS,
  ANNIVERSARY_NOTICE_DAYS,
  DEFAULT_QUIET_MONTHS,
  INVITATION_EVENT_NOTICE_DAYS,
  INVITATION_WAIT_DAYS,
  RENEWAL_NOTICE_DAYS,
  type ReminderKind,
} from './reminders.constants.ts';
import { reminderSettings } from './reminders.tables.ts';

/** A reminder due for one user, before the user's own choices are applied. */
export interface DueReminder {
  userId: number;
  kind: ReminderKind;
  /** What it reminds of, the same for every run: the user gets it once. */
  key: string;
  organizationId: number;
  link: string;
  data: Record<string, unknown>;
}

const governmentKinds = sql.join(
  GOVERNMENT_KINDS.map((kind) => sql`${kind}`),
  sql`, `,
);

/**
 * The people of each live organisation (active users), with the ties their organisation speaks for: its own, and
 * its place's when it is the place's government. `party_id` is the party the organisation speaks for.
 */
const readerTies = sql`
  readers as (
    select m.user_id, o.id as organization_id, o.name as organization_name, o.place_id, o.kind
    from memberships m
    join users u on u.id = m.user_id and u.disabled_at is null
    join organizations o on o.id = m.organization_id and o.deleted_at is null and o.merged_into_id is null
  ),
  reader_ties as (
    select r.user_id, r.organization_id, r.organization_name, pp.partnership_id, pp.id as party_id,
           pp.confirmed_at
    from readers r join partnership_parties pp on pp.organization_id = r.organization_id
    union
    select r.user_id, r.organization_id, r.organization_name, pp.partnership_id, pp.id as party_id,
           pp.confirmed_at
    from readers r join partnership_parties pp on pp.place_id = r.place_id
    where r.kind in (${governmentKinds})
  ),
  live_ties as (
    select rt.*, p.kind as tie_kind, p.started_on, p.signed_on, p.renewal_on, p.created_at,
           (select string_agg(coalesce(pl.name, po.name), ', ' order by op.id)
            from partnership_parties op
            left join places pl on pl.id = op.place_id
            left join organizations po on po.id = op.organization_id
            where op.partnership_id = rt.partnership_id and op.id <> rt.party_id) as partners
    from reader_ties rt join partnerships p on p.id = rt.partnership_id
    where p.deleted_at is null and p.status = 'active'
  )`;

const tieData = sql`'partnershipId', t.partnership_id, 'tieKind', t.tie_kind, 'partners', t.partners,
                    'organizationName', t.organization_name`;

function dueRows(db: DbOrTx, query: SQL) {
  return queryRows<DueReminder>(db, query);
}

/** Ties whose round anniversary (every fifth year since they started, or were signed) comes within the notice. */
export function dueAnniversaries(db: DbOrTx, today: string) {
  return dueRows(
    db,
    sql`with ${readerTies},
        anniversaries as (
          select t.*, a.years, (coalesce(t.started_on, t.signed_on) + make_interval(years => a.years))::date as day
          from live_ties t
          cross join lateral (
            select extract(year from ${today}::date)::int - extract(year from coalesce(t.started_on, t.signed_on))::int + n
              as years
            from (values (0), (1)) v(n)
          ) a
          where coalesce(t.started_on, t.signed_on) is not null
        )
        select t.user_id as "userId", 'tie_anniversary' as kind, t.organization_id as "organizationId",
               'tie:' || t.partnership_id || ':anniversary:' || t.years as key,
               '/partnerships/' || t.partnership_id as link,
               jsonb_build_object(${tieData}, 'years', t.years, 'date', t.day) as data
        from anniversaries t
        where t.years > 0 and t.years % ${ANNIVERSARY_EVERY_YEARS} = 0
          and t.day between ${today}::date and ${today}::date + ${ANNIVERSARY_NOTICE_DAYS}::int`,
  );
}

/** Ties whose agreement is due for renewal, or expires, within the notice. */
export function dueRenewals(db: DbOrTx, today: string) {
  return dueRows(
    db,
    sql`with ${readerTies}
        select t.user_id as "userId", 'tie_renewal' as kind, t.organization_id as "organizationId",
               'tie:' || t.partnership_id || ':renewal:' || t.renewal_on as key,
               '/partnerships/' || t.partnership_id as link,
               jsonb_build_object(${tieData}, 'date', t.renewal_on) as data
        from live_ties t
        where t.renewal_on between ${today}::date and ${today}::date + ${RENEWAL_NOTICE_DAYS}::int`,
  );
}

/**
 * Ties the organisation has confirmed and has logged no activity on for the user's quiet period (and that are at
 * least as old). The key names the last activity, so a tie that goes quiet again after new activity is reminded of
 * again.
 */
export function dueQuietTies(db: DbOrTx, today: string) {
  return dueRows(
    db,
    sql`with ${readerTies},
        quiet as (
          select t.*, coalesce(s.quiet_months, ${DEFAULT_QUIET_MONTHS}::int) as months,
                 (select max(a.occurred_on) from activity_links l
                  join activities a on a.id = l.activity_id and a.deleted_at is null
                  where l.partnership_id = t.partnership_id and a.organization_id = t.organization_id) as last_activity
          from live_ties t left join ${reminderSettings} s on s.user_id = t.user_id
          where t.confirmed_at is not null
        )
        select t.user_id as "userId", 'tie_quiet' as kind, t.organization_id as "organizationId",
               'tie:' || t.partnership_id || ':quiet:' || coalesce(t.last_activity::text, 'never') as key,
               '/partnerships/' || t.partnership_id as link,
               jsonb_build_object(${tieData}, 'lastActivity', t.last_activity, 'months', t.months) as data
        from quiet t
        where coalesce(t.last_activity, t.started_on, t.signed_on, t.created_at::date)
              <= ${today}::date - make_interval(months => t.months)`,
  );
}

/**
 * Invitations of the user's organisation (or of its place, when it is the place's government) still unanswered
 * once they have waited a week or the event is two weeks away; for the editors, who answer them.
 */
export function dueInvitations(db: DbOrTx, now: Date) {
  return dueRows(
    db,
    sql`with editors as (
          select m.user_id, o.id as organization_id, o.name as organization_name, o.place_id, o.kind
          from memberships m
          join users u on u.id = m.user_id and u.disabled_at is null
          join organizations o on o.id = m.organization_id and o.deleted_at is null and o.merged_into_id is null
          where m.role = 'editor'
        ),
        invited as (
          select e.user_id, e.organization_id, e.organization_name, i.id as invitation_id, i.event_id
          from editors e join event_invitations i on i.organization_id = e.organization_id
          where i.status = 'invited'
          union
          select e.user_id, e.organization_id, e.organization_name, i.id, i.event_id
          from editors e join event_invitations i on i.place_id = e.place_id
          where i.status = 'invited' and e.kind in (${governmentKinds})
        )
        select v.user_id as "userId", 'invitation_unanswered' as kind, v.organization_id as "organizationId",
               'invitation:' || v.invitation_id as key,
               '/events/' || v.event_id as link,
               jsonb_build_object('eventId', v.event_id, 'title', ev.title, 'startsAt', ev.starts_at,
                                  'timeZone', ev.time_zone, 'organizationName', v.organization_name) as data
        from invited v
        join event_invitations i on i.id = v.invitation_id
        join events ev on ev.id = v.event_id
        where ev.deleted_at is null and ev.status <> 'cancelled' and ev.starts_at > ${now}
          and (i.created_at <= ${now}::timestamptz - make_interval(days => ${INVITATION_WAIT_DAYS}::int)
               or ev.starts_at <= ${now}::timestamptz + make_interval(days => ${INVITATION_EVENT_NOTICE_DAYS}::int))`,
  );
}

/** Open campaigns closing within the notice, with their network, for the members the service finds unsubmitted. */
export function campaignsClosingSoon(db: DbOrTx, today: string, noticeDays: number) {
  return queryRows<{ id: number; networkId: number; title: Record<string, string>; closesOn: string }>(
    db,
    sql`select c.id, c.network_id as "networkId", c.title, c.closes_on::text as "closesOn"
        from campaigns c
        where c.status = 'open' and c.deleted_at is null
          and c.closes_on between ${today}::date and ${today}::date + ${noticeDays}::int
        order by c.id`,
  );
}

/** The organisations that have submitted their answer to a campaign. */
export async function submittedMembers(db: DbOrTx, campaignId: number): Promise<Set<number>> {
  const rows = await queryRows<{ organizationId: number }>(
    db,
    sql`select organization_id as "organizationId" from campaign_responses
        where campaign_id = ${campaignId} and status = 'submitted'`,
  );
  return new Set(rows.map((row) => row.organizationId));
}

/** The names of organisations, by id. */
export async function organizationNames(db: DbOrTx, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from organizations where id in (${idList(ids)})`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Each user's choices; users without a row have the defaults. */
export function findSettings(db: DbOrTx, userIds: readonly number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return queryRows<{ userId: number; disabledKinds: string[]; quietMonths: number; digest: string }>(
    db,
    sql`select user_id as "userId", disabled_kinds as "disabledKinds", quiet_months as "quietMonths", digest
        from ${reminderSettings} where user_id in (${idList(userIds)})`,
  );
}

/**
 * Writes reminders as notifications, each at most once per user (a reminder already given is skipped, also when
 * another process gives it at the same moment); answers the ones written now.
 */
export function insertReminders(db: DbOrTx, reminders: readonly DueReminder[], now: Date) {
  if (reminders.length === 0) return Promise.resolve([]);
  const rows = sql.join(
    reminders.map(
      (reminder) =>
        sql`(${reminder.userId}::int, ${reminder.kind}, ${JSON.stringify(reminder.data)}::jsonb, ${reminder.link},
             ${reminder.organizationId}::int, ${reminder.key}, ${now}::timestamptz)`,
    ),
    sql`, `,
  );
  return queryRows<{ id: number; userId: number; kind: ReminderKind }>(
    db,
    sql`insert into notifications (user_id, kind, data, link, organization_id, reminder_key, created_at)
        values ${rows}
        on conflict (user_id, reminder_key) where reminder_key is not null do nothing
        returning id, user_id as "userId", kind`,
  );
}

/**
 * The users whose weekly digest is due: they have not turned it off, have no digest for this week yet, and have
 * unread reminders given since their last digest, within the last week; with each one's reminders, oldest first.
 */
export async function dueDigests(db: DbOrTx, week: string, now: Date) {
  const rows = await queryRows<{
    userId: number;
    email: string;
    language: string | null;
    country: string | null;
    kind: ReminderKind;
    data: Record<string, unknown>;
    link: string | null;
  }>(
    db,
    sql`select u.id as "userId", u.email, u.language,
               (select p.country from memberships m join organizations o on o.id = m.organization_id
                join places p on p.id = o.place_id where m.user_id = u.id order by m.created_at limit 1) as country,
               n.kind, n.data, n.link
        from users u
        join notifications n on n.user_id = u.id and n.reminder_key is not null and n.read_at is null
        left join ${reminderSettings} s on s.user_id = u.id
        where u.disabled_at is null and coalesce(s.digest, 'weekly') <> 'off'
          and not exists (select 1 from reminder_digests d where d.user_id = u.id and d.week = ${week})
          and n.created_at > greatest(
            (select max(d.created_at) from reminder_digests d where d.user_id = u.id and d.created_at <= ${now}),
            ${now}::timestamptz - interval '7 days')
          and n.created_at <= ${now}
        order by u.id, n.id`,
  );
  const byUser = new Map<
    number,
    {
      userId: number;
      email: string;
      language: string | null;
      country: string | null;
      items: { kind: ReminderKind; data: Record<string, unknown>; link: string | null }[];
    }
  >();
  for (const row of rows) {
    const user = byUser.get(row.userId) ?? {
      userId: row.userId,
      email: row.email,
      language: row.language,
      country: row.country,
      items: [],
    };
    user.items.push({ kind: row.kind, data: row.data, link: row.link });
    byUser.set(row.userId, user);
  }
  return [...byUser.values()];
}

/** Claims a user's digest of a week; false when it is already claimed (sent, or being sent by another process). */
export async function claimDigest(
  db: DbOrTx,
  claim: { userId: number; week: string; reminders: number; now: Date },
): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`insert into reminder_digests (user_id, week, reminders, created_at)
        values (${claim.userId}, ${claim.week}, ${claim.reminders}, ${claim.now}::timestamptz)
        on conflict do nothing returning user_id`,
  );
  return rows.length > 0;
}

/** Gives back a claim whose e-mail could not be sent, so that a later run sends it. */
export async function releaseDigest(db: DbOrTx, userId: number, week: string): Promise<void> {
  await db.execute(sql`delete from reminder_digests where user_id = ${userId} and week = ${week}`);
}
