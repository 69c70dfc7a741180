import { and, asc, count, countDistinct, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import {
  partnershipParties,
  partnershipSources,
  partnerships,
  placeNames,
  placeOrigins,
  places,
  sources,
} from '../../db/schema.ts';
import { placeSummaryColumns } from './places.tables.ts';

export type PlaceRow = typeof places.$inferSelect;

export type PlaceSummaryRow = {
  id: number;
  name: string;
  kind: PlaceRow['kind'];
  country: string;
  lat: number | null;
  lng: number | null;
  population: number | null;
  partnerCount: number;
};

export interface PlaceSearchRow extends PlaceSummaryRow {
  matchedName: string;
  matchedLang: string;
  score: number;
}

/** The database's own normalisation of a search text (see `cb_search_key`). */
export async function searchKeyOf(db: DbOrTx, text: string): Promise<string> {
  const [row] = await queryRows<{ key: string | null }>(db, sql`select cb_search_key(${text}) as key`);
  return row?.key ?? '';
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Finds places whose names match a normalised key: exactly (score 100), by prefix (70), or by trigram similarity
 * (typos, words inside longer names; up to 60). Each place appears once, with its best-matching name; within a
 * score the most important come first (ties, then population), so "shang" offers Shanghai before Shangla.
 *
 * Aliases of unknown language (the many spellings GeoNames lists: Moskau, Pechino, Москва) score as prefixes, even
 * when whole, and match by prefix only: the trigram index leaves them out (`place_names_key_trgm_idx`, whose condition the fuzzy arm repeats
 * word for word so that the planner uses it), which keeps fuzzy matching as fast and as telling as before them.
 */
export async function searchPlaces(
  db: DbOrTx,
  options: { key: string; country?: string; limit: number },
): Promise<PlaceSearchRow[]> {
  const { key, country, limit } = options;
  const prefix = `${escapeLike(key)}%`;
  const fuzzy = key.length >= 3;
  const matches = fuzzy
    ? sql`(n.search_key like ${prefix} or ((n.search_key % ${key} or ${key} <% n.search_key)
        and (n.lang <> 'und' or n.kind <> 'alias')))`
    : sql`n.search_key like ${prefix}`;
  // An alias of unknown language counts as a prefix even when it is the whole name: GeoNames has "Shang" for Shangluo,
  // which must not put it before Shanghai when someone types "shang".
  const exact = sql`n.search_key = ${key} and (n.lang <> 'und' or n.kind <> 'alias')`;
  const score = fuzzy
    ? sql`case
        when ${exact} then 100
        when n.search_key like ${prefix} then 70
        else 60 * greatest(similarity(n.search_key, ${key}), word_similarity(${key}, n.search_key))
      end`
    : sql`case
        when ${exact} then 100
        else 70
      end`;
  const countryFilter = country ? sql`and p.country = ${country}` : sql``;
  return queryRows<PlaceSearchRow>(
    db,
    sql`
    with matched as (
      select distinct on (n.place_id) n.place_id, n.name, n.lang, ${score} as score
      from place_names n
      where ${matches}
      order by n.place_id, score desc, n.lang = 'en' desc, n.name
    )
    select p.id, p.name, p.kind, p.country, p.lat, p.lng, p.population, p.partner_count as "partnerCount",
           m.name as "matchedName", m.lang as "matchedLang", round(m.score::numeric, 3)::float as score
    from matched m join places p on p.id = m.place_id
    where p.merged_into_id is null ${countryFilter}
    order by m.score desc, p.partner_count desc, p.population desc nulls last, p.id
    limit ${limit}`,
  );
}

export async function findPlace(db: DbOrTx, id: number): Promise<PlaceRow | undefined> {
  const [row] = await db.select().from(places).where(eq(places.id, id));
  return row;
}

export async function findPlaceSummary(db: DbOrTx, id: number): Promise<PlaceSummaryRow | undefined> {
  const [row] = await db.select(placeSummaryColumns).from(places).where(eq(places.id, id));
  return row;
}

export async function findPlaceNames(db: DbOrTx, placeId: number) {
  return db
    .select({
      id: placeNames.id,
      name: placeNames.name,
      lang: placeNames.lang,
      kind: placeNames.kind,
      sourceKey: sources.key,
      sourceName: sources.name,
    })
    .from(placeNames)
    .leftJoin(sources, eq(sources.id, placeNames.sourceId))
    .where(eq(placeNames.placeId, placeId))
    .orderBy(asc(placeNames.kind), asc(placeNames.lang), asc(placeNames.name));
}

/** One name of a place, with the source that gave it (null when added in the workspace). */
export async function findPlaceName(db: DbOrTx, placeId: number, nameId: number) {
  const [row] = await db
    .select({
      id: placeNames.id,
      name: placeNames.name,
      lang: placeNames.lang,
      kind: placeNames.kind,
      sourceId: placeNames.sourceId,
    })
    .from(placeNames)
    .where(and(eq(placeNames.placeId, placeId), eq(placeNames.id, nameId)));
  return row;
}

/** The place, locked for the rest of the transaction: names change one writer at a time. */
export async function lockPlace(db: DbOrTx, id: number): Promise<PlaceRow | undefined> {
  const [row] = await db.select().from(places).where(eq(places.id, id)).for('update');
  return row;
}

/** Adds a name; answers nothing when the place has it in that language already. */
export async function insertPlaceName(
  db: DbOrTx,
  row: { placeId: number; name: string; lang: string; kind: 'official' | 'alias' },
) {
  const [inserted] = await db
    .insert(placeNames)
    .values({ ...row, sourceId: null })
    .onConflictDoNothing()
    .returning({ id: placeNames.id, name: placeNames.name, lang: placeNames.lang, kind: placeNames.kind });
  return inserted;
}

export async function deletePlaceName(db: DbOrTx, nameId: number): Promise<void> {
  await db.delete(placeNames).where(eq(placeNames.id, nameId));
}

export async function findPlaceSources(db: DbOrTx, placeId: number) {
  return db
    .selectDistinct({ key: sources.key, name: sources.name })
    .from(placeOrigins)
    .innerJoin(sources, eq(sources.id, placeOrigins.sourceId))
    .where(eq(placeOrigins.placeId, placeId))
    .orderBy(asc(sources.key));
}

/** Partner countries and source records behind a place's published ties. */
export async function countPlaceTies(db: DbOrTx, placeId: number) {
  const mine = alias(partnershipParties, 'mine');
  const other = alias(partnershipParties, 'other');
  const otherPlace = alias(places, 'other_place');
  const [countries] = await db
    .select({ partnerCountries: countDistinct(otherPlace.country) })
    .from(mine)
    .innerJoin(partnerships, eq(partnerships.id, mine.partnershipId))
    .innerJoin(other, and(eq(other.partnershipId, mine.partnershipId), ne(other.placeId, mine.placeId)))
    .innerJoin(otherPlace, eq(otherPlace.id, other.placeId))
    .where(and(eq(mine.placeId, placeId), eq(partnerships.isPublic, true)));
  const [records] = await db
    .select({ sources: count() })
    .from(partnershipSources)
    .innerJoin(mine, eq(mine.partnershipId, partnershipSources.partnershipId))
    .innerJoin(partnerships, eq(partnerships.id, mine.partnershipId))
    .where(and(eq(mine.placeId, placeId), eq(partnerships.isPublic, true)));
  return { partnerCountries: countries?.partnerCountries ?? 0, sources: records?.sources ?? 0 };
}

export interface PartnerRow extends PlaceSummaryRow {
  partnershipId: number;
  tieKind: (typeof partnerships.$inferSelect)['kind'];
  status: (typeof partnerships.$inferSelect)['status'];
  startedOn: string | null;
}

/** Every published tie of a place with the place at its other end (one row per other party). */
export async function findPartners(db: DbOrTx, placeId: number): Promise<PartnerRow[]> {
  const mine = alias(partnershipParties, 'mine');
  const other = alias(partnershipParties, 'other');
  return db
    .select({
      ...placeSummaryColumns,
      partnershipId: partnerships.id,
      tieKind: partnerships.kind,
      status: partnerships.status,
      startedOn: partnerships.startedOn,
    })
    .from(mine)
    .innerJoin(partnerships, eq(partnerships.id, mine.partnershipId))
    .innerJoin(other, and(eq(other.partnershipId, mine.partnershipId), ne(other.placeId, mine.placeId)))
    .innerJoin(places, eq(places.id, other.placeId))
    .where(and(eq(mine.placeId, placeId), eq(partnerships.isPublic, true)))
    .orderBy(asc(places.name), asc(places.id));
}

/** The sources reporting each of the given ties, with how many rows of each. */
export async function findTieSources(db: DbOrTx, partnershipIds: number[]) {
  if (partnershipIds.length === 0) return [];
  return db
    .select({
      partnershipId: partnershipSources.partnershipId,
      key: sources.key,
      name: sources.name,
      records: count(),
    })
    .from(partnershipSources)
    .innerJoin(sources, eq(sources.id, partnershipSources.sourceId))
    .where(inArray(partnershipSources.partnershipId, partnershipIds))
    .groupBy(partnershipSources.partnershipId, sources.key, sources.name)
    .orderBy(asc(sources.key));
}

export async function countPlaces(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(places);
  return row?.n ?? 0;
}

/** Official names in a language that differ from the places' display names (Esbo for Espoo in Swedish). */
export async function findNamesInLanguage(db: DbOrTx, lang: string) {
  return db
    .selectDistinctOn([placeNames.placeId], { placeId: placeNames.placeId, name: placeNames.name })
    .from(placeNames)
    .innerJoin(places, eq(places.id, placeNames.placeId))
    .where(and(eq(placeNames.lang, lang), eq(placeNames.kind, 'official'), ne(placeNames.name, places.name)))
    .orderBy(asc(placeNames.placeId), asc(placeNames.name));
}

export interface RegionRow {
  code: string;
  country: string;
  placeId: number;
  name: string;
}

/**
 * First-level regions (GeoNames admin1 codes such as "CN.32") by code: each with its country and its most populous
 * live place, to name it by. A code no live place lies in is left out.
 */
export async function findRegions(db: DbOrTx, codes: readonly string[]): Promise<Map<string, RegionRow>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await queryRows<RegionRow>(
    db,
    sql`select distinct on (admin1) admin1 as code, country, id as "placeId", name from places
        where admin1 in (${sql.join(
          unique.map((code) => sql`${code}`),
          sql`, `,
        )}) and merged_into_id is null
        order by admin1, population desc nulls last, partner_count desc, id`,
  );
  return new Map(rows.map((row) => [row.code, row]));
}
