import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import { governmentsOf } from '../organizations/governments.ts';

export interface GraphPlaceRow {
  id: number;
  name: string;
  country: string;
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
    lats: (number | null)[];
    lngs: (number | null)[];
  }>(
    db,
    sql`select array_agg(id order by id) as ids, array_agg(name order by id) as names,
          array_agg(country order by id) as countries, array_agg(lat order by id) as lats,
          array_agg(lng order by id) as lngs
        from places where partner_count > 0 and merged_into_id is null`,
  );
  if (!row?.ids) return [];
  return row.ids.map((id, index) => ({
    id,
    name: row.names[index]!,
    country: row.countries[index]!,
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
    sql`select p.id, p.name, p.country, p.lat, p.lng,
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
