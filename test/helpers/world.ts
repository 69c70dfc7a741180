import { Gazetteer, type GazetteerEntry } from '../../src/features/imports/world/gazetteer.ts';
import { PlanBuilder } from '../../src/features/imports/world/world.plan.ts';
import type { SourceRow, WikidataNode } from '../../src/features/imports/world/world.reader.ts';
import { addWikidataCities } from '../../src/features/imports/world/world.wikidata.ts';

let sequence = 0;

/** A GeoNames place for a hand-made gazetteer; ids are unique unless given. */
export function makeGazetteerEntry(overrides: Partial<GazetteerEntry> & { name: string }): GazetteerEntry {
  sequence += 1;
  return {
    geonamesId: 9_000_000 + sequence,
    country: 'FI',
    featureCode: 'PPL',
    population: 1000,
    lat: 60,
    lng: 25,
    ...overrides,
  };
}

/** A gazetteer of the given places only. */
export function makeGazetteer(...entries: GazetteerEntry[]): Gazetteer {
  return new Gazetteer(entries);
}

/** Rows as the reader gives them: numbered from line 2, after the header. */
export function sourceRows<T>(...values: T[]): SourceRow<T>[] {
  return values.map((row, index) => ({ line: index + 2, values: row }));
}

/** A Wikidata city node (as in wikidata_p190_nodes.tsv). */
export function makeWikidataNode(
  overrides: Partial<WikidataNode> & { id: string; name: string },
): WikidataNode {
  return { lat: '60', lng: '25', country: 'Finland', countrycd: 'fi', continent: 'Europe', ...overrides };
}

/** An empty plan builder, counting the given numbers of rows read. */
export function makePlanBuilder(
  rowsRead: Partial<Record<'wikidata' | 'wikipedia' | 'finnishMunicipalities', number>> = {},
): PlanBuilder {
  return new PlanBuilder({ wikidata: 0, wikipedia: 0, finnishMunicipalities: 0, ...rowsRead });
}

/**
 * An empty plan builder with the Wikidata cities of these nodes added, matched against a gazetteer of these
 * entries; answers the plan, the gazetteer and the index of the cities by name.
 */
export function makePlanWithCities(nodes: WikidataNode[] = [], entries: GazetteerEntry[] = []) {
  const plan = makePlanBuilder();
  const gazetteer = makeGazetteer(...entries);
  const wikidata = addWikidataCities(plan, sourceRows(...nodes), gazetteer);
  return { plan, gazetteer, wikidata };
}
