import { describe, expect, it } from 'vitest';
import {
  makeGazetteerEntry,
  makePlanWithCities,
  makeWikidataNode,
  sourceRows,
} from '../../../../test/helpers/world.ts';
import type { LatLng } from '../../../lib/normalize.ts';
import type { GazetteerEntry } from './gazetteer.ts';
import type { WikidataNode, WikipediaGeocodedPair } from './world.reader.ts';
import { createLabelResolver, type GeocodedPoints, geocodedPoints } from './world.wikipedia.ts';

/** Geocoded points by `city|country label`. */
const geocodedAt =
  (points: Record<string, LatLng> = {}): GeocodedPoints =>
  (city, countryLabel) =>
    points[`${city}|${countryLabel}`] ?? null;

function setUp(
  options: { nodes?: WikidataNode[]; entries?: GazetteerEntry[]; points?: Record<string, LatLng> } = {},
) {
  const { plan, gazetteer, wikidata } = makePlanWithCities(options.nodes, options.entries);
  const resolve = createLabelResolver({ plan, wikidata, gazetteer, geocoded: geocodedAt(options.points) });
  const placeOf = (city: string, country: string) => {
    const result = resolve(city, country);
    if ('error' in result) throw new Error(result.error);
    return plan.place(result.key)!;
  };
  return { plan, resolve, placeOf };
}

const pair = (city1: string, city2: string, point1: LatLng, point2: LatLng): WikipediaGeocodedPair => ({
  city1,
  country1: 'Finland',
  city2,
  country2: 'Finland',
  lat1: String(point1.lat),
  lng1: String(point1.lng),
  lat2: String(point2.lat),
  lng2: String(point2.lng),
});

describe('geocodedPoints', () => {
  it('gives each label its point, but no label a point that three differently named places share', () => {
    const shared = { lat: 60, lng: 25 };
    const points = geocodedPoints(
      sourceRows(
        pair('Espoo', 'Vantaa', { lat: 60.2, lng: 24.65 }, { lat: 60.29, lng: 25.04 }),
        pair('Aa', 'Bb', shared, shared),
        pair('Aa (town)', 'Cc', shared, shared),
        pair('Lahti', 'Nowhere', { lat: 60.98, lng: 25.66 }, { lat: 91, lng: 25 }),
      ),
    );
    expect(points('Espoo', 'Finland')).toEqual({ lat: 60.2, lng: 24.65 });
    expect(points('Vantaa', 'Finland')).toEqual({ lat: 60.29, lng: 25.04 });
    expect(points('Espoo', 'Sweden')).toBeNull();
    expect(points('Aa', 'Finland')).toBeNull();
    expect(points('Cc', 'Finland')).toBeNull();
    expect(points('Nowhere', 'Finland')).toBeNull();
  });

  it('keeps a point that only two names share', () => {
    const shared = { lat: 60, lng: 25 };
    const points = geocodedPoints(
      sourceRows(pair('Aa', 'Bb', shared, shared), pair('Aa (town)', 'Bb', shared, shared)),
    );
    expect(points('Aa (town)', 'Finland')).toEqual(shared);
  });
});

describe('createLabelResolver', () => {
  /** A place in Britain, in the gazetteer. */
  const britishPlace = (name: string, population: number, point: LatLng) =>
    makeGazetteerEntry({ name, country: 'GB', population, ...point });

  it('reports labels without a name or with an unknown country', () => {
    const { resolve } = setUp();
    expect(resolve('  ', 'Finland')).toEqual({ error: 'empty place name' });
    expect(resolve('Nowhere', 'Atlantis')).toEqual({ error: 'unknown country label "Atlantis"' });
  });

  it('resolves a label to the Wikidata city of its name and country, adding the label and its origin', () => {
    const { placeOf, plan } = setUp({
      nodes: [makeWikidataNode({ id: 'Q47034', name: 'Espoo' })],
      points: { 'Espoo|Finland': { lat: 60.2, lng: 24.65 } },
    });
    const espoo = placeOf('Espoo', 'Finland');
    expect(espoo.key).toBe('Q47034');
    expect(espoo.origins).toContainEqual({
      source: 'wikipedia',
      externalKey: 'Espoo|Finland',
      raw: { city: 'Espoo', country: 'Finland', lat: 60.2, lng: 24.65 },
    });
    expect(placeOf('Espoo, Uusimaa', 'Finland').key).toBe('Q47034');
    expect(espoo.names.map((name) => `${name.kind}:${name.name}`)).toEqual([
      'official:Espoo',
      'official:Espoo, Uusimaa',
    ]);
    expect(plan.report.ambiguous).toEqual([]);
  });

  it('chooses among Wikidata namesakes the nearest to the geocoded point, else the most populous', () => {
    const { placeOf, plan } = setUp({
      nodes: [
        makeWikidataNode({ id: 'Q1', name: 'Portland', countrycd: 'us', lat: '45.52', lng: '-122.68' }),
        makeWikidataNode({ id: 'Q2', name: 'Portland', countrycd: 'us', lat: '43.66', lng: '-70.26' }),
      ],
      entries: [
        makeGazetteerEntry({
          name: 'Portland',
          country: 'US',
          population: 650_000,
          lat: 45.52,
          lng: -122.68,
        }),
        makeGazetteerEntry({ name: 'Boston', country: 'US', lat: 42.36, lng: -71.06 }),
      ],
      points: { 'Portland|United States': { lat: 43.65, lng: -70.25 } },
    });
    expect(placeOf('Portland', 'United States').key).toBe('Q2');
    expect(placeOf('Portland', 'Oregon, United States').key).toBe('Q1');
    expect(plan.report.ambiguous).toEqual([
      {
        label: 'Portland',
        country: 'US',
        chosen: 'Q2',
        candidates: ['Q1', 'Q2'],
        reason: 'nearest to the geocoded point',
      },
      {
        label: 'Portland',
        country: 'US',
        chosen: 'Q1',
        candidates: ['Q1', 'Q2'],
        reason: 'none near the geocoded point; the most populous chosen',
      },
    ]);
  });

  it('resolves a label without a Wikidata city to the GeoNames place near its point, as a place of its own', () => {
    const vantaa = makeGazetteerEntry({ name: 'Vantaa', population: 240_000, lat: 60.29, lng: 25.04 });
    const { placeOf, plan } = setUp({
      entries: [vantaa, makeGazetteerEntry({ name: 'Vantaa', population: 10, lat: 62, lng: 27 })],
      points: { 'Vantaa|Finland': { lat: 60.3, lng: 25.05 } },
    });
    const place = placeOf('Vantaa', 'Finland');
    expect(place).toMatchObject({
      key: `G${vantaa.geonamesId}`,
      geonamesId: vantaa.geonamesId,
      population: 240_000,
      lat: 60.29,
      lng: 25.04,
    });
    expect(place.names.map((name) => `${name.lang}:${name.source}`)).toEqual([
      'und:geonames',
      'en:wikipedia',
    ]);
    expect(plan.report.ambiguous).toEqual([]);
    expect(plan.report.corrections).toEqual([]);
    // Another label of the same GeoNames place is the same place; without a point, the most populous is chosen.
    expect(placeOf('VANTAA', 'Finland')).toBe(place);
    expect(plan.report.ambiguous).toEqual([
      expect.objectContaining({ label: 'VANTAA', chosen: place.key, reason: 'the most populous chosen' }),
    ]);
  });

  it('takes the most populous GeoNames namesake when none is near, and reports the choice and the move', () => {
    const big = britishPlace('Newport', 150_000, { lat: 51.59, lng: -3 });
    const small = britishPlace('Newport', 25_000, { lat: 50.7, lng: -1.29 });
    const { placeOf, plan } = setUp({
      entries: [small, big],
      points: { 'Newport|Wales': { lat: 51.2, lng: -2 } },
    });
    const place = placeOf('Newport', 'Wales');
    expect(place.key).toBe(`G${big.geonamesId}`);
    expect(plan.report.ambiguous).toEqual([
      {
        label: 'Newport',
        country: 'GB',
        chosen: `G${big.geonamesId}`,
        candidates: [`G${small.geonamesId}`, `G${big.geonamesId}`],
        reason: 'none near the geocoded point; the most populous chosen',
      },
    ]);
    expect(plan.report.corrections).toEqual([
      expect.objectContaining({
        place: 'Newport, GB',
        field: 'coordinates',
        from: { lat: 51.2, lng: -2 },
        to: { lat: 51.59, lng: -3 },
      }),
    ]);
  });

  it('does not believe a point geocoded outside the country', () => {
    const perth = britishPlace('Perth', 47_000, { lat: 56.4, lng: -3.43 });
    const { placeOf, plan } = setUp({
      entries: [perth, makeGazetteerEntry({ name: 'London', country: 'GB', lat: 51.5, lng: -0.12 })],
      points: {
        'Perth|Scotland': { lat: -31.95, lng: 115.86 },
        'Nowhere Town|Scotland': { lat: -31.95, lng: 115.86 },
      },
    });
    expect(placeOf('Perth', 'Scotland')).toMatchObject({
      key: `G${perth.geonamesId}`,
      lat: 56.4,
      lng: -3.43,
    });
    const nowhere = placeOf('Nowhere Town', 'Scotland');
    expect(nowhere).toMatchObject({ key: 'L:municipality:nowhere town|GB', lat: null, lng: null });
    expect(plan.report.corrections).toEqual([
      {
        place: 'Perth, GB',
        field: 'coordinates',
        from: { lat: -31.95, lng: 115.86 },
        to: { lat: 56.4, lng: -3.43 },
        reason: 'geocoded outside United Kingdom',
      },
      {
        place: 'Nowhere Town, GB',
        field: 'coordinates',
        from: { lat: -31.95, lng: 115.86 },
        to: null,
        reason: 'geocoded outside United Kingdom',
      },
    ]);
  });

  it('keeps an unknown place by its label, kind and country, at its geocoded point', () => {
    const { placeOf } = setUp({ points: { 'Saitama Prefecture|Japan': { lat: 35.9, lng: 139.6 } } });
    const region = placeOf('Saitama Prefecture', 'Japan');
    expect(region).toMatchObject({
      key: 'L:region:saitama prefecture|JP',
      kind: 'region',
      name: 'Saitama Prefecture',
      country: 'JP',
      lat: 35.9,
      lng: 139.6,
      geonamesId: null,
    });
    expect(placeOf('Saitama prefecture', 'Japan')).toBe(region);
  });

  it('keeps a place qualified by its type apart from the GeoNames namesake', () => {
    const { placeOf } = setUp({ entries: [makeGazetteerEntry({ name: 'Grybów', country: 'PL' })] });
    const gmina = placeOf('Grybów (rural gmina)', 'Poland');
    expect(gmina).toMatchObject({ key: 'L:municipality:grybow rural gmina|PL', geonamesId: null });
    expect(gmina.names.map((name) => `${name.kind}:${name.name}`)).toEqual([
      'official:Grybów (rural gmina)',
      'alias:Grybów',
    ]);
  });

  it('makes "X (City)" a district of a known city, at the city when its own point is far', () => {
    const { placeOf } = setUp({
      nodes: [
        makeWikidataNode({ id: 'Q1770', name: 'Tallinn', countrycd: 'ee', lat: '59.437', lng: '24.7536' }),
      ],
      points: {
        'Nõmme (Tallinn)|Estonia': { lat: 59.38, lng: 24.68 },
        'Pirita (Tallinn)|Estonia': { lat: 58.38, lng: 26.72 },
      },
    });
    expect(placeOf('Nõmme (Tallinn)', 'Estonia')).toMatchObject({
      key: 'L:district:nomme tallinn|EE',
      kind: 'district',
      parentKey: 'Q1770',
      lat: 59.38,
      lng: 24.68,
    });
    expect(placeOf('Pirita (Tallinn)', 'Estonia')).toMatchObject({
      kind: 'district',
      parentKey: 'Q1770',
      lat: 59.437,
      lng: 24.7536,
    });
    // A qualifier that names no known place leaves a municipality of its own.
    expect(placeOf('Kesklinn (Nowhere)', 'Estonia')).toMatchObject({
      key: 'L:municipality:kesklinn nowhere|EE',
      kind: 'municipality',
      parentKey: null,
    });
  });

  it('resolves each label once, so its ambiguity is reported once', () => {
    const { resolve, plan } = setUp({
      nodes: [
        makeWikidataNode({ id: 'Q1', name: 'Portland', countrycd: 'us' }),
        makeWikidataNode({ id: 'Q2', name: 'Portland', countrycd: 'us' }),
      ],
    });
    const first = resolve('Portland', 'United States');
    expect(resolve('Portland', 'United States')).toBe(first);
    expect(plan.report.ambiguous).toHaveLength(1);
  });
});
