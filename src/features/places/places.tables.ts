import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { identityId, ownerRef, versionedColumns } from '../../db/columns.ts';
import { provenanceColumns, sources } from '../sources/sources.tables.ts';

export const PLACE_KINDS = ['municipality', 'district', 'region', 'country_level'] as const;
export const placeKind = pgEnum('place_kind', PLACE_KINDS);

export const NAME_KINDS = ['official', 'alias'] as const;
export const nameKind = pgEnum('name_kind', NAME_KINDS);

/** A municipality, district, region or country-level body that can be party to a tie. */
export const places = pgTable(
  'places',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    kind: placeKind('kind').notNull().default('municipality'),
    /** The display name in English (or the native name when no English one is known). */
    name: text('name').notNull(),
    wikidataQid: text('wikidata_qid').unique(),
    geonamesId: integer('geonames_id').unique(),
    /** ISO 3166-1 alpha-2, or a user-assigned code such as XK (Kosovo). */
    country: text('country').notNull(),
    /** The city a district belongs to. */
    parentId: integer('parent_id').references((): AnyPgColumn => places.id, { onDelete: 'set null' }),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    population: integer('population'),
    /**
     * The first-level region (province, state) the place lies in, as GeoNames codes it: the country and the
     * region's admin1 code ("CN.23", Shanghai). From the GeoNames place matched in the import; null when unmatched.
     */
    admin1: text('admin1'),
    /** Number of ties this place is party to; kept by the partnership writers, used for ranking. */
    partnerCount: integer('partner_count').notNull().default(0),
    /** Set when this place was merged into another as a duplicate; undoing the merge clears it. */
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => places.id),
    ...versionedColumns(),
  },
  (t) => [
    check('places_name_present', sql`length(btrim(${t.name})) between 1 and 200`),
    check('places_qid_format', sql`${t.wikidataQid} ~ '^Q[1-9][0-9]*$'`),
    check('places_geonames_positive', sql`${t.geonamesId} > 0`),
    check('places_country_format', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('places_lat_range', sql`${t.lat} between -90 and 90`),
    check('places_lng_range', sql`${t.lng} between -180 and 180`),
    check('places_coordinates_pair', sql`(${t.lat} is null) = (${t.lng} is null)`),
    check('places_admin1_format', sql`${t.admin1} ~ '^[A-Z]{2}[.][A-Za-z0-9]{1,20}$'`),
    check('places_population_positive', sql`${t.population} >= 0`),
    check('places_partner_count_positive', sql`${t.partnerCount} >= 0`),
    check('places_not_own_parent', sql`${t.parentId} <> ${t.id}`),
    index('places_country_idx').on(t.country),
    index('places_admin1_idx').on(t.admin1),
    index('places_importance_idx').on(t.partnerCount.desc(), t.population.desc()),
  ],
);

/** Every name a place is known by: official names per language and aliases (Esbo, Helsingfors). */
export const placeNames = pgTable(
  'place_names',
  {
    id: identityId(),
    placeId: ownerRef('place_id', () => places.id),
    name: text('name').notNull(),
    /** BCP 47 language code (fi, sv, en, zh …) or `und` when the language is unknown. */
    lang: text('lang').notNull(),
    kind: nameKind('kind').notNull().default('official'),
    sourceId: integer('source_id').references(() => sources.id),
    /** Lower-case, accent- and punctuation-free form used by search; computed by the database. */
    searchKey: text('search_key').notNull().generatedAlwaysAs(sql`cb_search_key(name)`),
  },
  (t) => [
    unique('place_names_unique').on(t.placeId, t.lang, t.name),
    check('place_names_name_present', sql`length(btrim(${t.name})) between 1 and 200`),
    check('place_names_lang_format', sql`${t.lang} ~ '^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*|und)$'`),
    index('place_names_place_idx').on(t.placeId),
    index('place_names_key_prefix_idx').on(t.searchKey.op('text_pattern_ops')),
    // fastupdate off: a pending list of bulk-inserted names makes every fuzzy search scan it linearly.
    // Aliases of unknown language (GeoNames' hundreds of thousands of spellings) are matched exactly or by prefix
    // only: left out here, they cost fuzzy searches and imports nothing. searchPlaces repeats the condition.
    index('place_names_key_trgm_idx')
      .using('gin', t.searchKey.op('gin_trgm_ops'))
      .with({ fastupdate: false })
      .where(sql`${t.lang} <> 'und' or ${t.kind} <> 'alias'`),
  ],
);

/** Which source reported a place, under which key, and the source's own record. */
export const placeOrigins = pgTable(
  'place_origins',
  {
    id: identityId(),
    placeId: ownerRef('place_id', () => places.id),
    /** The source's key for the place: a QID, a GeoNames id, a municipality code or a `name|country` label. */
    externalKey: text('external_key').notNull(),
    ...provenanceColumns(),
  },
  (t) => [
    unique('place_origins_source_key').on(t.sourceId, t.externalKey),
    index('place_origins_place_idx').on(t.placeId),
  ],
);

/** Columns every place summary needs. */
export const placeSummaryColumns = {
  id: places.id,
  name: places.name,
  kind: places.kind,
  country: places.country,
  lat: places.lat,
  lng: places.lng,
  population: places.population,
  partnerCount: places.partnerCount,
};
