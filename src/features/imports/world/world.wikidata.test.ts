import { describe, expect, it } from 'vitest';
import { makeGazetteerEntry, makePlanWithCities, makeWikidataNode } from '../../../../test/helpers/world.ts';
import { wikidataNameKey } from './world.wikidata.ts';

const espooEntry = makeGazetteerEntry({
  geonamesId: 660158,
  name: 'Espoo',
  population: 256_760,
  lat: 60.2052,
  lng: 24.6522,
});

describe('addWikidataCities', () => {
  it('identifies a city by its QID and takes id and population from the GeoNames namesake within 25 km', () => {
    const { plan, wikidata: index } = makePlanWithCities(
      [makeWikidataNode({ id: 'Q47034', name: ' Espoo', lat: '60.21', lng: '24.66' })],
      [espooEntry],
    );
    const espoo = plan.place('Q47034')!;
    expect(espoo).toMatchObject({
      key: 'Q47034',
      kind: 'municipality',
      name: 'Espoo',
      wikidataQid: 'Q47034',
      geonamesId: 660158,
      population: 256_760,
      country: 'FI',
      lat: 60.21,
      lng: 24.66,
    });
    expect(espoo.names).toEqual([{ name: 'Espoo', lang: 'en', kind: 'official', source: 'wikidata' }]);
    expect(espoo.origins.map((origin) => `${origin.source}:${origin.externalKey}`)).toEqual([
      'wikidata:Q47034',
      'geonames:660158',
    ]);
    expect(index.get(wikidataNameKey('Espoo', 'FI'))).toEqual([espoo]);
    // Known, but only a tie or a municipality puts it into the plan.
    expect(plan.finish().places).toEqual([]);
  });

  it('leaves a namesake farther than 25 km, and a city without coordinates, unmatched', () => {
    const { plan } = makePlanWithCities(
      [
        makeWikidataNode({ id: 'Q1', name: 'Espoo', lat: '61', lng: '24.6522' }),
        makeWikidataNode({ id: 'Q2', name: 'Espoo', lat: '', lng: '' }),
      ],
      [espooEntry],
    );
    expect(plan.place('Q1')!.geonamesId).toBeNull();
    expect(plan.place('Q2')).toMatchObject({ geonamesId: null, lat: null, lng: null });
  });

  it('attaches a GeoNames place to the first of two cities that match it', () => {
    const { plan } = makePlanWithCities(
      [
        makeWikidataNode({ id: 'Q1', name: 'Espoo', lat: '60.21', lng: '24.66' }),
        makeWikidataNode({ id: 'Q2', name: 'Espoo', lat: '60.2', lng: '24.65' }),
      ],
      [espooEntry],
    );
    expect(plan.place('Q1')!.geonamesId).toBe(660158);
    expect(plan.place('Q2')!.geonamesId).toBeNull();
    expect(plan.placeOfGeonames(660158)!.key).toBe('Q1');
  });

  it("corrects a border town's country from a GeoNames namesake across the border at the same spot", () => {
    const narva = makeGazetteerEntry({ name: 'Narva', country: 'EE', lat: 59.3772, lng: 28.1903 });
    const { plan, wikidata: index } = makePlanWithCities(
      [makeWikidataNode({ id: 'Q102158', name: 'Narva', countrycd: 'ru', lat: '59.38', lng: '28.2' })],
      [narva],
    );
    expect(plan.place('Q102158')).toMatchObject({ country: 'EE', geonamesId: narva.geonamesId });
    expect(index.has(wikidataNameKey('Narva', 'EE'))).toBe(true);
    expect(plan.report.corrections).toEqual([
      {
        place: 'Narva (Q102158)',
        field: 'country',
        from: 'RU',
        to: 'EE',
        reason: `GeoNames places Narva (${narva.geonamesId}) in EE at the same spot`,
      },
    ]);
  });

  it('keeps the country when the namesake across the border is farther than 12 km', () => {
    const narva = makeGazetteerEntry({ name: 'Narva', country: 'EE', lat: 59.3772, lng: 28.1903 });
    const { plan } = makePlanWithCities(
      [makeWikidataNode({ id: 'Q1', name: 'Narva', countrycd: 'ru', lat: '59.6', lng: '28.2' })],
      [narva],
    );
    expect(plan.place('Q1')).toMatchObject({ country: 'RU', geonamesId: null });
    expect(plan.report.corrections).toEqual([]);
  });

  it('reads CN-TW as Taiwan and skips nodes without a QID, a two-letter country or a name', () => {
    const { plan } = makePlanWithCities([
      makeWikidataNode({ id: 'Q1', name: 'Taipei', countrycd: 'CN-TW' }),
      makeWikidataNode({ id: 'P2', name: 'Not a city' }),
      makeWikidataNode({ id: 'Q01', name: 'Leading zero' }),
      makeWikidataNode({ id: 'Q3', name: 'No country', countrycd: '' }),
      makeWikidataNode({ id: 'Q4', name: '  ' }),
      makeWikidataNode({ id: 'Q5', name: 'Out of range', lat: '91', lng: '25' }),
    ]);
    expect(plan.place('Q1')!.country).toBe('TW');
    for (const key of ['P2', 'Q01', 'Q3', 'Q4']) expect(plan.place(key)).toBeUndefined();
    expect(plan.place('Q5')).toMatchObject({ lat: null, lng: null });
  });
});
