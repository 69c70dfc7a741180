import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import { worldMiniFiles } from '../../../test/helpers/fixtures.ts';
import { importWorld } from '../imports/world/world.import.ts';

let t: TestApp;
const get = (url: string, query?: Record<string, string>) => t.app.inject({ method: 'GET', url, query });
const idOf = async (q: string) => (await get('/api/places', { q })).json().results[0].id as number;

beforeAll(async () => {
  t = await createTestApp();
  await importWorld(t.database, { files: worldMiniFiles() });
});
afterAll(() => t.close());

describe('GET /api/places (search)', () => {
  it.each([
    ['Esbo', 'Espoo', 'Esbo'],
    ['esbo', 'Espoo', 'Esbo'],
    ['Helsingfors', 'Helsinki', 'Helsingfors'],
    ['Åbo', 'Turku', 'Åbo'],
    ['abo', 'Turku', 'Åbo'],
    ['nomme', 'Nõmme (Tallinn)', 'Nõmme'],
    ['Espo', 'Espoo', 'Espoo'],
    ['Shangai', 'Shanghai', 'Shanghai'],
    ['kristianstadt', 'Kristianstad', 'Kristianstad'],
  ])('%s finds %s (matched as %s)', async (q, name, matchedName) => {
    const response = await get('/api/places', { q });
    expect(response.statusCode).toBe(200);
    const [first] = response.json().results;
    expect(first).toMatchObject({ name, matchedName });
  });

  it('ranks an alias of unknown language as a prefix: "shang" offers Shanghai before the place GeoNames calls Shang', async () => {
    const shangluo = await makePlace(t.database.db, {
      name: 'Shangluo',
      country: 'CN',
      names: [{ name: 'Shang', lang: 'und', kind: 'alias' }],
    });
    const results = (await get('/api/places', { q: 'shang' })).json().results;
    expect(results[0]).toMatchObject({ name: 'Shanghai', score: 70 });
    expect(results.find((place: { id: number }) => place.id === shangluo.id)).toMatchObject({ score: 70 });
  });

  it('ranks exact matches above prefixes, and more-tied places first among equals', async () => {
    const small = await makePlace(t.database.db, { name: 'Rankby', country: 'SE' });
    const big = await makePlace(t.database.db, { name: 'Rankbyholm', country: 'SE', population: 90_000 });
    const other = await makePlace(t.database.db, { name: 'Rankbyköping', country: 'SE' });
    await makePartnership(t.database.db, [big.id, other.id]);
    const results = (await get('/api/places', { q: 'rankby' })).json().results;
    // Exact first; then prefixes, both with one tie, the more populous first.
    expect(results.map((place: { id: number }) => place.id)).toEqual([small.id, big.id, other.id]);
    expect(results[0].score).toBeGreaterThan(results[1].score);
  });

  it('filters by country and limits the results', async () => {
    const response = await get('/api/places', { q: 'e', country: 'fi', limit: '2' });
    const results = response.json().results as { country: string }[];
    expect(results.length).toBeLessThanOrEqual(2);
    expect(results.every((place) => place.country === 'FI')).toBe(true);
  });

  it('answers an empty list, not an error, when nothing matches', async () => {
    const response = await get('/api/places', { q: 'qqqqzzzz' });
    expect(response.statusCode).toBe(200);
    expect(response.json().results).toEqual([]);
  });

  it.each([
    ['no text', {}, 'querystring.q'],
    ['empty text', { q: '' }, 'querystring.q'],
    ['blank text', { q: '   ' }, 'querystring.q'],
    ['a 10,000-character text', { q: 'x'.repeat(10_000) }, 'querystring.q'],
    ['limit 0', { q: 'espoo', limit: '0' }, 'querystring.limit'],
    ['limit 51', { q: 'espoo', limit: '51' }, 'querystring.limit'],
    ['a word as limit', { q: 'espoo', limit: 'ten' }, 'querystring.limit'],
    ['a three-letter country', { q: 'espoo', country: 'FIN' }, 'querystring.country'],
    ['an unknown parameter', { q: 'espoo', sort: 'name' }, 'querystring.sort'],
    ['a NUL character', { q: 'esp\u0000oo' }, 'querystring.q'],
  ])('answers 400 naming the field for %s', async (_case, query, field) => {
    const response = await get('/api/places', query as Record<string, string>);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  it('treats LIKE wildcards in the text as text', async () => {
    const response = await get('/api/places', { q: '%' });
    expect(response.statusCode).toBe(200);
    expect(response.json().results).toEqual([]);
  });
});

describe('GET /api/places/{id}', () => {
  it('answers names in every language, identifiers, counts and sources', async () => {
    const id = await idOf('Esbo');
    const response = await get(`/api/places/${id}`);
    expect(response.statusCode).toBe(200);
    const place = response.json();
    expect(place).toMatchObject({
      name: 'Espoo',
      kind: 'municipality',
      country: 'FI',
      identifiers: { wikidata: 'Q47034', geonames: 660158 },
      parent: null,
      counts: { partners: 6, partnerCountries: 6 },
    });
    expect(place.population).toBeGreaterThan(200_000);
    expect(place.coordinates.lat).toBeCloseTo(60.2, 1);
    expect(place.names).toContainEqual(
      expect.objectContaining({
        name: 'Esbo',
        lang: 'sv',
        kind: 'official',
        source: expect.objectContaining({ key: 'citybridge-fi-municipalities' }),
      }),
    );
    // Finnish is Finland's main language: Espoo is its own native name; anonymous readers add no names.
    expect(place).toMatchObject({ nativeName: { name: 'Espoo', lang: 'fi' }, canEditNames: false });
    expect(place.sources.map((source: { key: string }) => source.key)).toContain('wikidata-p190');
  });

  it('names the city a district belongs to', async () => {
    const id = await idOf('Nõmme');
    const place = (await get(`/api/places/${id}`)).json();
    expect(place.kind).toBe('district');
    expect(place.parent.name).toBe('Tallinn');
  });

  it.each(['abc', '0', '-1', '1.5', '99999999999', '1e3'])(
    'answers 400 for the malformed id %s',
    async (id) => {
      const response = await get(`/api/places/${id}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details[0].field).toBe('params.id');
    },
  );

  it('answers 404 for an unknown id', async () => {
    const response = await get('/api/places/2147483647');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('PLACE_NOT_FOUND');
  });
});

describe('GET /api/places/{id}/partners', () => {
  it("lists each partner with the tie's kind, status, unknown start and sources", async () => {
    const id = await idOf('Esbo');
    const response = await get(`/api/places/${id}/partners`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.place.name).toBe('Espoo');
    expect(body.partners.map((partner: { place: { name: string } }) => partner.place.name)).toEqual([
      'Grybów (rural gmina)',
      'Kristianstad',
      'Nõmme (Tallinn)',
      'Perth',
      'Portland',
      'Shanghai',
    ]);
    const shanghai = body.partners.find(
      (partner: { place: { name: string } }) => partner.place.name === 'Shanghai',
    );
    expect(shanghai).toMatchObject({ kind: 'twin_town', status: 'active', startedOn: null, ageYears: null });
    expect(shanghai.sources).toEqual([
      expect.objectContaining({ key: 'wikidata-p190', records: 2 }),
      expect.objectContaining({ key: 'wikipedia-twin-town-lists', records: 1 }),
    ]);
  });

  it('computes the age in whole years from a known start date', async () => {
    const a = await makePlace(t.database.db, { name: 'Agetown' });
    const b = await makePlace(t.database.db, { name: 'Agecity', country: 'CN' });
    await makePartnership(t.database.db, [a.id, b.id], { startedOn: '1998-01-01' });
    const [partner] = (await get(`/api/places/${a.id}/partners`)).json().partners;
    expect(partner.startedOn).toBe('1998-01-01');
    expect(partner.ageYears).toBe(new Date().getUTCFullYear() - 1998);
  });

  it('follows changes to the registry (the read model is dropped on NOTIFY)', async () => {
    const a = await makePlace(t.database.db, { name: 'Cachetown' });
    expect((await get(`/api/places/${a.id}/partners`)).json().partners).toEqual([]);
    const b = await makePlace(t.database.db, { name: 'Cachecity', country: 'EE' });
    await makePartnership(t.database.db, [a.id, b.id]);
    await expect
      .poll(async () => (await get(`/api/places/${a.id}/partners`)).json().partners.length, { timeout: 5000 })
      .toBe(1);
  });

  it('answers 404 for an unknown place and 400 for a malformed id', async () => {
    expect((await get('/api/places/2147483647/partners')).statusCode).toBe(404);
    expect((await get('/api/places/x/partners')).statusCode).toBe(400);
  });
});

describe('GET /api/place-names', () => {
  it('answers names in the language that differ from the display names', async () => {
    const espoo = await idOf('Esbo');
    const turku = await idOf('Åbo');
    const response = await get('/api/place-names', { lang: 'sv' });
    expect(response.statusCode).toBe(200);
    const { names } = response.json();
    expect(names[String(espoo)]).toBe('Esbo');
    expect(names[String(turku)]).toBe('Åbo');
    expect((await get('/api/place-names', { lang: 'fi' })).json().names[String(espoo)]).toBeUndefined();
  });

  it('answers 400 for a language the interface does not speak', async () => {
    expect((await get('/api/place-names', { lang: 'de' })).statusCode).toBe(400);
  });
});
