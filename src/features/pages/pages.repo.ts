import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';

type Named = { id: number; name: string };

/** A text of a jsonb column of texts per language: the language's, else English, else any. */
export const localized = (column: SQL, lang: string) =>
  sql`coalesce(${column}->>${lang}, ${column}->>'en', (select value from jsonb_each_text(${column}) limit 1))`;

/** The names of the places, ties, events and networks an article links to, in the page's language where known. */
export async function findLinkNames(
  db: DbOrTx,
  links: { placeIds: number[]; partnershipIds: number[]; eventIds: number[]; networkIds: number[] },
  lang: string,
) {
  const of = (ids: number[], query: ReturnType<typeof sql>) =>
    ids.length === 0 ? Promise.resolve([] as Named[]) : queryRows<Named>(db, query);
  // One query at a time: `db` may be a transaction's single connection.
  const places = await of(
    links.placeIds,
    sql`select p.id, coalesce((select n.name from place_names n where n.place_id = p.id and n.lang = ${lang}
                                order by n.kind, n.id limit 1), p.name) as name
        from places p where p.id in (${idList(links.placeIds)}) order by p.id`,
  );
  const ties = await of(
    links.partnershipIds,
    sql`select t.id, string_agg(coalesce(pl.name, o.name), ' – ' order by pp.id) as name
        from partnerships t join partnership_parties pp on pp.partnership_id = t.id
        left join places pl on pl.id = pp.place_id left join organizations o on o.id = pp.organization_id
        where t.id in (${idList(links.partnershipIds)}) group by t.id order by t.id`,
  );
  const events = await of(
    links.eventIds,
    sql`select id, ${localized(sql`title`, lang)} as name from events where id in (${idList(links.eventIds)}) order by id`,
  );
  const networks = await of(
    links.networkIds,
    sql`select id, ${localized(sql`name`, lang)} as name from networks where id in (${idList(links.networkIds)})
        order by id`,
  );
  return { places, ties, events, networks };
}

/** The place's governments the public may read: the organisations that speak for it. */
export async function findPublicGovernments(db: DbOrTx, placeId: number) {
  return queryRows<Named & { website: string | null }>(
    db,
    sql`select id, name, website from organizations
        where place_id = ${placeId} and kind in ('city_government', 'regional_government')
          and deleted_at is null and merged_into_id is null and visibility = 'published'
        order by id`,
  );
}

/** The places of a country that have partners, most partners first. */
export async function findCountryPlaces(db: DbOrTx, country: string, limit: number) {
  return queryRows<Named & { partners: number }>(
    db,
    sql`select id, name, partner_count as partners from places
        where country = ${country} and partner_count > 0 and merged_into_id is null
        order by partner_count desc, name limit ${limit}`,
  );
}

export async function countCountryPlaces(db: DbOrTx, country: string) {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from places where country = ${country} and partner_count > 0
          and merged_into_id is null`,
  );
  return row?.count ?? 0;
}

/** The places with partners, for the sitemap: a page each. */
export async function findPlacesWithTies(db: DbOrTx) {
  return queryRows<{ id: number }>(
    db,
    sql`select id from places where partner_count > 0 and merged_into_id is null order by id`,
  );
}

/** The countries with places with partners. */
export async function findCountriesWithTies(db: DbOrTx) {
  const rows = await queryRows<{ country: string }>(
    db,
    sql`select distinct country from places where partner_count > 0 and merged_into_id is null order by country`,
  );
  return rows.map((row) => row.country);
}

/** Published live events, networks and organisations, for the sitemap. */
export async function findPublicRecordIds(db: DbOrTx) {
  const ids = async (query: SQL) => (await queryRows<{ id: number }>(db, query)).map((row) => row.id);
  const events = await ids(
    sql`select id from events where visibility = 'published' and deleted_at is null order by id`,
  );
  const networks = await ids(
    sql`select id from networks where visibility = 'published' and deleted_at is null order by id`,
  );
  const organizations = await ids(
    sql`select id from organizations where visibility = 'published' and deleted_at is null
          and merged_into_id is null order by id`,
  );
  return { events, networks, organizations };
}

/** A place as its page heads it: its name in the page's language (else its display name) and what JSON-LD says. */
export async function findPlaceHeader(db: DbOrTx, id: number, lang: string) {
  const [row] = await queryRows<{
    id: number;
    name: string;
    kind: string;
    country: string;
    lat: number | null;
    lng: number | null;
    population: number | null;
    wikidata: string | null;
  }>(
    db,
    sql`select p.id, coalesce((select n.name from place_names n where n.place_id = p.id and n.lang = ${lang}
                                order by n.kind, n.id limit 1), p.name) as name,
               p.kind, p.country, p.lat, p.lng, p.population, p.wikidata_qid as wikidata
        from places p where p.id = ${id} and p.merged_into_id is null`,
  );
  return row;
}
