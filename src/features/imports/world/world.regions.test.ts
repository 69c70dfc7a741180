import { describe, expect, it } from 'vitest';
import { makeGazetteerEntry, makePlanWithCities, makeWikidataNode } from '../../../../test/helpers/world.ts';
import type { LatLng } from '../../../lib/normalize.ts';
import type { GazetteerEntry } from './gazetteer.ts';
import type { WikidataNode } from './world.reader.ts';
import { firstLevelRegions, listFirstLevelRegions, sameName } from './world.regions.ts';
import { createLabelResolver } from './world.wikipedia.ts';

function setUp(
  options: { nodes?: WikidataNode[]; entries?: GazetteerEntry[]; points?: Record<string, LatLng> } = {},
) {
  const { plan, gazetteer, wikidata } = makePlanWithCities(options.nodes, options.entries);
  const resolve = createLabelResolver({
    plan,
    wikidata,
    gazetteer,
    geocoded: (city, country) => options.points?.[`${city}|${country}`] ?? null,
  });
  const placeOf = (city: string, country: string) => {
    const result = resolve(city, country);
    if ('error' in result) throw new Error(result.error);
    return plan.place(result.key)!;
  };
  return { plan, placeOf };
}

describe('the shipped first-level regions', () => {
  it('know states, provinces and regions by their ISO and their English names', () => {
    const regions = firstLevelRegions();
    expect(regions.find('Queensland', 'AU')?.code).toBe('AU-QLD');
    expect(regions.find('Jalisco', 'MX')?.code).toBe('MX-JAL');
    expect(regions.find('Bavaria', 'DE')?.code).toBe('DE-BY');
    expect(regions.find('Bayern', 'DE')?.code).toBe('DE-BY');
    expect(regions.find('Satakunta', 'FI')?.code).toBe('FI-17');
    // A region's name in another country is no region there.
    expect(regions.find('Queensland', 'NZ')).toBeUndefined();
  });

  it('leave out the second level and the municipalities some countries list first', () => {
    const codes = new Set(listFirstLevelRegions().map((region) => region.code));
    expect(codes.has('FR-ARA')).toBe(true);
    // A French department is within a region.
    expect(codes.has('FR-69')).toBe(false);
    // Slovenia's municipalities, London's boroughs, Estonia's and Iceland's municipalities are towns.
    expect(codes.has('SI-004')).toBe(false);
    expect(codes.has('GB-CMD')).toBe(false);
    expect(codes.has('EE-557')).toBe(false);
    expect(codes.has('IS-NOR')).toBe(false);
    // Their counties and regions are regions.
    expect(codes.has('EE-39')).toBe(true);
    expect(codes.has('IS-1')).toBe(true);
  });
});

describe('sameName', () => {
  it('takes a seat spelt otherwise for the label, but not a seat whose name is part of it', () => {
    expect(sameName('Oryol', 'Orël')).toBe(true);
    expect(sameName('Tartus', 'Tartouss')).toBe(true);
    expect(sameName('Rostov', 'Rostov-na-Donu')).toBe(true);
    expect(sameName('Ajman', 'Ajman City')).toBe(true);
    expect(sameName('Győr-Moson-Sopron', 'Győr')).toBe(false);
    expect(sameName('Queensland', 'Brisbane')).toBe(false);
    expect(sameName('Aceh', 'Banda Aceh')).toBe(false);
  });
});

describe('labels that name a first-level region without a region word', () => {
  it('become regions, keyed by their ISO code whichever name the list gives', () => {
    const { placeOf } = setUp();
    const queensland = placeOf('Queensland', 'Australia');
    expect(queensland).toMatchObject({ key: 'S:AU-QLD', kind: 'region', name: 'Queensland', country: 'AU' });
    expect(queensland.origins).toContainEqual(
      expect.objectContaining({ source: 'subdivisions', externalKey: 'AU-QLD' }),
    );
    expect(placeOf('Bavaria', 'Germany')).toBe(placeOf('Bayern', 'Germany'));
    expect(placeOf('Bavaria', 'Germany').kind).toBe('region');
  });

  it('are the region though a small village far from the geocoded point has the name', () => {
    const village = makeGazetteerEntry({ name: 'Jalisco', country: 'MX', lat: 22.1, lng: -100.9 });
    const { placeOf } = setUp({
      entries: [village],
      points: { 'Jalisco|Mexico': { lat: 20.67, lng: -103.35 } },
    });
    const jalisco = placeOf('Jalisco', 'Mexico');
    expect(jalisco).toMatchObject({ kind: 'region', key: 'S:MX-JAL', geonamesId: null });
  });

  it('are the city when Wikidata knows a city of the name in the country (Salzburg)', () => {
    const { placeOf } = setUp({
      nodes: [
        makeWikidataNode({ id: 'Q34713', name: 'Salzburg', countrycd: 'at', lat: '47.8', lng: '13.04' }),
      ],
    });
    expect(placeOf('Salzburg', 'Austria')).toMatchObject({ key: 'Q34713', kind: 'municipality' });
  });

  it('are the city when GeoNames has a capital or seat of the name and no point says otherwise (Tokyo, Hamburg)', () => {
    const tokyo = makeGazetteerEntry({
      name: 'Tokyo',
      country: 'JP',
      featureCode: 'PPLC',
      lat: 35.69,
      lng: 139.69,
    });
    const hamburg = makeGazetteerEntry({
      name: 'Hamburg',
      country: 'DE',
      featureCode: 'PPLA',
      lat: 53.55,
      lng: 10,
    });
    const { placeOf } = setUp({ entries: [tokyo, hamburg] });
    expect(placeOf('Tokyo', 'Japan')).toMatchObject({ kind: 'municipality', geonamesId: tokyo.geonamesId });
    expect(placeOf('Hamburg', 'Germany')).toMatchObject({
      kind: 'municipality',
      geonamesId: hamburg.geonamesId,
    });
  });

  it('are the city when a namesake lies near the geocoded point (São Paulo)', () => {
    const saoPaulo = makeGazetteerEntry({ name: 'São Paulo', country: 'BR', lat: -23.55, lng: -46.63 });
    const { placeOf } = setUp({
      entries: [saoPaulo],
      points: { 'São Paulo|Brazil': { lat: -23.53, lng: -46.6 } },
    });
    expect(placeOf('São Paulo', 'Brazil')).toMatchObject({
      kind: 'municipality',
      geonamesId: saoPaulo.geonamesId,
    });
  });

  it('are the city when the point is at a seat of the same name spelt otherwise (Oryol at Orël)', () => {
    const orel = makeGazetteerEntry({
      name: 'Orël',
      country: 'RU',
      featureCode: 'PPLA',
      lat: 52.97,
      lng: 36.07,
    });
    const { placeOf } = setUp({ entries: [orel], points: { 'Oryol|Russia': { lat: 52.968, lng: 36.069 } } });
    expect(placeOf('Oryol', 'Russia')).toMatchObject({ kind: 'municipality' });
  });

  it('stay the region when the point is at its seat of another name (Queensland at Brisbane)', () => {
    const brisbane = makeGazetteerEntry({
      name: 'Brisbane',
      country: 'AU',
      featureCode: 'PPLA',
      lat: -27.47,
      lng: 153.02,
    });
    const { placeOf } = setUp({
      entries: [brisbane],
      points: { 'Queensland|Australia': { lat: -27.47, lng: 153.02 } },
    });
    expect(placeOf('Queensland', 'Australia').kind).toBe('region');
  });

  it('stay towns where the first level is municipalities, and with a qualifier', () => {
    const { placeOf } = setUp();
    expect(placeOf('Bohinj', 'Slovenia').kind).toBe('municipality');
    expect(placeOf('Camden', 'United Kingdom').kind).toBe('municipality');
    // "Córdoba, Bolívar" is a town in Bolívar, not the department of Córdoba.
    expect(placeOf('Córdoba, Bolívar', 'Colombia').kind).toBe('municipality');
    // The country's own name is the country.
    expect(placeOf('Mexico', 'Mexico').kind).toBe('country_level');
  });
});
