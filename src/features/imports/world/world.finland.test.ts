import { describe, expect, it } from 'vitest';
import {
  makeGazetteer,
  makeGazetteerEntry,
  makePlanBuilder,
  sourceRows,
} from '../../../../test/helpers/world.ts';
import { addFinnishMunicipalities } from './world.finland.ts';
import type { FinnishMunicipality } from './world.reader.ts';

const municipality = (code: string, fi: string, sv: string, country = 'FI'): FinnishMunicipality => ({
  code,
  country,
  name_fi: fi,
  name_sv: sv,
});

/** A plan that keeps Espoo (in a tie with Tallinn) and knows Vantaa without keeping it. */
function planWithTies() {
  const plan = makePlanBuilder({ finnishMunicipalities: 1 });
  const espoo = plan.newPlace('Q47034', 'municipality', 'Espoo', 'FI');
  plan.addName(espoo, { name: 'Espoo', lang: 'en', kind: 'official', source: 'wikidata' });
  const tallinn = plan.newPlace('Q1770', 'municipality', 'Tallinn', 'EE');
  plan.addTie(espoo.key, tallinn.key, { source: 'wikidata', recordKey: 'Q47034\tQ1770', raw: {} });
  const vantaa = plan.newPlace('Q3', 'municipality', 'Vantaa', 'FI');
  plan.addName(vantaa, { name: 'Vantaa', lang: 'en', kind: 'official', source: 'wikidata' });
  return { plan, espoo };
}

describe('addFinnishMunicipalities', () => {
  it('adds the Finnish and Swedish names and the origin to the kept place of either name', () => {
    const { plan, espoo } = planWithTies();
    addFinnishMunicipalities(plan, sourceRows(municipality('049', 'Espoo', 'Esbo')), makeGazetteer());
    expect(espoo.names.map((name) => `${name.lang}:${name.name}`)).toEqual([
      'en:Espoo',
      'fi:Espoo',
      'sv:Esbo',
    ]);
    expect(espoo.origins).toEqual([
      {
        source: 'finnishMunicipalities',
        externalKey: 'FI-049',
        raw: { line: 2, code: '049', country: 'FI', name_fi: 'Espoo', name_sv: 'Esbo' },
      },
    ]);
    const result = plan.finish();
    expect(result.places.map((place) => place.key)).toEqual(['Q47034', 'Q1770']);
    expect(result.counts.finnishMunicipalities).toEqual({ rowsRead: 1, rowsResolved: 1, rowsUnresolved: 0 });
  });

  it("finds a kept place by the municipality's code in GeoNames when neither name matches", () => {
    const { plan, espoo } = planWithTies();
    const entry = makeGazetteerEntry({ name: 'Espoon keskus', municipalityCode: '049' });
    plan.attachGazetteer(espoo, entry);
    addFinnishMunicipalities(
      plan,
      sourceRows(municipality('049', 'Espoon kaupunki', 'Esbo stad')),
      makeGazetteer(entry),
    );
    expect(espoo.names.map((name) => name.name)).toEqual(['Espoo', 'Espoon kaupunki', 'Esbo stad']);
  });

  it('makes a municipality no tie names a place of its own, at its GeoNames seat', () => {
    const { plan } = planWithTies();
    const seat = makeGazetteerEntry({
      name: 'Vantaa',
      population: 240_000,
      lat: 60.29,
      lng: 25.04,
      municipalityCode: '092',
    });
    addFinnishMunicipalities(plan, sourceRows(municipality('092', 'Vantaa', 'Vanda')), makeGazetteer(seat));
    const result = plan.finish();
    const vantaa = result.places.find((place) => place.name === 'Vantaa')!;
    expect(vantaa).toMatchObject({
      key: `G${seat.geonamesId}`,
      kind: 'municipality',
      country: 'FI',
      geonamesId: seat.geonamesId,
      population: 240_000,
      lat: 60.29,
      lng: 25.04,
    });
    expect(vantaa.names.map((name) => `${name.lang}:${name.name}`)).toEqual(['fi:Vantaa', 'sv:Vanda']);
    expect(vantaa.origins.map((origin) => origin.source)).toEqual(['geonames', 'finnishMunicipalities']);
    // The Wikidata Vantaa was known but in no tie, so it stays out of the plan.
    expect(result.places.some((place) => place.key === 'Q3')).toBe(false);
  });

  it('keys a municipality without a free GeoNames seat by its code', () => {
    const { plan, espoo } = planWithTies();
    const taken = makeGazetteerEntry({ name: 'Kauniainen', municipalityCode: '235' });
    plan.attachGazetteer(plan.newPlace('Q9', 'municipality', 'Kauniainen', 'FI'), taken);
    addFinnishMunicipalities(
      plan,
      sourceRows(municipality('235', 'Kauniainen', 'Grankulla'), municipality('999', 'Uusi', 'Nya')),
      makeGazetteer(taken),
    );
    const keys = plan.finish().places.map((place) => place.key);
    expect(keys).toEqual([espoo.key, 'Q1770', 'MFI-235', 'MFI-999']);
    expect(plan.place('MFI-235')).toMatchObject({ lat: null, lng: null, geonamesId: null });
  });

  it('reports malformed rows', () => {
    const plan = makePlanBuilder({ finnishMunicipalities: 4 });
    addFinnishMunicipalities(
      plan,
      sourceRows(
        municipality('49', 'Espoo', 'Esbo'),
        municipality('049', 'Espoo', 'Esbo', 'fi'),
        municipality('049', ' ', 'Esbo'),
        municipality('049', 'Espoo', ''),
      ),
      makeGazetteer(),
    );
    const result = plan.finish();
    expect(result.places).toEqual([]);
    expect(result.unresolved.map((entry) => [entry.source, entry.line, entry.reason])).toEqual([
      ['finnishMunicipalities', 2, 'malformed row'],
      ['finnishMunicipalities', 3, 'malformed row'],
      ['finnishMunicipalities', 4, 'malformed row'],
      ['finnishMunicipalities', 5, 'malformed row'],
    ]);
    expect(result.counts.finnishMunicipalities).toEqual({ rowsRead: 4, rowsResolved: 0, rowsUnresolved: 4 });
  });
});
