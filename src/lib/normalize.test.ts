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
    // Other scripts: lower case and accents as in Latin, and what the script spells with kept as written.
    ['Москва', 'москва'],
    ['Ёлки', 'елки'],
    ['Йошкар-Ола', 'иошкар ола'],
    ['Київ', 'киів'],
    ['ΑΘΉΝΑΣ', 'αθηνασ'],
    ['Αθήνας', 'αθηνασ'],
    ['上海市', '上海市'],
    ['ｶﾞｲﾄﾞ', 'ガイド'],
    ['東京・新宿', '東京 新宿'],
    ['서울특별시', '서울특별시'],
    ['दिल्ली', 'दिल्ली'],
    ['กรุงเทพมหานคร', 'กรุงเทพมหานคร'],
    ['Kʻelbajar', 'kelbajar'],
    ['Paral·lel', 'parallel'],
    ['Rostov‐na‐Donu', 'rostov na donu'],
    ['“Quoted” ‘name’', 'quoted name'],
    ['Ｔｏｋｙｏ', 'tokyo'],
    ['Soft\u00adhyphen', 'softhyphen'],
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
