/**
 * Phase 2 of the reconciliation: Wikipedia labels to places. A label's country label is mapped to ISO; then the
 * label is a Wikidata city of the same name and country (the nearest to the geocoded point among namesakes), else a
 * GeoNames place (the nearest within 30 km, else the most populous), else a place of its own keyed by its label.
 * `X (type)` qualifiers keep a place apart from its namesake, `X (City)` makes a district of a known city.
 */

import { distanceKm, type LatLng, normalizeName, parseCoordinates } from '../../../lib/normalize.ts';
import type { PlaceKind } from '../../places/places.schema.ts';
import { countryName, resolveCountryLabel } from './country-labels.ts';
import type { Gazetteer, GazetteerEntry } from './gazetteer.ts';
import { classifyLabel, parseLabel } from './world.labels.ts';
import type { PlanBuilder, PlannedOrigin, PlannedPlace } from './world.plan.ts';
import type { SourceRow, WikipediaGeocodedPair } from './world.reader.ts';
import {
  type FirstLevelRegion,
  firstLevelRegions,
  preferredRegion,
  type RegionIndex,
} from './world.regions.ts';
import { type WikidataIndex, wikidataNameKey } from './world.wikidata.ts';

/** A gazetteer place this close to a source's coordinates is the same place. */
export const SAME_PLACE_KM = 30;
/** A district's own coordinates are believed only this near its city. */
export const DISTRICT_KM = 80;
/** Coordinates shared by this many differently named places are a geocoder's placeholder. */
export const PLACEHOLDER_SHARED_BY = 3;

/** The place a label resolved to, by its reconciliation key, or why it could not be resolved. */
export type LabelResolution = { key: string } | { error: string };

/** Resolves a Wikipedia label (a city and its country label, as the source writes them) to a place. */
export type LabelResolver = (city: string, countryLabel: string) => LabelResolution;

/** Where the Wikipedia geocoding put each label, by `city|country label`. */
export type GeocodedPoints = (city: string, countryLabel: string) => LatLng | null;

function pointKey(point: LatLng): string {
  return `${point.lat.toFixed(4)},${point.lng.toFixed(4)}`;
}

/**
 * The coordinates of the Wikipedia geocoding, without its placeholders: a point given to several differently
 * named places is no place's point.
 */
export function geocodedPoints(rows: readonly SourceRow<WikipediaGeocodedPair>[]): GeocodedPoints {
  const geocoded = new Map<string, LatLng>();
  const namesAtPoint = new Map<string, Set<string>>();
  for (const { values: row } of rows) {
    for (const [city, country, lat, lng] of [
      [row.city1, row.country1, row.lat1, row.lng1],
      [row.city2, row.country2, row.lat2, row.lng2],
    ] as const) {
      const point = parseCoordinates(lat, lng);
      if (!point) continue;
      geocoded.set(`${city}|${country}`, point);
      const names = namesAtPoint.get(pointKey(point)) ?? new Set<string>();
      names.add(normalizeName(parseLabel(city).base));
      namesAtPoint.set(pointKey(point), names);
    }
  }
  return (city, countryLabel) => {
    const point = geocoded.get(`${city}|${countryLabel}`);
    if (!point) return null;
    return (namesAtPoint.get(pointKey(point))?.size ?? 0) >= PLACEHOLDER_SHARED_BY ? null : point;
  };
}

export interface LabelResolverOptions {
  plan: PlanBuilder;
  wikidata: WikidataIndex;
  gazetteer: Gazetteer;
  geocoded: GeocodedPoints;
  /** The first-level regions that labels without a region word may name; the shipped list without it. */
  regions?: RegionIndex;
}

/**
 * A resolver of Wikipedia labels, memoised per label: a label always resolves to the same place, and its
 * ambiguities and corrections are reported once.
 */
export function createLabelResolver({
  plan,
  wikidata,
  gazetteer,
  geocoded,
  regions = firstLevelRegions(),
}: LabelResolverOptions): LabelResolver {
  const resolutions = new Map<string, LabelResolution>();

  /**
   * Finds a known place (a Wikidata city, else a GeoNames place) by any of `names` in `country`, choosing among
   * namesakes by distance to `point`; the choice is reported when it was not clear-cut.
   */
  const matchKnown = (
    label: string,
    names: string[],
    country: string,
    point: LatLng | null,
  ): PlannedPlace | undefined => {
    const keys = [...new Set(names.map((name) => wikidataNameKey(name, country)))];
    const candidates = [...new Set(keys.flatMap((key) => wikidata.get(key) ?? []))];
    if (candidates.length === 1) return candidates[0];
    if (candidates.length > 1) {
      const nearest = chooseNearest(candidates, point);
      const chosen = nearest ?? [...candidates].sort(byImportance)[0]!;
      plan.report.addAmbiguity({
        label,
        country,
        chosen: chosen.key,
        candidates: candidates.map((candidate) => candidate.key),
        reason: nearest
          ? 'nearest to the geocoded point'
          : 'none near the geocoded point; the most populous chosen',
      });
      return chosen;
    }
    const entries = [...new Set(names.flatMap((name) => gazetteer.find(name, country)))];
    if (entries.length === 0) return undefined;
    const near = point
      ? entries
          .filter((entry) => distanceKm(entry, point) <= SAME_PLACE_KM)
          .sort((a, b) => distanceKm(a, point) - distanceKm(b, point))[0]
      : undefined;
    const entry = near ?? [...entries].sort(byPopulation)[0]!;
    if (!near && entries.length > 1) {
      plan.report.addAmbiguity({
        label,
        country,
        chosen: `G${entry.geonamesId}`,
        candidates: entries.map((candidate) => `G${candidate.geonamesId}`),
        reason: point ? 'none near the geocoded point; the most populous chosen' : 'the most populous chosen',
      });
    }
    if (point && !near) {
      plan.report.addCorrection({
        place: `${label}, ${country}`,
        field: 'coordinates',
        from: point,
        to: { lat: entry.lat, lng: entry.lng },
        reason: `geocoded ${Math.round(distanceKm(entry, point))} km from GeoNames ${entry.name}`,
      });
    }
    if (plan.hasGeonames(entry.geonamesId)) return plan.placeOfGeonames(entry.geonamesId);
    const place = plan.newPlace(`G${entry.geonamesId}`, 'municipality', label, country);
    place.lat = entry.lat;
    place.lng = entry.lng;
    plan.attachGazetteer(place, entry);
    plan.addName(place, { name: entry.name, lang: 'und', kind: 'official', source: 'geonames' });
    return place;
  };

  const resolveUncached = (city: string, countryLabel: string): LabelResolution => {
    const label = city.trim();
    if (!label) return { error: 'empty place name' };
    const country = resolveCountryLabel(countryLabel);
    if (!country) return { error: `unknown country label "${countryLabel}"` };
    const parsed = parseLabel(label);
    const geocodedAt = geocoded(city, countryLabel);
    const outside = geocodedAt !== null && !gazetteer.plausiblyIn(geocodedAt, country);
    let point = outside ? null : geocodedAt;
    const origin: PlannedOrigin = {
      source: 'wikipedia',
      externalKey: `${city}|${countryLabel}`,
      raw: { city, country: countryLabel, lat: geocodedAt?.lat ?? null, lng: geocodedAt?.lng ?? null },
    };
    const withLabel = (place: PlannedPlace): LabelResolution => {
      plan.addName(place, { name: label, lang: 'en', kind: 'official', source: 'wikipedia' });
      if (parsed.base !== label)
        plan.addName(place, { name: parsed.base, lang: 'en', kind: 'alias', source: 'wikipedia' });
      plan.addOrigin(place, origin);
      if (outside) {
        plan.report.addCorrection({
          place: `${label}, ${country}`,
          field: 'coordinates',
          from: geocodedAt,
          to: place.lat !== null ? { lat: place.lat, lng: place.lng } : null,
          reason: `geocoded outside ${countryName(country)}`,
        });
      }
      return { key: place.key };
    };

    let { kind, qualifierRole } = classifyLabel(parsed, country);
    let parentKey: string | null = null;
    let region: FirstLevelRegion | undefined;
    if (qualifierRole === 'parent') {
      // "Frankfurt (Oder)" is a city known by its whole label; "Nõmme (Tallinn)" a district of a known city.
      const known = matchKnown(label, [label], country, point);
      if (known) return withLabel(known);
      const parent = matchKnown(parsed.qualifier!, [parsed.qualifier!], country, null);
      if (parent) {
        parentKey = parent.key;
        kind = 'district';
      }
    } else if (kind === 'municipality' && qualifierRole === null) {
      // "Queensland" and "Jalisco" name first-level regions without a region word; "Tokyo" and "Salzburg" name
      // their cities too, which are then meant.
      region =
        parsed.qualifier === null
          ? preferredRegion({
              name: label,
              country,
              point,
              wikidataCity: (wikidata.get(wikidataNameKey(label, country)) ?? []).length > 0,
              gazetteer,
              regions,
            })
          : undefined;
      if (region) kind = 'region';
      else {
        const known = matchKnown(label, [label, parsed.base], country, point);
        if (known) return withLabel(known);
      }
    } else if (qualifierRole === 'type') {
      const known = matchKnown(label, [label], country, point);
      if (known) return withLabel(known);
    }

    // A place of its own, known only by its label, or a region by its ISO 3166-2 code whatever its label.
    const key = region ? regionPlaceKey(region) : labelPlaceKey(kind, label, country);
    const place = plan.place(key) ?? plan.newPlace(key, kind, label, country);
    if (region) {
      plan.addOrigin(place, {
        source: 'subdivisions',
        externalKey: region.code,
        raw: { code: region.code, name: region.name, nameEn: region.nameEn, country: region.country },
      });
    }
    if (parentKey && parentKey !== key) {
      place.parentKey = parentKey;
      const parent = plan.place(parentKey)!;
      const parentPoint = parent.lat !== null ? { lat: parent.lat, lng: parent.lng! } : null;
      if (parentPoint && (!point || distanceKm(point, parentPoint) > DISTRICT_KM)) point = parentPoint;
    }
    if (place.lat === null && point) {
      place.lat = point.lat;
      place.lng = point.lng;
    }
    return withLabel(place);
  };

  return (city, countryLabel) => {
    const memoKey = `${city}|${countryLabel}`;
    const known = resolutions.get(memoKey);
    if (known) return known;
    const result = resolveUncached(city, countryLabel);
    resolutions.set(memoKey, result);
    return result;
  };
}

/** The key of a place known only by its Wikipedia label. */
export function labelPlaceKey(kind: PlaceKind, label: string, country: string): string {
  return `L:${kind}:${normalizeName(label)}|${country}`;
}

/** The key of a first-level region named by a Wikipedia label, whichever of its names the label gives. */
export function regionPlaceKey(region: FirstLevelRegion): string {
  return `S:${region.code}`;
}

/** Among Wikidata namesakes, the nearest to the geocoded point within twice the same-place distance. */
function chooseNearest(candidates: PlannedPlace[], point: LatLng | null): PlannedPlace | undefined {
  if (!point) return undefined;
  return candidates
    .filter((candidate) => candidate.lat !== null && candidate.lng !== null)
    .map((candidate) => ({
      candidate,
      km: distanceKm({ lat: candidate.lat!, lng: candidate.lng! }, point),
    }))
    .filter(({ km }) => km <= SAME_PLACE_KM * 2)
    .sort((a, b) => a.km - b.km)[0]?.candidate;
}

function byImportance(a: PlannedPlace, b: PlannedPlace): number {
  return (b.population ?? 0) - (a.population ?? 0) || a.key.localeCompare(b.key);
}

function byPopulation(a: GazetteerEntry, b: GazetteerEntry): number {
  return b.population - a.population || a.geonamesId - b.geonamesId;
}
