import { describe, expect, it } from 'vitest';
import { distanceKm, normalizeName, parseCoordinates } from './normalize.ts';

describe('normalizeName', () => {
  it.each([
    ['Jyväskylä', 'jyvaskyla'],
    ['S:t Michel', 'st michel'],
    ['Skagafjörður', 'skagafjordur'],
    ['Łódź', 'lodz'],
    ['Nõmme (Tallinn)', 'nomme tallinn'],
    ["Jing'an", 'jingan'],
    ['Saint-Denis', 'saint denis'],
    ['Straße', 'strasse'],
    ['  Espoo  ', 'espoo'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('distanceKm', () => {
  it('measures Espoo to Helsinki at about 16 km', () => {
    expect(distanceKm({ lat: 60.2055, lng: 24.6559 }, { lat: 60.1699, lng: 24.9384 })).toBeCloseTo(16, 0);
  });
});

describe('parseCoordinates', () => {
  it('reads a point, and nothing from missing, malformed or out-of-range values', () => {
    expect(parseCoordinates('60.2', '-24.6')).toEqual({ lat: 60.2, lng: -24.6 });
    expect(parseCoordinates('', '24')).toBeNull();
    expect(parseCoordinates('60', undefined)).toBeNull();
    expect(parseCoordinates('north', '24')).toBeNull();
    expect(parseCoordinates('90.5', '24')).toBeNull();
    expect(parseCoordinates('60', '-181')).toBeNull();
  });
});
