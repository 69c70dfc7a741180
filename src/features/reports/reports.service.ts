import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
import type { ActivityResponse } from '../activities/activities.schema.ts';
import { listActivities } from '../activities/activities.service.ts';
import type { Actor } from '../auth/actor.ts';
import { eventListQuerySchema } from '../events/events.schema.ts';
import { listEvents } from '../events/events.service.ts';
import { GOVERNMENT_KINDS } from '../organizations/organizations.constants.ts';
import { organizationRecord } from '../organizations/organizations.service.ts';
import { type OutcomeResponse, outcomeListQuerySchema } from '../outcomes/outcomes.schema.ts';
import { listOutcomes } from '../outcomes/outcomes.service.ts';
import type { PartnershipRecord } from '../partnerships/partnerships.schema.ts';
import { partnershipRecord } from '../partnerships/partnerships.write.service.ts';
import { findReadablePeople } from '../people/people.service.ts';
import { getRecord } from '../records/records.service.ts';
import { ANNIVERSARY_EVERY_YEARS } from '../reminders/reminders.constants.ts';
import type { ImpactReport, ReportTie, TimelineEntry } from './reports.schema.ts';
import type { ReportLanguage } from './reports.texts.ts';

type Localized = Record<string, string>;
type ListedEvent = Awaited<ReturnType<typeof listEvents>>['items'][number];

/** A text kept per language, in the report's, else English, else any. */
const inLanguage = (texts: Localized, language: ReportLanguage) =>
  texts[language] ?? texts.en ?? Object.values(texts)[0] ?? '';

/** Full years from a day to another. */
function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

const addYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

/** How old a tie is, its round anniversaries so far and the next one. */
function ageOf(start: string | null, today: string) {
  if (!start) return null;
  const years = Math.max(0, yearsBetween(start, today));
  const next = Math.ceil((years + 1) / ANNIVERSARY_EVERY_YEARS) * ANNIVERSARY_EVERY_YEARS;
  return {
    since: start,
    years,
    roundAnniversaries: Array.from({ length: Math.floor(years / ANNIVERSARY_EVERY_YEARS) }, (_, index) => {
      const round = (index + 1) * ANNIVERSARY_EVERY_YEARS;
      return { years: round, on: addYears(start, round) };
    }),
    nextRoundAnniversary: { years: next, on: addYears(start, next) },
  };
}

/** Counts per key, as sorted rows. */
function countBy<T>(items: readonly T[], key: (item: T) => string) {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts]
    .map(([kind, count]) => ({ kind, count }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

/** The sums of outcome values per currency, never converted. */
function valuesOf(outcomes: readonly OutcomeResponse[]) {
  const sums = new Map<string, number>();
  for (const outcome of outcomes) {
    if (!outcome.value) continue;
    // Amounts are decimal strings with at most two decimals: summed in cents, exactly.
    const cents = Math.round(Number(outcome.value.amount) * 100);
    sums.set(outcome.value.currency, (sums.get(outcome.value.currency) ?? 0) + cents);
  }
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, cents]) => ({ currency, amount: (cents / 100).toFixed(2) }));
}

interface Gathered {
  activities: ActivityResponse[];
  events: ListedEvent[];
  outcomes: OutcomeResponse[];
}

/** The report's figures, timeline, companies, people and follow-ups from what the reader may read. */
async function summarize(
  db: DbOrTx,
  actor: Actor | null,
  gathered: Gathered,
  language: ReportLanguage,
  today: string,
) {
  const { activities, events, outcomes } = gathered;
  const years = new Map<number, { activities: number; events: number; outcomes: number }>();
  const year = (day: string) => {
    const y = Number(day.slice(0, 4));
    const row = years.get(y) ?? { activities: 0, events: 0, outcomes: 0 };
    years.set(y, row);
    return row;
  };
  for (const activity of activities) year(activity.occurredOn).activities += 1;
  for (const event of events) year(event.startsAt).events += 1;
  for (const outcome of outcomes) year(outcome.achievedOn).outcomes += 1;

  const timeline: TimelineEntry[] = [
    ...activities.map((activity) => ({
      type: 'activity' as const,
      id: activity.id,
      date: activity.occurredOn,
      kind: activity.kind,
      title: activity.title,
      link: null,
    })),
    ...events.map((event) => ({
      type: 'event' as const,
      id: event.id,
      date: event.startsAt.slice(0, 10),
      kind: event.kind,
      title: inLanguage(event.title as Localized, language),
      link: `/events/${event.id}`,
    })),
    ...outcomes.map((outcome) => ({
      type: 'outcome' as const,
      id: outcome.id,
      date: outcome.achievedOn,
      kind: outcome.kind,
      title: inLanguage(outcome.title, language),
      link: null,
    })),
  ].sort((a, b) => b.date.localeCompare(a.date) || a.type.localeCompare(b.type) || b.id - a.id);

  const involvedIds = [...new Set(outcomes.flatMap((outcome) => outcome.organizations.map((org) => org.id)))];
  const involved = await queryRows<{ id: number; name: string; kind: string }>(
    db,
    sql`select id, name, kind::text from organizations where id in (${idList(involvedIds)}) order by name, id`,
  );
  const personIds = [...new Set(activities.flatMap((activity) => activity.personIds))];
  const readable = await findReadablePeople(db, actor, personIds);
  const people = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from people where id in (${idList([...readable])}) and name is not null order by name, id`,
  );
  return {
    figures: {
      activities: activities.length,
      events: events.length,
      outcomes: outcomes.length,
      companies: involved.filter((org) => org.kind === 'company').length,
      people: people.length,
    },
    byYear: [...years].sort(([a], [b]) => a - b).map(([y, counts]) => ({ year: y, ...counts })),
    byKind: {
      activities: countBy(activities, (activity) => activity.kind),
      events: countBy(events, (event) => event.kind),
      outcomes: countBy(outcomes, (outcome) => outcome.kind),
    },
    values: valuesOf(outcomes),
    timeline,
    organizations: involved,
    people,
    followUps: activities
      .filter((activity) => activity.followUp && (!activity.followUpOn || activity.followUpOn >= today))
      .map((activity) => ({
        activityId: activity.id,
        title: activity.title,
        followUp: activity.followUp!,
        followUpOn: activity.followUpOn,
      }))
      .sort((a, b) => (a.followUpOn ?? '9999').localeCompare(b.followUpOn ?? '9999')),
  };
}

/** Everything of a tie the reader may read; activities only for signed-in readers of the logs. */
async function gatherTie(db: DbOrTx, actor: Actor | null, id: number): Promise<Gathered> {
  const [activities, events, outcomes] = await Promise.all([
    actor ? listActivities(db, actor, { partnershipId: id, limit: 200 }).then((page) => page.items) : [],
    listEvents(db, actor, eventListQuerySchema.parse({ partnershipId: String(id), limit: '200' })).then(
      (page) => page.items,
    ),
    listOutcomes(db, actor, outcomeListQuerySchema.parse({ partnershipId: String(id), limit: '500' })).then(
      (page) => page.items,
    ),
  ]);
  return { activities, events, outcomes };
}

function tieSummary(tie: PartnershipRecord, today: string): ReportTie {
  const start = tie.startedOn ?? tie.signedOn;
  return {
    id: tie.id,
    kind: tie.kind,
    status: tie.status,
    parties: tie.parties.map((party) => ({ name: party.name, country: party.country })),
    startedOn: tie.startedOn,
    signedOn: tie.signedOn,
    endedOn: tie.endedOn,
    renewalOn: tie.renewalOn,
    age: ageOf(start, today),
  };
}

/** A tie's impact report: its age and anniversaries, timeline, figures by year and kind, companies, people met. */
export async function tieReport(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  language: ReportLanguage,
  now = new Date(),
): Promise<ImpactReport> {
  const today = now.toISOString().slice(0, 10);
  const tie = await getRecord(db, actor, partnershipRecord, id);
  const gathered = await gatherTie(db, actor, id);
  return {
    subject: { type: 'partnership', id, name: tie.parties.map((party) => party.name).join(' – ') },
    language,
    generatedOn: today,
    signedIn: actor !== null,
    ties: [tieSummary(tie, today)],
    ...(await summarize(db, actor, gathered, language, today)),
  };
}

/** The ties an organisation speaks for: its own, and its place's when it is the place's government. */
async function tieIdsOf(db: DbOrTx, organizationId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select distinct p.id from partnerships p
        join partnership_parties pp on pp.partnership_id = p.id
        join organizations o on o.id = ${organizationId}
        where p.deleted_at is null
          and (pp.organization_id = o.id
               or (pp.place_id = o.place_id and o.kind in (${sql.join(
                 GOVERNMENT_KINDS.map((kind) => sql`${kind}`),
                 sql`, `,
               )})))
        order by p.id`,
  );
  return rows.map((row) => row.id);
}

/** An organisation's impact report: the same over all its ties, its own activity log, its events and outcomes. */
export async function organizationReport(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  language: ReportLanguage,
  now = new Date(),
): Promise<ImpactReport> {
  const today = now.toISOString().slice(0, 10);
  const organization = await getRecord(db, actor, organizationRecord, id);
  const ties: ReportTie[] = [];
  for (const tieId of await tieIdsOf(db, id)) {
    const tie = await getRecord(db, actor, partnershipRecord, tieId).catch(() => null);
    if (tie) ties.push(tieSummary(tie, today));
  }
  const [activities, hosted, invited, outcomes] = await Promise.all([
    actor ? listActivities(db, actor, { organizationId: id, limit: 200 }).then((page) => page.items) : [],
    listEvents(db, actor, eventListQuerySchema.parse({ hostId: String(id), limit: '200' })).then(
      (page) => page.items,
    ),
    listEvents(db, actor, eventListQuerySchema.parse({ invitedId: String(id), limit: '200' })).then(
      (page) => page.items,
    ),
    listOutcomes(db, actor, outcomeListQuerySchema.parse({ organizationId: String(id), limit: '500' })).then(
      (page) => page.items,
    ),
  ]);
  const events = [...new Map([...hosted, ...invited].map((event) => [event.id, event])).values()];
  return {
    subject: { type: 'organization', id, name: organization.name },
    language,
    generatedOn: today,
    signedIn: actor !== null,
    ties: ties.sort((a, b) => (a.startedOn ?? '9999').localeCompare(b.startedOn ?? '9999')),
    ...(await summarize(db, actor, { activities, events, outcomes }, language, today)),
  };
}
