import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import { governmentsOf } from '../organizations/governments.ts';

export interface GraphPlaceRow {
  id: number;
  name: string;
  country: string;
  admin1: string | null;
  lat: number | null;
  lng: number | null;
}

/**
 * Every live place that is party to a published tie: the graph's nodes, as parallel arrays in one row (tens of
 * thousands of rows cost far more to read one by one).
 */
export async function findTiedPlaces(db: DbOrTx): Promise<GraphPlaceRow[]> {
  const [row] = await queryRows<{
    ids: number[] | null;
    names: string[];
    countries: string[];
    regions: (string | null)[];
    lats: (number | null)[];
    lngs: (number | null)[];
  }>(
    db,
    sql`select array_agg(id order by id) as ids, array_agg(name order by id) as names,
          array_agg(country order by id) as countries, array_agg(admin1 order by id) as regions,
          array_agg(lat order by id) as lats,
          array_agg(lng order by id) as lngs
        from places where partner_count > 0 and merged_into_id is null`,
  );
  if (!row?.ids) return [];
  return row.ids.map((id, index) => ({
    id,
    name: row.names[index]!,
    country: row.countries[index]!,
    admin1: row.regions[index] ?? null,
    lat: row.lats[index] ?? null,
    lng: row.lngs[index] ?? null,
  }));
}

/** The official Finnish and Swedish names of places that have ties, one per place and language. */
export function findLocalNames(db: DbOrTx) {
  return queryRows<{ placeId: number; lang: 'fi' | 'sv'; name: string }>(
    db,
    sql`select distinct on (n.place_id, n.lang) n.place_id as "placeId", n.lang, n.name
        from place_names n join places p on p.id = n.place_id
        where p.partner_count > 0 and n.lang in ('fi', 'sv') and n.kind = 'official'
        order by n.place_id, n.lang, n.id`,
  );
}

export interface GraphTieRow {
  id: number;
  a: number;
  b: number;
  kind: string;
  status: string;
  startYear: number | null;
}

/** Every pair of place parties of every published, live tie: the graph's edges, read as parallel arrays. */
export async function findPublishedTiePairs(db: DbOrTx): Promise<GraphTieRow[]> {
  const order = sql.raw('order by p.id, a.place_id, b.place_id');
  const [row] = await queryRows<{
    ids: number[] | null;
    as: number[];
    bs: number[];
    kinds: string[];
    statuses: string[];
    years: number[];
  }>(
    db,
    sql`select array_agg(p.id ${order}) as ids, array_agg(a.place_id ${order}) as "as",
          array_agg(b.place_id ${order}) as bs, array_agg(p.kind::text ${order}) as kinds,
          array_agg(p.status::text ${order}) as statuses,
          array_agg(coalesce(extract(year from p.started_on)::int, 0) ${order}) as years
        from partnerships p
        join partnership_parties a on a.partnership_id = p.id
        join partnership_parties b on b.partnership_id = p.id and a.place_id < b.place_id
        where p.is_public`,
  );
  if (!row?.ids) return [];
  return row.ids.map((id, index) => ({
    id,
    a: row.as[index]!,
    b: row.bs[index]!,
    kind: row.kinds[index]!,
    status: row.statuses[index]!,
    startYear: row.years[index] || null,
  }));
}

/** A place that was not merged into another, with its official Finnish and Swedish names. */
export async function findLivePlace(db: DbOrTx, id: number) {
  const [row] = await queryRows<GraphPlaceRow & { fi: string | null; sv: string | null }>(
    db,
    sql`select p.id, p.name, p.country, p.admin1, p.lat, p.lng,
          (select n.name from place_names n where n.place_id = p.id and n.lang = 'fi' and n.kind = 'official'
            order by n.id limit 1) as fi,
          (select n.name from place_names n where n.place_id = p.id and n.lang = 'sv' and n.kind = 'official'
            order by n.id limit 1) as sv
        from places p where p.id = ${id} and p.merged_into_id is null`,
  );
  return row;
}

/** A live network or working group: its names and who may see it. */
export async function findLiveNetwork(db: DbOrTx, id: number) {
  const [row] = await queryRows<{
    id: number;
    shortName: string | null;
    name: Partial<Record<string, string>>;
    visibility: 'published' | 'internal';
  }>(
    db,
    sql`select id, short_name as "shortName", name, visibility from networks
        where id = ${id} and deleted_at is null`,
  );
  return row;
}

/**
 * The places a network's current members stand for: member places, and the places of member organisations; a place
 * merged into another is left out (its memberships moved with the merge).
 */
export function findNetworkMemberPlaces(db: DbOrTx, networkId: number) {
  return queryRows<{ placeId: number }>(
    db,
    sql`select distinct p.id as "placeId"
        from network_members m
        left join organizations o on o.id = m.organization_id and o.deleted_at is null
        join places p on p.id = coalesce(m.place_id, o.place_id) and p.merged_into_id is null
        where m.network_id = ${networkId} and (m.left_on is null or m.left_on >= current_date)
        order by 1`,
  );
}

export interface MembershipRow {
  networkId: number;
  shortName: string | null;
  name: Partial<Record<string, string>>;
  placeId: number;
}

/**
 * The published, live networks (not working groups) that a place, or an organisation, is a current member of (a
 * place also through its governments), with the places of all their current members.
 */
export function findNetworksWithMembers(db: DbOrTx, placeId: number, organizationId: number | null) {
  const current = sql.raw('(m.left_on is null or m.left_on >= current_date)');
  return queryRows<MembershipRow>(
    db,
    sql`with ours as (
          select m.network_id from network_members m where m.place_id = ${placeId} and ${current}
          union
          select m.network_id from network_members m
          where m.organization_id in (${governmentsOf(sql`${placeId}`)}${
            organizationId === null ? sql`` : sql` union select ${organizationId}::int`
          }) and ${current}
        )
        select distinct n.id as "networkId", n.short_name as "shortName", n.name,
          coalesce(m.place_id, o.place_id) as "placeId"
        from ours
        join networks n on n.id = ours.network_id
        join network_members m on m.network_id = n.id and ${current}
        left join organizations o on o.id = m.organization_id and o.deleted_at is null
        where n.kind = 'network' and n.visibility = 'published' and n.deleted_at is null
          and coalesce(m.place_id, o.place_id) is not null
        order by 1, 4`,
  );
}

export interface SharedEventRow {
  eventId: number;
  title: Record<string, string>;
  startsAt: string;
  ourPlaceId: number;
  placeId: number;
  name: string;
  country: string;
  admin1: string | null;
  lat: number | null;
  lng: number | null;
  fi: string | null;
  sv: string | null;
}

/**
 * Published events (not cancelled) that one of our places and a target place were both at: as the place itself or a
 * published organisation standing for it, recorded by the hosts as having attended, or hosting. A place target is
 * the place; a country or region target any place in it. The latest events first, at most `limit` pairs.
 */
export function findSharedEvents(
  db: DbOrTx,
  ourPlaceIds: readonly number[],
  target: { placeId: number } | { country: string } | { region: string },
  limit: number,
) {
  if (ourPlaceIds.length === 0) return Promise.resolve([]);
  const targetWhere =
    'placeId' in target
      ? sql`them.place_id = ${target.placeId}`
      : 'country' in target
        ? sql`tp.country = ${target.country}`
        : sql`tp.admin1 = ${target.region}`;
  const ours = sql.join(
    ourPlaceIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return queryRows<SharedEventRow>(
    db,
    sql`with presence as (
          select i.event_id, coalesce(i.place_id, o.place_id) as place_id
          from event_invitations i
          left join organizations o on o.id = i.organization_id and o.deleted_at is null and o.visibility = 'published'
          where i.status = 'attended'
          union
          select h.event_id, o.place_id
          from event_hosts h join organizations o on o.id = h.organization_id
          where o.deleted_at is null and o.visibility = 'published'
        )
        select e.id as "eventId", e.title, to_char(e.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startsAt",
          us.place_id as "ourPlaceId", tp.id as "placeId", tp.name, tp.country, tp.admin1, tp.lat, tp.lng,
          (select n.name from place_names n where n.place_id = tp.id and n.lang = 'fi' and n.kind = 'official'
            order by n.id limit 1) as fi,
          (select n.name from place_names n where n.place_id = tp.id and n.lang = 'sv' and n.kind = 'official'
            order by n.id limit 1) as sv
        from presence us
        join presence them on them.event_id = us.event_id and them.place_id <> us.place_id
        join events e on e.id = us.event_id
        join places tp on tp.id = them.place_id and tp.merged_into_id is null
        where us.place_id in (${ours}) and ${targetWhere}
          and e.deleted_at is null and e.visibility = 'published' and e.status <> 'cancelled'
        order by e.starts_at desc, e.id, us.place_id, them.place_id
        limit ${limit}`,
  );
}

export interface ContactRow {
  placeId: number;
  personId: number;
  name: string;
  title: string | null;
  role: string;
  organizationId: number;
  organizationName: string;
}

/**
 * The people holding a current post in a government of the places (the organisations that speak for them), live and
 * not erased, at most `perPlace` a place: who to ask there. Whether the reader may see each is decided by the caller.
 */
export function findContactsAt(db: DbOrTx, placeIds: readonly number[], perPlace: number) {
  if (placeIds.length === 0) return Promise.resolve([]);
  return queryRows<ContactRow>(
    db,
    sql`select "placeId", "personId", name, title, role, "organizationId", "organizationName" from (
          select p.id as "placeId", pe.id as "personId", pe.name, po.title, po.role::text as role,
            g.id as "organizationId", g.name as "organizationName",
            row_number() over (partition by p.id order by pe.id, po.id) as rank
          from places p
          join organizations g on g.id in (${governmentsOf(sql`p.id`)})
          join posts po on po.organization_id = g.id and (po.ended_on is null or po.ended_on >= current_date)
          join people pe on pe.id = po.person_id and pe.deleted_at is null and pe.erased_at is null
          where p.id in (${sql.join(
            placeIds.map((id) => sql`${id}`),
            sql`, `,
          )})
        ) found where rank <= ${perPlace}
        order by "placeId", "personId"`,
  );
}
