import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateFinder, type TestPair } from './duplicates.evaluate.ts';
import { type DuplicateCandidate, findDuplicatePlaces, nameForm, oneEditApart } from './duplicates.find.ts';

const testSet: { pairs: TestPair[] } = JSON.parse(
  readFileSync(new URL('./duplicates.test-set.json', import.meta.url), 'utf8'),
);

let nextId = 0;
function place(overrides: Partial<DuplicateCandidate> & { name: string }): DuplicateCandidate {
  nextId += 1;
  return {
    id: nextId,
    kind: 'municipality',
    country: 'DE',
    lat: 50,
    lng: 10,
    wikidataQid: null,
    geonamesId: null,
    parentId: null,
    partnerCount: 0,
    names: [],
    ...overrides,
  };
}

describe('the forms of place names', () => {
  it('reads qualifiers, districts, saints and city words the way the sources write them', () => {
    expect(nameForm('Frankfurt (Oder)', null)).toMatchObject({ core: 'frankfurt', qualifier: 'oder' });
    expect(nameForm('Frankfurt an der Oder', null)).toMatchObject({ core: 'frankfurt', qualifier: 'oder' });
    expect(nameForm('Schwedt/Oder', null)).toMatchObject({ core: 'schwedt', qualifier: 'oder' });
    expect(nameForm('Krumpendorf am Wörther See', null)).toMatchObject({ qualifier: 'worthersee' });
    expect(nameForm('Budapest X – Kőbánya', null)).toMatchObject({
      core: 'kobanya',
      parent: 'budapest',
      district: true,
    });
    expect(nameForm('Kőbánya (Budapest)', 'Budapest')).toMatchObject({
      core: 'kobanya',
      parent: 'budapest',
      district: true,
    });
    expect(nameForm('St. Pölten', null).core).toBe(nameForm('Sankt Pölten', null).core);
    expect(nameForm('Quebec City', null).core).toBe('quebec');
    expect(nameForm('City of Brussels', null).core).toBe('brussels');
    expect(nameForm('Hsinchu County', null).core).toBe('hsinchu county');
    expect(nameForm('Ostróda (rural gmina)', null).core).toBe('ostroda rural gmina');
    expect(nameForm('Staré Město (Uherské Hradiště District)', null)).toMatchObject({ core: 'stare mesto' });
  });

  it('knows names one letter apart', () => {
    expect(oneEditApart('castello', 'castellon')).toBe(true);
    expect(oneEditApart('monbetsu', 'mombetsu')).toBe(true);
    expect(oneEditApart('alveston', 'olveston')).toBe(true);
    expect(oneEditApart('kashihara', 'kashiwara')).toBe(true);
    expect(oneEditApart('sector', 'sectors2')).toBe(false);
    expect(oneEditApart('frankfurt', 'frankfort')).toBe(true);
    expect(oneEditApart('wittenberg', 'wittenburg2')).toBe(false);
  });
});

describe('the duplicate finder', () => {
  it('merges the hand-checked duplicates with a precision of at least 0.99 and finds 90% of them with review', () => {
    const evaluation = evaluateFinder(testSet.pairs);
    expect(evaluation.pairs).toBeGreaterThanOrEqual(60);
    expect(evaluation.duplicates).toBeGreaterThanOrEqual(30);
    expect(evaluation.different).toBeGreaterThanOrEqual(30);
    expect(evaluation.wronglyMerged).toEqual([]);
    expect(evaluation.precision).toBeGreaterThanOrEqual(0.99);
    expect(evaluation.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps the Wikidata record and merges the label into it, within the distance its kind allows', () => {
    const oder = place({ name: 'Frankfurt (Oder)', wikidataQid: 'Q4024', lat: 52.342, lng: 14.5517 });
    const label = place({ name: 'Frankfurt an der Oder', lat: 52.3412, lng: 14.5495 });
    const main = place({ name: 'Frankfurt am Main', geonamesId: 2925533, lat: 50.1155, lng: 8.6842 });
    const pairs = findDuplicatePlaces([oder, label, main]);
    expect(pairs).toEqual([
      expect.objectContaining({
        fromId: label.id,
        intoId: oder.id,
        confidence: 'certain',
        reasons: ['same_name'],
      }),
    ]);
  });

  it('never pairs two Wikidata items, a place with its district, places tied to each other or kept apart', () => {
    const london = place({ name: 'London', country: 'GB', wikidataQid: 'Q84', lat: 51.5, lng: -0.12 });
    const city = place({
      name: 'City of London',
      country: 'GB',
      wikidataQid: 'Q23311',
      lat: 51.51,
      lng: -0.09,
    });
    expect(findDuplicatePlaces([london, city])).toEqual([]);

    const bonn = place({ name: 'Bonn', lat: 50.735, lng: 7.1 });
    const district = place({
      name: 'Bonn (Bonn)',
      kind: 'district',
      parentId: bonn.id,
      lat: 50.717,
      lng: 7.153,
    });
    const label = place({ name: 'Bonn – Bonn', lat: 50.717, lng: 7.153 });
    const pairs = findDuplicatePlaces([bonn, district, label]);
    expect(pairs).toEqual([
      expect.objectContaining({ fromId: label.id, intoId: district.id, confidence: 'certain' }),
    ]);

    const a = place({ name: 'Lingen', lat: 52.5, lng: 7.3 });
    const b = place({ name: 'Lingen (Ems)', lat: 52.5, lng: 7.3 });
    expect(findDuplicatePlaces([a, b])).toHaveLength(1);
    expect(findDuplicatePlaces([a, b], { excluded: new Set([`${a.id}-${b.id}`]) })).toEqual([]);
  });

  it('holds back a pair that would join two Wikidata items through a third record', () => {
    const first = place({ name: 'Neustadt', wikidataQid: 'Q1', lat: 50, lng: 10 });
    const label = place({ name: 'Neustadt', lat: 50.001, lng: 10.001 });
    const second = place({ name: 'Neustadt', wikidataQid: 'Q2', lat: 50.002, lng: 10.002 });
    const pairs = findDuplicatePlaces([first, label, second]);
    expect(pairs.filter((pair) => pair.confidence === 'certain')).toHaveLength(1);
    expect(pairs.filter((pair) => pair.confidence === 'possible')).toHaveLength(1);
  });

  it('sends pairs it is unsure of to review: far apart, one letter apart, two GeoNames ids, no coordinates', () => {
    const cebu = place({ name: 'Cebu', country: 'PH', lat: 10.3, lng: 123.9 });
    const cebuCity = place({ name: 'Cebu City', country: 'PH', lat: 10.45, lng: 123.95 });
    const castello = place({ name: 'Castelló de la Plana', country: 'ES', lat: 39.98, lng: -0.04 });
    const castellon = place({ name: 'Castellón de la Plana', country: 'ES', lat: 39.986, lng: -0.037 });
    const taitung = place({ name: 'Taitung', country: 'TW', geonamesId: 1, lat: 22.75, lng: 121.15 });
    const taitungCity = place({
      name: 'Taitung City',
      country: 'TW',
      geonamesId: 2,
      lat: 22.751,
      lng: 121.15,
    });
    const unknown = place({ name: 'Ittoqqortoormiit', country: 'GL', lat: null, lng: null });
    const known = place({ name: 'Ittoqqortoormiit', country: 'GL', lat: 70.48, lng: -21.97 });
    const pairs = findDuplicatePlaces([
      cebu,
      cebuCity,
      castello,
      castellon,
      taitung,
      taitungCity,
      unknown,
      known,
    ]);
    expect(pairs.map((pair) => [pair.confidence, ...pair.reasons])).toEqual([
      ['possible', 'city_word'],
      ['possible', 'spelling'],
      ['possible', 'city_word', 'other_geonames_id'],
      ['possible', 'same_name', 'no_coordinates'],
    ]);
  });

  it('keeps numbered districts apart', () => {
    const three = place({ name: 'Sector 3', country: 'RO', lat: 44.42, lng: 26.14 });
    const five = place({ name: 'Sector 5', country: 'RO', lat: 44.41, lng: 26.1 });
    expect(findDuplicatePlaces([three, five])).toEqual([]);
  });
});
