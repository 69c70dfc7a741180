/**
 * Phase 1 of the reconciliation: the Wikidata cities. Each is identified by its QID; a GeoNames place of the same
 * name nearby adds its id and population, and a GeoNames place of the same name just across a border corrects the
 * city's country (Narva RU → EE).
 */

import { distanceKm, normalizeName, parseCoordinates } from '../../../lib/normalize.ts';
import type { Gazetteer, GazetteerEntry } from './gazetteer.ts';
import type { PlanBuilder, PlannedPlace } from './world.plan.ts';
import type { SourceRow, WikidataNode } from './world.reader.ts';

/** A Wikidata city and a gazetteer place of the same name this close are the same place. */
export const WIKIDATA_GAZETTEER_KM = 25;
/** How near a gazetteer place in another country must be to correct a border town's country. */
export const BORDER_FIX_KM = 12;

/** The Wikidata cities by normalised name and country (`name|XX`), namesakes in file order. */
export type WikidataIndex = ReadonlyMap<string, PlannedPlace[]>;

/** The key of a name in a country in a {@link WikidataIndex}. */
export function wikidataNameKey(name: string, country: string): string {
  return `${normalizeName(name)}|${country}`;
}

/**
 * Adds every well-formed Wikidata city to the plan's known places (the plan keeps those that end up in a tie) and
 * returns them by name and country. Nodes without a QID, a two-letter country or a name are skipped.
 */
export function addWikidataCities(
  plan: PlanBuilder,
  nodes: readonly SourceRow<WikidataNode>[],
  gazetteer: Gazetteer,
): WikidataIndex {
  const byName = new Map<string, PlannedPlace[]>();
  for (const { values: node } of nodes) {
    const point = parseCoordinates(node.lat, node.lng);
    let country = node.countrycd === 'CN-TW' ? 'TW' : node.countrycd.toUpperCase();
    if (!/^Q[1-9][0-9]*$/.test(node.id) || !/^[A-Z]{2}$/.test(country) || !node.name.trim()) continue;
    let match: GazetteerEntry | undefined;
    if (point) {
      match = gazetteer
        .find(node.name, country)
        .filter((entry) => distanceKm(entry, point) <= WIKIDATA_GAZETTEER_KM)
        .sort((a, b) => distanceKm(a, point) - distanceKm(b, point))[0];
      if (!match) {
        const across = gazetteer
          .near(node.name, point, BORDER_FIX_KM)
          .find((entry) => entry.country !== country);
        if (across) {
          plan.report.addCorrection({
            place: `${node.name} (${node.id})`,
            field: 'country',
            from: country,
            to: across.country,
            reason: `GeoNames places ${across.name} (${across.geonamesId}) in ${across.country} at the same spot`,
          });
          country = across.country;
          match = across;
        }
      }
    }
    const place = plan.newPlace(node.id, 'municipality', node.name.trim(), country);
    place.wikidataQid = node.id;
    place.lat = point?.lat ?? null;
    place.lng = point?.lng ?? null;
    plan.addName(place, { name: node.name, lang: 'en', kind: 'official', source: 'wikidata' });
    plan.addOrigin(place, { source: 'wikidata', externalKey: node.id, raw: { ...node } });
    if (match && !plan.hasGeonames(match.geonamesId)) plan.attachGazetteer(place, match);
    const nameKey = wikidataNameKey(node.name, country);
    byName.set(nameKey, [...(byName.get(nameKey) ?? []), place]);
  }
  return byName;
}
