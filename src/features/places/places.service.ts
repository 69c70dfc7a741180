import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { groupBy } from '../../lib/collections.ts';
import type { Actor } from '../auth/actor.ts';
import { mayEditPlaceNames } from './place-names.service.ts';
import { pickNativeName } from './places.native.ts';
import {
  countPlaceTies,
  findNamesInLanguage,
  findPartners,
  findPlace,
  findPlaceNames,
  findPlaceSources,
  findPlaceSummary,
  findTieSources,
  type PlaceSummaryRow,
  searchKeyOf,
  searchPlaces as searchPlacesRepo,
} from './places.repo.ts';
import type {
  PlaceDetail,
  PlaceName,
  PlacePartnersResponse,
  PlaceSearchQuery,
  PlaceSummary,
} from './places.schema.ts';

/** Presents a place row as the API's place summary. */
export function presentPlaceSummary(row: PlaceSummaryRow): PlaceSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    country: row.country,
    coordinates: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    population: row.population,
    partnerCount: row.partnerCount,
  };
}

/** Whole years from a start date (YYYY-MM-DD) to `today`, or null when the start is unknown. */
export function ageInYears(startedOn: string | null, today: Date): number | null {
  if (!startedOn) return null;
  const [year, month, day] = startedOn.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  if (today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day))
    age -= 1;
  return Math.max(0, age);
}

/** Typeahead search over every name and alias of every place. */
export async function searchPlaces(db: DbOrTx, query: PlaceSearchQuery) {
  const key = await searchKeyOf(db, query.q);
  if (!key) return { query: query.q, results: [] };
  const rows = await searchPlacesRepo(db, { key, country: query.country, limit: query.limit });
  return {
    query: query.q,
    results: rows.map((row) => ({
      ...presentPlaceSummary(row),
      matchedName: row.matchedName,
      matchedLang: row.matchedLang,
      score: row.score,
    })),
  };
}

/** A place with every name, its native name, identifiers, counts and sources; `canEditNames` for the reader. */
export async function getPlace(db: DbOrTx, id: number, actor: Actor | null = null): Promise<PlaceDetail> {
  const place = await findPlace(db, id);
  if (!place)
    throw new AppError('PLACE_NOT_FOUND', `No place with id ${id}`, [
      { field: 'params.id', message: 'not found' },
    ]);
  const names = (await findPlaceNames(db, id)).map(presentPlaceName);
  const canEditNames = await mayEditPlaceNames(db, actor, id);
  const placeSources = await findPlaceSources(db, id);
  const ties = await countPlaceTies(db, id);
  const parent = place.parentId ? await findPlaceSummary(db, place.parentId) : undefined;
  return {
    ...presentPlaceSummary(place),
    names,
    nativeName: pickNativeName(place.country, names),
    canEditNames,
    identifiers: { wikidata: place.wikidataQid, geonames: place.geonamesId },
    region: place.admin1,
    parent: parent ? { id: parent.id, name: parent.name } : null,
    counts: { partners: place.partnerCount, partnerCountries: ties.partnerCountries, sources: ties.sources },
    sources: placeSources,
  };
}

/** A place's partners, each with the tie's kind, status, start, age and sources (none when not asked for). */
export async function getPlacePartners(
  db: DbOrTx,
  id: number,
  today = new Date(),
  { sources = true }: { sources?: boolean } = {},
): Promise<PlacePartnersResponse> {
  const place = await findPlaceSummary(db, id);
  if (!place)
    throw new AppError('PLACE_NOT_FOUND', `No place with id ${id}`, [
      { field: 'params.id', message: 'not found' },
    ]);
  const rows = await findPartners(db, id);
  // A page that does not show the sources need not read them.
  const tieSources = sources
    ? await findTieSources(
        db,
        rows.map((row) => row.partnershipId),
      )
    : [];
  const sourcesByTie = groupBy(tieSources, (source) => source.partnershipId);
  return {
    place: presentPlaceSummary(place),
    partners: rows.map((row) => ({
      partnershipId: row.partnershipId,
      kind: row.tieKind,
      status: row.status,
      startedOn: row.startedOn,
      ageYears: ageInYears(row.startedOn, today),
      place: presentPlaceSummary(row),
      sources: (sourcesByTie.get(row.partnershipId) ?? []).map(({ key, name, records }) => ({
        key,
        name,
        records,
      })),
    })),
  };
}

/** Names of places in an interface language, for lists and the map. */
export async function getNamesInLanguage(db: DbOrTx, lang: string) {
  const rows = await findNamesInLanguage(db, lang);
  return { lang, names: Object.fromEntries(rows.map((row) => [String(row.placeId), row.name])) };
}

/** Every source row that reports each of the given ties, for the pages that show a tie's provenance. */
export function findTieProvenance(db: DbOrTx, partnershipIds: readonly number[]) {
  return findTieSources(db, [...partnershipIds]);
}

/** First-level regions by code, for the features that target them (the door-opener, support requests). */
export { findRegions, type RegionRow } from './places.repo.ts';

/** A place's name in the main language of its country, for the public pages; null when none is known. */
export async function findNativeName(db: DbOrTx, id: number, country: string) {
  return pickNativeName(country, await findPlaceNames(db, id));
}

/** Presents a name with the source that gave it, or none for a name added in the workspace. */
export function presentPlaceName(row: Awaited<ReturnType<typeof findPlaceNames>>[number]): PlaceName {
  const { sourceKey, sourceName, ...name } = row;
  return {
    ...name,
    source: sourceKey !== null && sourceName !== null ? { key: sourceKey, name: sourceName } : null,
  };
}
