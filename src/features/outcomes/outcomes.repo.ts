import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
import { findById, nextVersion } from '../../db/rows.ts';
import { outcomeLinks, outcomes, testimonials } from '../../db/schema.ts';
import { governmentsOf } from '../organizations/governments.ts';

export type OutcomeRow = typeof outcomes.$inferSelect;
export type LinkRow = typeof outcomeLinks.$inferSelect;

export const findOutcome = (db: DbOrTx, id: number, lock = false) => findById(db, outcomes, id, lock);

export async function findLinks(db: DbOrTx, outcomeIds: readonly number[]): Promise<LinkRow[]> {
  if (outcomeIds.length === 0) return [];
  return db
    .select()
    .from(outcomeLinks)
    .where(inArray(outcomeLinks.outcomeId, [...outcomeIds]))
    .orderBy(outcomeLinks.id);
}

export interface TestimonialRow {
  outcomeId: number;
  personId: number;
  personName: string | null;
  quote: Record<string, string>;
  consentOn: string;
  consentNote: string | null;
}

export async function findTestimonials(db: DbOrTx, outcomeIds: readonly number[]): Promise<TestimonialRow[]> {
  if (outcomeIds.length === 0) return [];
  return queryRows<TestimonialRow>(
    db,
    sql`select t.outcome_id as "outcomeId", t.person_id as "personId", p.name as "personName", t.quote,
               t.consent_on::text as "consentOn", t.consent_note as "consentNote"
        from testimonials t join people p on p.id = t.person_id
        where t.outcome_id in (${idList(outcomeIds)}) order by t.id`,
  );
}

/** Who stands behind a record an outcome links to: its visibility (internal once deleted) and organisations. */
export interface LinkStake {
  id: number;
  visibility: 'published' | 'internal';
  organizationIds: number[];
  name: string;
}

/** The stakes of the ties, events, support requests and organisations some outcomes link to. */
export async function findLinkStakes(db: DbOrTx, links: readonly LinkRow[]) {
  const of = (key: 'partnershipId' | 'eventId' | 'supportRequestId' | 'organizationId') => [
    ...new Set(links.flatMap((link) => (link[key] === null ? [] : [link[key]!]))),
  ];
  // One query at a time: `db` may be a transaction's single connection.
  const ties = await findTieStakes(db, of('partnershipId'));
  const events = await stakes(
    db,
    of('eventId'),
    sql`select e.id, case when e.deleted_at is null then e.visibility else 'internal' end as visibility,
               array(select h.organization_id from event_hosts h where h.event_id = e.id) as "organizationIds",
               coalesce(e.title->>'en', '') as name
        from events e`,
    sql`e.id`,
  );
  const requests = await stakes(
    db,
    of('supportRequestId'),
    sql`select r.id, 'internal' as visibility, array[r.organization_id] as "organizationIds", '' as name
        from support_requests r`,
    sql`r.id`,
  );
  const organizations = await stakes(
    db,
    of('organizationId'),
    sql`select o.id, case when o.deleted_at is null then o.visibility else 'internal' end as visibility,
               array_remove(array[o.id, o.keeper_id], null) as "organizationIds", o.name
        from organizations o`,
    sql`o.id`,
  );
  const byId = (rows: LinkStake[]) => new Map(rows.map((row) => [row.id, row]));
  return {
    ties: byId(ties),
    events: byId(events),
    requests: byId(requests),
    organizations: byId(organizations),
  };
}

function stakes(db: DbOrTx, ids: readonly number[], select: SQL, idColumn: SQL): Promise<LinkStake[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return queryRows<LinkStake>(db, sql`${select} where ${idColumn} in (${idList(ids)})`);
}

/** A tie's stake as the registry decides it: its parties' organisations and the governments of its places. */
export function findTieStakes(db: DbOrTx, ids: readonly number[]): Promise<LinkStake[]> {
  return stakes(
    db,
    ids,
    sql`select p.id, case when p.deleted_at is null then p.visibility else 'internal' end as visibility,
               array(select pp.organization_id from partnership_parties pp
                     where pp.partnership_id = p.id and pp.organization_id is not null
                     union
                     select gov.id from partnership_parties pp
                     join lateral (${governmentsOf(sql`pp.place_id`)}) gov on true
                     where pp.partnership_id = p.id and pp.place_id is not null) as "organizationIds",
               '' as name
        from partnerships p`,
    sql`p.id`,
  );
}

/** The names of the given organisations, by id. */
export async function findOrganizationNames(db: DbOrTx, ids: readonly number[]) {
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from organizations where id in (${idList([...new Set(ids)])})`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

export interface OutcomeFilter {
  organizationId?: number;
  partnershipId?: number;
  eventId?: number;
  supportRequestId?: number;
  kind?: OutcomeRow['kind'];
  limit: number;
}

/** Live outcomes matching the filter, newest first (the reader's rights are applied by the service). */
export async function listOutcomes(db: DbOrTx, filter: OutcomeFilter) {
  const linked = (column: SQL, value: number) =>
    sql`exists (select 1 from outcome_links l where l.outcome_id = ${outcomes.id} and ${column} = ${value})`;
  return db
    .select()
    .from(outcomes)
    .where(
      and(
        isNull(outcomes.deletedAt),
        filter.kind ? eq(outcomes.kind, filter.kind) : undefined,
        filter.organizationId
          ? sql`(${outcomes.organizationId} = ${filter.organizationId} or ${linked(sql`l.organization_id`, filter.organizationId)})`
          : undefined,
        filter.partnershipId ? linked(sql`l.partnership_id`, filter.partnershipId) : undefined,
        filter.eventId ? linked(sql`l.event_id`, filter.eventId) : undefined,
        filter.supportRequestId ? linked(sql`l.support_request_id`, filter.supportRequestId) : undefined,
      ),
    )
    .orderBy(desc(outcomes.achievedOn), desc(outcomes.id));
}

/** What an outcome links to. */
export interface OutcomeLinks {
  partnershipIds: number[];
  eventIds: number[];
  supportRequestIds: number[];
  organizationIds: number[];
}

export interface TestimonialInsert {
  personId: number;
  quote: Record<string, string>;
  consentOn: string;
  consentNote: string | null;
}

export type OutcomeInsert = typeof outcomes.$inferInsert &
  OutcomeLinks & { testimonials: TestimonialInsert[] };

export type OutcomeChanges = Partial<typeof outcomes.$inferInsert> & {
  links?: OutcomeLinks;
  testimonials?: TestimonialInsert[];
};

export async function insertOutcome(
  db: DbOrTx,
  {
    partnershipIds,
    eventIds,
    supportRequestIds,
    organizationIds,
    testimonials: quotes,
    ...values
  }: OutcomeInsert,
) {
  const [row] = await db.insert(outcomes).values(values).returning({ id: outcomes.id });
  await replaceLinks(db, row!.id, { partnershipIds, eventIds, supportRequestIds, organizationIds });
  await replaceTestimonials(db, row!.id, quotes);
  return row!.id;
}

export async function updateOutcome(
  db: DbOrTx,
  id: number,
  { links, testimonials: quotes, ...values }: OutcomeChanges,
) {
  await db
    .update(outcomes)
    .set({ ...values, ...nextVersion(outcomes) })
    .where(eq(outcomes.id, id));
  if (links) await replaceLinks(db, id, links);
  if (quotes) await replaceTestimonials(db, id, quotes);
}

async function replaceLinks(db: DbOrTx, outcomeId: number, links: OutcomeLinks) {
  await db.delete(outcomeLinks).where(eq(outcomeLinks.outcomeId, outcomeId));
  const rows = [
    ...links.partnershipIds.map((partnershipId) => ({ outcomeId, partnershipId })),
    ...links.eventIds.map((eventId) => ({ outcomeId, eventId })),
    ...links.supportRequestIds.map((supportRequestId) => ({ outcomeId, supportRequestId })),
    ...links.organizationIds.map((organizationId) => ({ outcomeId, organizationId })),
  ];
  if (rows.length > 0) await db.insert(outcomeLinks).values(rows);
}

async function replaceTestimonials(db: DbOrTx, outcomeId: number, quotes: readonly TestimonialInsert[]) {
  await db.delete(testimonials).where(eq(testimonials.outcomeId, outcomeId));
  if (quotes.length > 0)
    await db.insert(testimonials).values(quotes.map((quote) => ({ outcomeId, ...quote })));
}
