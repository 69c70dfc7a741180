import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
import { findById, nextVersion } from '../../db/rows.ts';
import {
  eventHosts,
  events,
  networkCoordinators,
  networkMembers,
  networks,
  organizations,
  places,
} from '../../db/schema.ts';
import type { ReadScope } from '../auth/policy.ts';
import { GOVERNMENT_KINDS } from '../organizations/organizations.constants.ts';
import type { NetworkKind } from './networks.constants.ts';

export type NetworkRow = typeof networks.$inferSelect;
export type NetworkInsert = typeof networks.$inferInsert;
export type NetworkChanges = Partial<NetworkInsert>;
export type MemberRow = typeof networkMembers.$inferSelect;

export const findNetwork = (db: DbOrTx, id: number, lock = false) => findById(db, networks, id, lock);

export async function insertNetwork(db: DbOrTx, values: NetworkInsert): Promise<number> {
  const [row] = await db.insert(networks).values(values).returning({ id: networks.id });
  return row!.id;
}

export async function updateNetwork(db: DbOrTx, id: number, values: NetworkChanges): Promise<void> {
  await db
    .update(networks)
    .set({ ...values, ...nextVersion(networks) })
    .where(eq(networks.id, id));
}

const governmentKinds = sql.join(
  GOVERNMENT_KINDS.map((kind) => sql`${kind}`),
  sql`, `,
);

/** The places these organisations are live governments of, as a subquery. */
const placesGovernedBy = (organizationIds: readonly number[]): SQL =>
  sql`select g.place_id from organizations g where g.id in (${idList(organizationIds)})
      and g.kind in (${governmentKinds}) and g.place_id is not null
      and g.deleted_at is null and g.merged_into_id is null`;

/** A membership that holds today. */
const current = (alias: string): SQL =>
  sql.raw(`(${alias}.left_on is null or ${alias}.left_on >= current_date)`);

/**
 * Whether one of the organisations coordinates network `n` (whose parent is `p`): appointed to it, or the
 * secretariat of the network (for a working group, of its parent).
 */
const coordinatedBy = (organizationIds: readonly number[]): SQL =>
  sql`(coalesce(n.secretariat_id, p.secretariat_id) in (${idList(organizationIds)})
       or exists (select 1 from network_coordinators c where c.network_id = n.id
                  and c.organization_id in (${idList(organizationIds)})))`;

/** Whether one of the organisations is a current member of network `n`: itself, or as the government of a member place. */
const memberOf = (organizationIds: readonly number[]): SQL =>
  sql`exists (select 1 from network_members m where m.network_id = n.id and ${current('m')}
              and (m.organization_id in (${idList(organizationIds)})
                   or m.place_id in (${placesGovernedBy(organizationIds)})))`;

/**
 * Whether a place is a current member of network `n`: itself, or through one of its live governments that the
 * scope may read (an internal government's memberships must not show through its place).
 */
const placeMemberOf = (placeId: number, scope: ReadScope): SQL =>
  sql`exists (select 1 from network_members m where m.network_id = n.id and ${current('m')}
              and (m.place_id = ${placeId}
                   or m.organization_id in (select g.id from organizations g where g.place_id = ${placeId}
                                            and g.kind in (${governmentKinds})
                                            and g.deleted_at is null and g.merged_into_id is null
                                            and ${
                                              scope.all
                                                ? sql`true`
                                                : sql`(g.visibility = 'published' or g.id in (${idList(scope.organizationIds)}))`
                                            })))`;

/** Whether the scope may read network `n`: published, or internal to a group it is in, or everything. */
const readableBy = (scope: ReadScope): SQL =>
  scope.all
    ? sql`true`
    : sql`(n.visibility = 'published' or ${coordinatedBy(scope.organizationIds)} or ${memberOf(scope.organizationIds)})`;

/** Current members of network `n` whose place or organisation is not merged away. */
const memberCount = sql`(select count(*)::int from network_members m
  left join places pl on pl.id = m.place_id left join organizations o on o.id = m.organization_id
  where m.network_id = n.id and ${current('m')} and pl.merged_into_id is null and o.merged_into_id is null)`;

export interface NetworkListRow {
  id: number;
  kind: NetworkKind;
  parentId: number | null;
  name: Record<string, string>;
  shortName: string | null;
  theme: Record<string, string>;
  countryCode: string | null;
  visibility: 'published' | 'internal';
  memberCount: number;
  workingGroupCount: number;
  coordinates: boolean | null;
  member: boolean | null;
}

export interface NetworkListFilter {
  scope: ReadScope;
  kind?: NetworkKind;
  parentId?: number;
  organizationId?: number;
  placeId?: number;
  q?: string;
  limit: number;
}

/** Live networks and working groups the scope may read, filtered, networks before their groups, by name. */
export async function listNetworks(db: DbOrTx, filter: NetworkListFilter): Promise<NetworkListRow[]> {
  const conditions: SQL[] = [sql`n.deleted_at is null`, readableBy(filter.scope)];
  if (filter.kind) conditions.push(sql`n.kind = ${filter.kind}`);
  if (filter.parentId) conditions.push(sql`n.parent_id = ${filter.parentId}`);
  const organization = filter.organizationId ? [filter.organizationId] : undefined;
  if (organization) conditions.push(sql`(${coordinatedBy(organization)} or ${memberOf(organization)})`);
  if (filter.placeId) conditions.push(placeMemberOf(filter.placeId, filter.scope));
  if (filter.q) {
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    conditions.push(sql`(lower(coalesce(n.short_name, '')) like ${pattern}
      or exists (select 1 from jsonb_each_text(n.name) t where lower(t.value) like ${pattern}))`);
  }
  // A working group counts only where the reader may read it.
  const groups = sql`(select count(*)::int from networks w where w.parent_id = n.id and w.deleted_at is null
    ${filter.scope.all ? sql`` : sql`and w.id in (select n.id from networks n left join networks p on p.id = n.parent_id where ${readableBy(filter.scope)})`})`;
  return queryRows<NetworkListRow>(
    db,
    sql`select n.id, n.kind, n.parent_id as "parentId", n.name, n.short_name as "shortName", n.theme,
               n.country_code as "countryCode", n.visibility, ${memberCount} as "memberCount",
               ${groups} as "workingGroupCount",
               ${organization ? coordinatedBy(organization) : sql`null`} as coordinates,
               ${organization ? memberOf(organization) : sql`null`} as member
        from networks n left join networks p on p.id = n.parent_id
        where ${sql.join(conditions, sql` and `)}
        order by coalesce(n.parent_id, n.id), n.parent_id nulls first,
                 lower(coalesce(n.name->>'en', n.name->>'fi', n.short_name, '')), n.id
        limit ${filter.limit}`,
  );
}

/** The live working groups of a network the scope may read, with their current member counts. */
export async function findWorkingGroups(db: DbOrTx, parentId: number, scope: ReadScope) {
  return queryRows<{
    id: number;
    name: Record<string, string>;
    theme: Record<string, string>;
    countryCode: string | null;
    visibility: 'published' | 'internal';
    memberCount: number;
  }>(
    db,
    sql`select n.id, n.name, n.theme, n.country_code as "countryCode", n.visibility,
               ${memberCount} as "memberCount"
        from networks n left join networks p on p.id = n.parent_id
        where n.parent_id = ${parentId} and n.deleted_at is null and ${readableBy(scope)}
        order by lower(coalesce(n.name->>'en', n.name->>'fi', '')), n.id`,
  );
}

/** A member with what a page shows of it. */
export interface MemberDetailRow {
  id: number;
  placeId: number | null;
  organizationId: number | null;
  name: string;
  kind: string;
  country: string | null;
  lat: number | null;
  lng: number | null;
  joinedOn: string | null;
  leftOn: string | null;
  current: boolean;
}

/** A network's members, current and former, whose place or organisation is not merged away; by name. */
export async function findMembers(db: DbOrTx, networkId: number): Promise<MemberDetailRow[]> {
  return queryRows<MemberDetailRow>(
    db,
    sql`select m.id, m.place_id as "placeId", m.organization_id as "organizationId",
               coalesce(pl.name, o.name) as name, coalesce(pl.kind::text, o.kind::text) as kind,
               coalesce(pl.country, op.country) as country,
               coalesce(pl.lat, op.lat) as lat, coalesce(pl.lng, op.lng) as lng,
               m.joined_on::text as "joinedOn", m.left_on::text as "leftOn", ${current('m')} as current
        from network_members m
        left join places pl on pl.id = m.place_id
        left join organizations o on o.id = m.organization_id
        left join places op on op.id = o.place_id
        where m.network_id = ${networkId} and pl.merged_into_id is null and o.merged_into_id is null
        order by lower(coalesce(pl.name, o.name)), m.id`,
  );
}

export async function findMember(db: DbOrTx, networkId: number, memberId: number) {
  const [row] = await db
    .select()
    .from(networkMembers)
    .where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.id, memberId)));
  return row;
}

/** The membership of a place or an organisation in a network, whatever its dates. */
export async function findMembershipOf(
  db: DbOrTx,
  networkId: number,
  member: { placeId?: number; organizationId?: number },
) {
  const [row] = await db
    .select()
    .from(networkMembers)
    .where(
      and(
        eq(networkMembers.networkId, networkId),
        member.placeId
          ? eq(networkMembers.placeId, member.placeId)
          : eq(networkMembers.organizationId, member.organizationId!),
      ),
    );
  return row;
}

export async function insertMember(db: DbOrTx, values: typeof networkMembers.$inferInsert) {
  const [row] = await db.insert(networkMembers).values(values).returning();
  return row!;
}

export async function updateMember(
  db: DbOrTx,
  memberId: number,
  values: { joinedOn?: string | null; leftOn?: string | null },
) {
  await db.update(networkMembers).set(values).where(eq(networkMembers.id, memberId));
}

export async function deleteMember(db: DbOrTx, memberId: number) {
  await db.delete(networkMembers).where(eq(networkMembers.id, memberId));
}

/**
 * The live working groups of a network in which a place or an organisation is a current member: a member of the
 * network must stay one while it is in them.
 */
export async function findGroupsHolding(
  db: DbOrTx,
  parentId: number,
  member: { placeId: number | null; organizationId: number | null },
) {
  return queryRows<{ id: number; name: Record<string, string> }>(
    db,
    sql`select n.id, n.name from networks n join network_members m on m.network_id = n.id
        where n.parent_id = ${parentId} and n.deleted_at is null and ${current('m')}
          and ${member.placeId ? sql`m.place_id = ${member.placeId}` : sql`m.organization_id = ${member.organizationId}`}
        order by n.id`,
  );
}

/** The organisations appointed to coordinate a network, with their names. */
export async function findCoordinators(db: DbOrTx, networkId: number) {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(networkCoordinators)
    .innerJoin(organizations, eq(organizations.id, networkCoordinators.organizationId))
    .where(eq(networkCoordinators.networkId, networkId))
    .orderBy(asc(organizations.name), asc(organizations.id));
}

/** Replaces the organisations that coordinate a network. */
export async function replaceCoordinators(
  db: DbOrTx,
  networkId: number,
  organizationIds: readonly number[],
  addedBy: number,
) {
  await db
    .delete(networkCoordinators)
    .where(
      organizationIds.length > 0
        ? and(
            eq(networkCoordinators.networkId, networkId),
            sql`${networkCoordinators.organizationId} not in (${idList(organizationIds)})`,
          )
        : eq(networkCoordinators.networkId, networkId),
    );
  if (organizationIds.length > 0)
    await db
      .insert(networkCoordinators)
      .values(organizationIds.map((organizationId) => ({ networkId, organizationId, addedBy })))
      .onConflictDoNothing();
}

/**
 * The organisations among `ids` with their names and what deciding their readability takes; with `live`, only
 * those neither deleted nor merged away.
 */
export async function findOrganizationStakes(
  db: DbOrTx,
  ids: readonly number[],
  { live = false }: { live?: boolean } = {},
) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      visibility: organizations.visibility,
      keeperId: organizations.keeperId,
    })
    .from(organizations)
    .where(
      and(
        inArray(organizations.id, [...ids]),
        live ? and(isNull(organizations.deletedAt), isNull(organizations.mergedIntoId)) : undefined,
      ),
    );
}

/** The place with this id, if it exists and is not merged into another. */
/** Whether a network is the target of a campaign that is a draft or open (not deleted). */
export async function hasUnclosedCampaigns(db: DbOrTx, networkId: number): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(
    db,
    sql`select exists (select 1 from campaigns where network_id = ${networkId} and deleted_at is null
                       and status <> 'closed') as found`,
  );
  return row?.found ?? false;
}

export async function findLivePlace(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(and(eq(places.id, id), isNull(places.mergedIntoId)));
  return row;
}

/** One side of a tie in the ties of a network's members. */
interface TieSide {
  type: 'place' | 'organization';
  id: number;
  name: string;
  country: string | null;
}

export interface NetworkTieRow {
  id: number;
  kind: string;
  status: string;
  signedOn: string | null;
  startedOn: string | null;
  endedOn: string | null;
  visibility: 'published' | 'internal';
  member: TieSide;
  partner: TieSide;
}

/**
 * The live ties the scope may read between a current member of a network and a party in a country: for a place
 * member the ties the place is party to, for an organisation member those the organisation is party to; the
 * partner is a place in the country, or an organisation based there. A tie is readable when it is published, or
 * when one of the scope's organisations speaks for a party (the party itself, or a government of a party place).
 */
export async function findMemberTies(
  db: DbOrTx,
  networkId: number,
  country: string,
  scope: ReadScope,
): Promise<NetworkTieRow[]> {
  const readable = scope.all
    ? sql`true`
    : sql`(t.is_public or exists (select 1 from partnership_parties q where q.partnership_id = t.id
             and (q.organization_id in (${idList(scope.organizationIds)})
                  or q.place_id in (${placesGovernedBy(scope.organizationIds)}))))`;
  return queryRows<NetworkTieRow>(
    db,
    sql`with members as (
          select m.place_id, m.organization_id from network_members m
          left join places pl on pl.id = m.place_id left join organizations o on o.id = m.organization_id
          where m.network_id = ${networkId} and ${current('m')}
            and pl.merged_into_id is null and o.merged_into_id is null
        ),
        sides as (
          select own.id, own.partnership_id, own.place_id, own.organization_id from members
          join partnership_parties own on own.place_id = members.place_id
          union
          select own.id, own.partnership_id, own.place_id, own.organization_id from members
          join partnership_parties own on own.organization_id = members.organization_id
        )
        select t.id, t.kind, t.status, t.signed_on::text as "signedOn", t.started_on::text as "startedOn",
               t.ended_on::text as "endedOn", t.visibility,
               json_build_object(
                 'type', case when s.place_id is not null then 'place' else 'organization' end,
                 'id', coalesce(s.place_id, s.organization_id),
                 'name', coalesce(mp.name, mo.name),
                 'country', coalesce(mp.country, mop.country)) as member,
               json_build_object(
                 'type', case when other.place_id is not null then 'place' else 'organization' end,
                 'id', coalesce(other.place_id, other.organization_id),
                 'name', coalesce(pp.name, po.name),
                 'country', coalesce(pp.country, pop.country)) as partner
        from sides s
        join partnerships t on t.id = s.partnership_id and t.deleted_at is null
        join partnership_parties other on other.partnership_id = t.id and other.id <> s.id
        left join places pp on pp.id = other.place_id
        left join organizations po on po.id = other.organization_id
        left join places pop on pop.id = po.place_id
        left join places mp on mp.id = s.place_id
        left join organizations mo on mo.id = s.organization_id
        left join places mop on mop.id = mo.place_id
        where coalesce(pp.country, pop.country) = ${country} and ${readable}
        order by lower(coalesce(mp.name, mo.name)), lower(coalesce(pp.name, po.name)), t.id
        limit 2000`,
  );
}

/** The most events a network's page lists. */
export const EVENTS_LIMIT = 200;

/** Live events hosted by one of these organisations that the scope may read, latest first. */
export async function findHostedEvents(db: DbOrTx, hostIds: readonly number[], scope: ReadScope) {
  if (hostIds.length === 0) return [];
  const hostedBy = (ids: readonly number[]) =>
    sql`exists (select 1 from event_hosts h where h.event_id = ${events.id} and h.organization_id in (${idList(ids)}))`;
  return db
    .select({
      id: events.id,
      kind: events.kind,
      status: events.status,
      title: events.title,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      timeZone: events.timeZone,
      venuePlaceId: events.venuePlaceId,
    })
    .from(events)
    .where(
      and(
        isNull(events.deletedAt),
        hostedBy(hostIds),
        scope.all
          ? undefined
          : sql`(${events.visibility} = 'published' or ${hostedBy(scope.organizationIds)})`,
      ),
    )
    .orderBy(desc(events.startsAt), desc(events.id))
    .limit(EVENTS_LIMIT);
}

/** The hosts of the given events, by name. */
export async function findEventHosts(db: DbOrTx, eventIds: readonly number[]) {
  if (eventIds.length === 0) return [];
  return db
    .select({ eventId: eventHosts.eventId, id: organizations.id, name: organizations.name })
    .from(eventHosts)
    .innerJoin(organizations, eq(organizations.id, eventHosts.organizationId))
    .where(inArray(eventHosts.eventId, [...eventIds]))
    .orderBy(asc(organizations.name), asc(organizations.id));
}

export async function findPlacesById(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: places.id, name: places.name, country: places.country })
    .from(places)
    .where(inArray(places.id, [...new Set(ids)]));
}
