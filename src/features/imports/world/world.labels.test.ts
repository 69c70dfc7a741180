import { describe, expect, it } from 'vitest';
import { classifyLabel, parseLabel } from './world.labels.ts';

describe('parseLabel', () => {
  it.each([
    ['Nõmme (Tallinn)', { base: 'Nõmme', qualifier: 'Tallinn', qualifierStyle: 'parenthesis' }],
    ['Grybów (rural gmina) ', { base: 'Grybów', qualifier: 'rural gmina', qualifierStyle: 'parenthesis' }],
    ['Bayside, New South Wales', { base: 'Bayside', qualifier: 'New South Wales', qualifierStyle: 'comma' }],
    ['Frankfurt (Oder)', { base: 'Frankfurt', qualifier: 'Oder', qualifierStyle: 'parenthesis' }],
    [' Espoo ', { base: 'Espoo', qualifier: null, qualifierStyle: null }],
    [', Nowhere', { base: ', Nowhere', qualifier: null, qualifierStyle: null }],
  ] as const)('%s', (label, expected) => {
    expect(parseLabel(label)).toEqual(expected);
  });
});

describe('classifyLabel', () => {
  it.each([
    ['Finland', 'FI', 'country_level', null],
    ['Saitama (prefecture)', 'JP', 'region', 'type'],
    ['Kita (ward)', 'JP', 'district', 'type'],
    ['Grybów (rural gmina)', 'PL', 'municipality', 'type'],
    ['Gotland (islands)', 'SE', 'municipality', 'type'],
    ['Nõmme (Tallinn)', 'EE', 'municipality', 'parent'],
    ['Bayside, New South Wales', 'AU', 'municipality', null],
    ['Saitama Prefecture', 'JP', 'region', null],
    ['Kita Ward', 'JP', 'district', null],
    ['Espoo', 'FI', 'municipality', null],
  ] as const)('%s (%s) is a %s, its qualifier a %s', (label, country, kind, qualifierRole) => {
    expect(classifyLabel(parseLabel(label), country)).toEqual({ kind, qualifierRole });
  });
});
