import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
import { governmentsOf } from '../organizations/governments.ts';

export interface GraphPlaceRow {
  id: number;
  name: string;
  country: string;
  lat: number | null;
  lng: number | null;
}

/** Every live place that is party to a published tie: the graph's nodes. */
export function findTiedPlaces(db: DbOrTx) {
  return queryRows<GraphPlaceRow>(
    db,
    sql`select id, name, country, lat, lng from places
        where partner_count > 0 and merged_into_id is null
        order by id`,
  );
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

/** Every pair of place parties of every published, live tie: the graph's edges. */
export function findPublishedTiePairs(db: DbOrTx) {
  return queryRows<GraphTieRow>(
    db,
    sql`select p.id, a.place_id as a, b.place_id as b, p.kind, p.status,
          extract(year from p.started_on)::int as "startYear"
        from partnerships p
        join partnership_parties a on a.partnership_id = p.id
        join partnership_parties b on b.partnership_id = p.id and a.place_id < b.place_id
        where p.is_public
        order by p.id, a.place_id, b.place_id`,
  );
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

/** The places a network's current members stand for: member places, and the places of member organisations. */
export function findNetworkMemberPlaces(db: DbOrTx, networkId: number) {
  return queryRows<{ placeId: number }>(
    db,
    sql`select distinct coalesce(m.place_id, o.place_id) as "placeId"
        from network_members m
        left join organizations o on o.id = m.organization_id and o.deleted_at is null
        where m.network_id = ${networkId} and (m.left_on is null or m.left_on >= current_date)
          and coalesce(m.place_id, o.place_id) is not null
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
 * The published, live networks (not working groups) that any of these places or organisations is a current member
 * of (a place also through its governments), with the places of all their current members.
 */
export function findNetworksWithMembers(
  db: DbOrTx,
  placeIds: readonly number[],
  organizationIds: readonly number[],
) {
  return queryRows<MembershipRow>(
    db,
    sql`with ours as (
          select m.network_id from network_members m
          where (m.left_on is null or m.left_on >= current_date)
            and (m.place_id in (${idList(placeIds)}) or m.organization_id in (${idList(organizationIds)})
              or m.organization_id in (select g.id from places pl
                cross join lateral (${governmentsOf(sql`pl.id`)}) g where pl.id in (${idList(placeIds)})))
        )
        select distinct n.id as "networkId", n.short_name as "shortName", n.name,
          coalesce(m.place_id, o.place_id) as "placeId"
        from networks n
        join network_members m on m.network_id = n.id and (m.left_on is null or m.left_on >= current_date)
        left join organizations o on o.id = m.organization_id and o.deleted_at is null
        where n.id in (select network_id from ours) and n.kind = 'network' and n.visibility = 'published'
          and n.deleted_at is null and coalesce(m.place_id, o.place_id) is not null
        order by 1, 4`,
  );
}
