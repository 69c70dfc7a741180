import { describe, expect, it } from 'vitest';
import { makeGazetteerEntry, makePlanBuilder } from '../../../../test/helpers/world.ts';

describe('PlanBuilder', () => {
  it('adds a name once per language, trimmed, and never an empty one', () => {
    const plan = makePlanBuilder();
    const place = plan.newPlace('Q1', 'municipality', 'Espoo', 'FI');
    plan.addName(place, { name: ' Espoo ', lang: 'en', kind: 'official', source: 'wikidata' });
    plan.addName(place, { name: 'Espoo', lang: 'en', kind: 'alias', source: 'wikipedia' });
    plan.addName(place, { name: 'Espoo', lang: 'fi', kind: 'official', source: 'finnishMunicipalities' });
    plan.addName(place, { name: '   ', lang: 'sv', kind: 'official', source: 'finnishMunicipalities' });
    expect(place.names).toEqual([
      { name: 'Espoo', lang: 'en', kind: 'official', source: 'wikidata' },
      { name: 'Espoo', lang: 'fi', kind: 'official', source: 'finnishMunicipalities' },
    ]);
  });

  it('adds an origin once per source and key', () => {
    const plan = makePlanBuilder();
    const place = plan.newPlace('Q1', 'municipality', 'Espoo', 'FI');
    plan.addOrigin(place, { source: 'wikipedia', externalKey: 'Espoo|Finland', raw: { first: true } });
    plan.addOrigin(place, { source: 'wikipedia', externalKey: 'Espoo|Finland', raw: { first: false } });
    plan.addOrigin(place, { source: 'wikidata', externalKey: 'Espoo|Finland', raw: {} });
    expect(place.origins.map((origin) => [origin.source, origin.raw])).toEqual([
      ['wikipedia', { first: true }],
      ['wikidata', {}],
    ]);
  });

  it('attaches a GeoNames place: its id, its population when it has one, its record, and the way back', () => {
    const plan = makePlanBuilder();
    const place = plan.newPlace('Q1', 'municipality', 'Espoo', 'FI');
    place.population = 5;
    const entry = makeGazetteerEntry({ geonamesId: 660158, name: 'Espoo', population: 0 });
    expect(plan.hasGeonames(660158)).toBe(false);
    plan.attachGazetteer(place, entry);
    expect(place.geonamesId).toBe(660158);
    expect(place.population).toBe(5);
    expect(place.origins).toEqual([expect.objectContaining({ source: 'geonames', externalKey: '660158' })]);
    expect(plan.hasGeonames(660158)).toBe(true);
    expect(plan.placeOfGeonames(660158)).toBe(place);
    expect(plan.placeOfGeonames(1)).toBeUndefined();
  });

  it('merges A–B and B–A into one tie with sorted keys, counting the merged rows', () => {
    const plan = makePlanBuilder();
    plan.newPlace('Q2', 'municipality', 'B', 'FI');
    plan.newPlace('Q1', 'municipality', 'A', 'FI');
    plan.addTie('Q2', 'Q1', { source: 'wikidata', recordKey: 'Q2\tQ1', raw: {} });
    plan.addTie('Q1', 'Q2', { source: 'wikidata', recordKey: 'Q1\tQ2', raw: {} });
    const result = plan.finish();
    expect(result.ties).toEqual([
      {
        placeKeys: ['Q1', 'Q2'],
        records: [
          { source: 'wikidata', recordKey: 'Q2\tQ1', raw: {} },
          { source: 'wikidata', recordKey: 'Q1\tQ2', raw: {} },
        ],
      },
    ]);
    expect(result.mergedRows).toBe(1);
    expect(result.places.map((place) => place.key)).toEqual(['Q2', 'Q1']);
  });

  it('plans only the places it keeps, and drops a parent it does not keep', () => {
    const plan = makePlanBuilder();
    plan.newPlace('Q1', 'municipality', 'Tallinn', 'EE');
    const nomme = plan.newPlace('L:district:nomme|EE', 'district', 'Nõmme', 'EE');
    nomme.parentKey = 'Q1';
    const kept = plan.newPlace('L:district:kesklinn|EE', 'district', 'Kesklinn', 'EE');
    kept.parentKey = 'Q3';
    plan.newPlace('Q3', 'municipality', 'Tallinn', 'EE');
    plan.keep(nomme.key);
    plan.keep(kept.key);
    plan.keep('Q3');
    expect(plan.isKept('Q1')).toBe(false);
    const result = plan.finish();
    expect(result.places.map((place) => [place.key, place.parentKey])).toEqual([
      ['L:district:nomme|EE', null],
      ['L:district:kesklinn|EE', 'Q3'],
      ['Q3', null],
    ]);
  });

  it('starts its report with the rows read and nothing resolved', () => {
    const result = makePlanBuilder({ wikidata: 3, wikipedia: 2, finnishMunicipalities: 1 }).finish();
    expect(result).toEqual({
      places: [],
      ties: [],
      counts: {
        wikidata: { rowsRead: 3, rowsResolved: 0, rowsUnresolved: 0 },
        wikipedia: { rowsRead: 2, rowsResolved: 0, rowsUnresolved: 0 },
        finnishMunicipalities: { rowsRead: 1, rowsResolved: 0, rowsUnresolved: 0 },
      },
      mergedRows: 0,
      unresolved: [],
      ambiguous: [],
      corrections: [],
    });
  });
});
