import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { queryRows } from '../src/db/query.ts';
import { importWorld, type WorldImportSummary } from '../src/features/imports/world/world.import.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

/** The import of the real shipped files, and what the API answers about them. */
let database: TestDatabase;
let summary: WorldImportSummary;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  summary = await importWorld(database);
  app = await buildApp({ database });
  // The whole shipped world: about a minute alone, several beside other test files on two cores.
}, 480_000);
afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

const search = async (q: string, extra: Record<string, string> = {}) => {
  const response = await app.inject({ url: '/api/places', query: { q, ...extra } });
  expect(response.statusCode).toBe(200);
  return response.json().results as { id: number; name: string; country: string; matchedName: string }[];
};

describe('the shipped world data', () => {
  it('imports counts within the expected ranges', () => {
    const { counts, perSource } = summary;
    expect(counts.places).toBeGreaterThan(15_000);
    expect(counts.places).toBeLessThan(22_000);
    expect(counts.partnerships).toBeGreaterThan(25_000);
    expect(counts.partnerships).toBeLessThan(33_000);
    expect(counts.mergedRows).toBeGreaterThan(5_000);
    expect(perSource.wikidata.rowsRead).toBe(10_596);
    expect(perSource.wikipedia.rowsRead).toBe(26_114);
    expect(perSource.finnishMunicipalities.rowsResolved).toBe(309);
    expect(counts.unresolved).toBeLessThan(50);
    expect(counts.partnershipsCreated).toBe(counts.partnerships);
  });

  it('has no duplicate ties, and every tie has two parties and a source', async () => {
    // Ties that merging duplicate places made duplicates are deleted (kept for the merge's undo).
    const [row] = await queryRows<{ duplicates: number; without_source: number; not_two: number }>(
      database.db,
      sql`with live as (select id from partnerships where deleted_at is null)
      select
        (select count(*) from (
          select least(a.place_id, b.place_id), greatest(a.place_id, b.place_id)
          from partnership_parties a join partnership_parties b
            on a.partnership_id = b.partnership_id and a.place_id < b.place_id
          where a.partnership_id in (select id from live)
          group by 1, 2 having count(*) > 1) d)::int as duplicates,
        (select count(*) from live p
          where not exists (select 1 from partnership_sources s where s.partnership_id = p.id))::int as without_source,
        (select count(*) from (select partnership_id from partnership_parties
          where partnership_id in (select id from live) group by 1 having count(*) <> 2) x)::int
          as not_two`,
    );
    expect(row).toEqual({ duplicates: 0, without_source: 0, not_two: 0 });
  });

  it('knows Espoo–Shanghai from both sources', async () => {
    const [espoo] = await search('Espoo', { country: 'FI' });
    const response = await app.inject({ url: `/api/places/${espoo!.id}/partners` });
    const partners = response.json().partners as { place: { name: string }; sources: { key: string }[] }[];
    const shanghai = partners.find((partner) => partner.place.name === 'Shanghai');
    expect(shanghai?.sources.map((source) => source.key).sort()).toEqual([
      'wikidata-p190',
      'wikipedia-twin-town-lists',
    ]);
  });

  it.each([
    ['Esbo', 'Espoo'],
    ['jyvaskyla', 'Jyväskylä'],
    ['Helsingfors', 'Helsinki'],
    ['Åbo', 'Turku'],
    ['Tammerfors', 'Tampere'],
    ['S:t Michel', 'Mikkeli'],
    ['st michel', 'Mikkeli'],
    ['Uleåborg', 'Oulu'],
    ['Shangai', 'Shanghai'],
    ['shang', 'Shanghai'],
    ['Stockholm', 'Stockholm'],
    ['sankt petersburg', 'Saint Petersburg'],
    ['BUDAPEST', 'Budapest'],
    ['tamp', 'Tampere'],
    // Names in other languages and scripts, from the CLDR and GeoNames.
    ['上海', 'Shanghai'],
    ['北京', 'Beijing'],
    ['München', 'Munich'],
    ['Pékin', 'Beijing'],
    ['Москва', 'Moscow'],
    ['Göteborg', 'Gothenburg'],
    ['東京', 'Tokyo'],
    ['Tukholma', 'Stockholm'],
    ['Varsovie', 'Warsaw'],
  ])('finds %s → %s first', async (query, expected) => {
    const results = await search(query);
    expect(results[0]?.name).toBe(expected);
  });

  it('adds names in other languages and scripts, each with its source, and not without bound', async () => {
    const rows = await queryRows<{ key: string; names: number; languages: number }>(
      database.db,
      sql`select s.key, count(*)::int as names, count(distinct n.lang)::int as languages
          from place_names n join sources s on s.id = n.source_id group by s.key`,
    );
    const of = (key: string) => rows.find((row) => row.key === key);
    expect(of('unicode-cldr-exemplar-cities')!.names).toBeGreaterThan(15_000);
    expect(of('unicode-cldr-exemplar-cities')!.languages).toBeGreaterThan(300);
    expect(of('geonames-cities500-alternate-names')!.names).toBeGreaterThan(80_000);
    expect(of('geonames-cities500-alternate-names')!.languages).toBe(1);
    expect(rows.reduce((sum, row) => sum + row.names, 0)).toBeLessThan(250_000);
  });

  it('keeps every date unknown, tells regions from towns, and counts one-sided ties', async () => {
    const kinds = await queryRows<{ name: string; country: string; kind: string; origin: string | null }>(
      database.db,
      sql`select p.name, p.country, p.kind, o.external_key as origin from places p
          left join place_origins o on o.place_id = p.id
            and o.source_id = (select id from sources where key = 'iso-3166-2-first-level')
          where p.merged_into_id is null and (p.name, p.country) in
            (('Queensland', 'AU'), ('Jalisco', 'MX'), ('Tokyo', 'JP'), ('Salzburg', 'AT'), ('Hamburg', 'DE'))`,
    );
    const kindOf = (name: string) => kinds.filter((row) => row.name === name).map((row) => row.kind);
    expect(kinds.find((row) => row.name === 'Queensland')).toMatchObject({
      kind: 'region',
      origin: 'AU-QLD',
    });
    expect(kinds.find((row) => row.name === 'Jalisco')).toMatchObject({ kind: 'region', origin: 'MX-JAL' });
    for (const city of ['Tokyo', 'Salzburg', 'Hamburg']) expect(kindOf(city)).toContain('municipality');
    const stats = (await app.inject({ url: '/api/stats' })).json();
    // No source gives a date, and none is made up.
    expect(stats.ties.dateUnknown).toBe(stats.totals.partnerships);
    expect(stats.ties.oneSided).toBeGreaterThan(5_000);
    expect(stats.ties.oneSided).toBeLessThan(stats.totals.partnerships / 2);
  });

  it('a second import changes nothing and says so', async () => {
    const before = await queryRows(
      database.db,
      sql`select (select count(*) from places)::int, (select count(*) from place_names)::int,
        (select count(*) from partnerships)::int, (select count(*) from partnership_sources)::int,
        (select revision from data_revisions where name = 'registry')`,
    );
    const again = await importWorld(database);
    expect(again.changed).toBe(false);
    expect(
      again.counts.placesCreated + again.counts.partnershipsCreated + again.counts.sourceRecordsAdded,
    ).toBe(0);
    const after = await queryRows(
      database.db,
      sql`select (select count(*) from places)::int, (select count(*) from place_names)::int,
        (select count(*) from partnerships)::int, (select count(*) from partnership_sources)::int,
        (select revision from data_revisions where name = 'registry')`,
    );
    expect(after).toEqual(before);
  });
});
