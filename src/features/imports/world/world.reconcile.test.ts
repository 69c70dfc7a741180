import { beforeAll, describe, expect, it } from 'vitest';
import { worldMiniFiles } from '../../../../test/helpers/fixtures.ts';
import { type Gazetteer, loadGazetteer } from './gazetteer.ts';
import type { PlannedPlace, WorldPlan } from './world.plan.ts';
import { readWorldFiles } from './world.reader.ts';
import { reconcileWorld } from './world.reconcile.ts';

let gazetteer: Gazetteer;
let plan: WorldPlan;

const place = (predicate: (candidate: PlannedPlace) => boolean) => {
  const found = plan.places.filter(predicate);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const byName = (name: string) => place((candidate) => candidate.names.some((known) => known.name === name));
const tieOf = (a: PlannedPlace, b: PlannedPlace) =>
  plan.ties.filter((tie) => tie.placeKeys.includes(a.key) && tie.placeKeys.includes(b.key));

beforeAll(async () => {
  gazetteer = await loadGazetteer();
  plan = reconcileWorld(await readWorldFiles(worldMiniFiles()), gazetteer);
});

describe('reconcileWorld', () => {
  it('identifies Wikidata cities by QID and matches Wikipedia labels to them by name and country', () => {
    const espoo = place((candidate) => candidate.wikidataQid === 'Q47034');
    const shanghai = place((candidate) => candidate.wikidataQid === 'Q8686');
    expect(espoo.geonamesId).toBe(660158);
    expect(espoo.population).toBeGreaterThan(200_000);
    expect(espoo.origins.map((origin) => origin.source).sort()).toEqual([
      'finnishMunicipalities',
      'geonames',
      'wikidata',
      'wikipedia',
    ]);
    expect(shanghai.origins.some((origin) => origin.externalKey === 'Shanghai|China')).toBe(true);
  });

  it('merges A–B and B–A rows, and rows of both sources, into one tie that keeps every row', () => {
    const espoo = byName('Espoo');
    const shanghai = byName('Shanghai');
    const ties = tieOf(espoo, shanghai);
    expect(ties).toHaveLength(1);
    expect(ties[0]!.records.map((record) => record.source).sort()).toEqual([
      'wikidata',
      'wikidata',
      'wikipedia',
    ]);
    const kristianstad = byName('Kristianstad');
    expect(tieOf(espoo, kristianstad)).toHaveLength(1);
    expect(tieOf(espoo, kristianstad)[0]!.records).toHaveLength(2);
  });

  it('merges country label variants ("England" and "England, United Kingdom") into one place and one tie', () => {
    const london = byName('London');
    expect(london.country).toBe('GB');
    expect(london.geonamesId).toBe(2643743);
    const ties = tieOf(london, byName('Tokyo'));
    expect(ties).toHaveLength(1);
    expect(ties[0]!.records.map((record) => record.raw.country1)).toEqual([
      'England',
      'England, United Kingdom',
    ]);
  });

  it('matches by name, country and distance: the namesake near the geocoded point, not the most populous', () => {
    const portland = byName('Portland');
    expect(portland.country).toBe('US');
    expect(portland.lat).toBeCloseTo(43.66, 1); // Portland, Maine — not Portland, Oregon
    expect(portland.lng).toBeCloseTo(-70.26, 1);
  });

  it('replaces coordinates geocoded into the wrong country with the gazetteer place in the right one', () => {
    const perth = byName('Perth');
    expect(perth.country).toBe('GB');
    expect(perth.lat).toBeCloseTo(56.4, 1);
    expect(perth.lng).toBeCloseTo(-3.43, 1);
    expect(plan.corrections).toContainEqual(
      expect.objectContaining({
        place: 'Perth, GB',
        field: 'coordinates',
        from: { lat: -31.9523, lng: 115.8613 },
      }),
    );
  });

  it("corrects a Wikidata border town's country from the gazetteer", () => {
    const narva = place((candidate) => candidate.wikidataQid === 'Q102158');
    expect(narva.country).toBe('EE');
    expect(plan.corrections).toContainEqual(
      expect.objectContaining({ field: 'country', from: 'RU', to: 'EE' }),
    );
    expect(place((candidate) => candidate.wikidataQid === 'Q170478').country).toBe('RU');
  });

  it('keeps a district apart from its city and from namesakes, with the city as its parent', () => {
    const nomme = byName('Nõmme (Tallinn)');
    const tallinn = byName('Tallinn');
    expect(nomme.kind).toBe('district');
    expect(nomme.key).not.toBe(tallinn.key);
    expect(nomme.parentKey).toBe(tallinn.key);
    expect(nomme.names.map((name) => name.name)).toContain('Nõmme');
  });

  it('keeps a rural gmina apart from the town of the same name, and regions as regions', () => {
    const gmina = byName('Grybów (rural gmina)');
    expect(gmina.kind).toBe('municipality');
    expect(gmina.geonamesId).toBeNull();
    expect(byName('Saitama Prefecture').kind).toBe('region');
  });

  it('reports rows it cannot resolve and does not invent ties for them', () => {
    expect(plan.unresolved.map((entry) => entry.reason)).toEqual([
      'unknown country label "Atlantis"',
      'both ends resolve to the same place',
    ]);
    expect(plan.counts.wikipedia).toEqual({ rowsRead: 13, rowsResolved: 11, rowsUnresolved: 2 });
    expect(plan.places.some((candidate) => candidate.names.some((name) => name.name === 'Nowhere'))).toBe(
      false,
    );
  });

  it('adds Finnish and Swedish names, and creates municipalities that have no ties yet', () => {
    const espoo = byName('Esbo');
    expect(espoo.names).toContainEqual(expect.objectContaining({ name: 'Esbo', lang: 'sv' }));
    const helsinki = byName('Helsingfors');
    expect(helsinki.geonamesId).toBe(658225);
    expect(helsinki.lat).not.toBeNull();
    expect(plan.ties.some((tie) => tie.placeKeys.includes(helsinki.key))).toBe(false);
  });

  it('is deterministic, so a second import can recognise everything', async () => {
    const again = reconcileWorld(await readWorldFiles(worldMiniFiles()), gazetteer);
    expect(again.places.map((candidate) => candidate.key)).toEqual(
      plan.places.map((candidate) => candidate.key),
    );
    expect(again.ties).toEqual(plan.ties);
  });
});
