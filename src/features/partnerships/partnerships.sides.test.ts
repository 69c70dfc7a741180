import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makeGazetteer } from '../../../test/helpers/world.ts';
import { places } from '../../db/schema.ts';
import { importWorld } from '../imports/world/world.import.ts';
import type { WorldFiles } from '../imports/world/world.reader.ts';
import { WORLD_SOURCES } from '../imports/world/world.sources.ts';
import { DIRECTED_SOURCES } from './partnerships.sides.repo.ts';
import { countOneSidedTies, findTieSides, isOneSided } from './partnerships.sides.ts';

const NODES = [
  'id\tname\tlng\tlat\tcountry\tcountrycd\tcontinent',
  'Q1001\tVantaa\t25.04\t60.29\tFinland\tFI\tEurope',
  'Q1002\tFrankfurt (Oder)\t14.55\t52.34\tGermany\tDE\tEurope',
  'Q1003\tSłubice\t14.56\t52.35\tPoland\tPL\tEurope',
  'Q1004\tNorrtälje\t18.7\t59.76\tSweden\tSE\tEurope',
  'Q1005\tGubin\t14.72\t51.95\tPoland\tPL\tEurope',
];
/**
 * Vantaa lists Frankfurt (Oder), whose own list names only Słubice; Słubice and Frankfurt list each other;
 * Vantaa lists Norrtälje, which keeps no list; Słubice lists Gubin, and Gubin's Wikipedia list names Słubice.
 */
const LINKS = [
  'source\ttarget',
  'Q1001\tQ1002',
  'Q1002\tQ1003',
  'Q1003\tQ1002',
  'Q1001\tQ1004',
  'Q1003\tQ1005',
];
/** Vantaa's Wikipedia list names Kaunas; Kaunas's own list names only Riga, which keeps no list. */
const PAIRS = [
  'city1,country1,city2,country2',
  'Vantaa,Finland,Kaunas,Lithuania',
  'Kaunas,Lithuania,Riga,Latvia',
  'Gubin,Poland,Słubice,Poland',
];

async function writeWorld(dir: string, links: string[]): Promise<WorldFiles> {
  const file = (name: string) => path.join(dir, name);
  await writeFile(file('nodes.tsv'), `${NODES.join('\n')}\n`);
  await writeFile(file('links.tsv'), `${links.join('\n')}\n`);
  await writeFile(file('raw.csv'), `${PAIRS.join('\n')}\n`);
  await writeFile(file('geocoded.csv'), 'city1,country1,lat1,lng1,city2,country2,lat2,lng2\n');
  await writeFile(file('municipalities.csv'), 'code,country,name_fi,name_sv\n');
  return {
    wikidataNodes: file('nodes.tsv'),
    wikidataLinks: file('links.tsv'),
    wikipediaRaw: file('raw.csv'),
    wikipediaGeocoded: file('geocoded.csv'),
    finnishMunicipalities: file('municipalities.csv'),
  };
}

let t: TestApp;
let dir: string;
const gazetteer = makeGazetteer();

/** The id of the place of this name. */
async function placeId(name: string): Promise<number> {
  const [row] = await t.database.db.select({ id: places.id }).from(places).where(eq(places.name, name));
  return row!.id;
}

/** The id of the tie between two places, as the API lists the first one's partners. */
async function tieId(a: string, b: string): Promise<number> {
  const response = await t.app.inject({ url: `/api/places/${await placeId(a)}/partners` });
  const bId = await placeId(b);
  const partner = response.json().partners.find((row: { place: { id: number } }) => row.place.id === bId);
  return partner.partnershipId;
}

beforeAll(async () => {
  t = await createTestApp();
  dir = await mkdtemp(path.join(tmpdir(), 'citybridge-sides-'));
  await importWorld(t.database, { files: await writeWorld(dir, LINKS), gazetteer });
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

describe('isOneSided', () => {
  const source = (listedBy: number[], notListedBy: number[]) => ({
    key: 's',
    name: 'S',
    listedBy,
    notListedBy,
  });

  it('holds when one side lists the tie and the other side’s own list leaves it out', () => {
    expect(isOneSided([1, 2], [source([1], [2])])).toBe(true);
  });

  it('does not hold when each side lists it, in one source or in two, or the other side keeps no list', () => {
    expect(isOneSided([1, 2], [source([1, 2], [])])).toBe(false);
    expect(isOneSided([1, 2], [source([1], [2]), source([2], [1])])).toBe(false);
    expect(isOneSided([1, 2], [source([1], [])])).toBe(false);
    expect(isOneSided([1, 2], [source([], [1, 2])])).toBe(false);
  });
});

describe('the sides of imported ties', () => {
  it('reads the directed sources the world import writes', () => {
    expect([...DIRECTED_SOURCES].sort()).toEqual(
      [WORLD_SOURCES.wikidata.key, WORLD_SOURCES.wikipedia.key].sort(),
    );
  });

  it('marks a tie that one side lists and the other side’s Wikidata list leaves out', async () => {
    const id = await tieId('Vantaa', 'Frankfurt (Oder)');
    const sides = (await findTieSides(t.database.db, [id])).get(id)!;
    expect(sides).toEqual({
      oneSided: true,
      sources: [
        {
          key: WORLD_SOURCES.wikidata.key,
          name: WORLD_SOURCES.wikidata.name,
          listedBy: [await placeId('Vantaa')],
          notListedBy: [await placeId('Frankfurt (Oder)')],
        },
      ],
    });
  });

  it('marks a tie that one Wikipedia list names and the other place’s own list leaves out', async () => {
    const id = await tieId('Vantaa', 'Kaunas');
    const sides = (await findTieSides(t.database.db, [id])).get(id)!;
    expect(sides.oneSided).toBe(true);
    expect(sides.sources).toEqual([
      expect.objectContaining({
        key: WORLD_SOURCES.wikipedia.key,
        listedBy: [await placeId('Vantaa')],
        notListedBy: [await placeId('Kaunas')],
      }),
    ]);
  });

  it('does not mark mutual ties, ties each side reports in another source, or ties whose other side keeps no list', async () => {
    const ids = [
      await tieId('Frankfurt (Oder)', 'Słubice'),
      await tieId('Słubice', 'Gubin'),
      await tieId('Vantaa', 'Norrtälje'),
      await tieId('Kaunas', 'Riga'),
    ];
    const sides = await findTieSides(t.database.db, ids);
    expect(ids.map((id) => sides.get(id)!.oneSided)).toEqual([false, false, false, false]);
    const gubin = sides.get(ids[1]!)!;
    expect(gubin.sources.map((source) => [source.key, source.listedBy.length])).toEqual([
      [WORLD_SOURCES.wikidata.key, 1],
      [WORLD_SOURCES.wikipedia.key, 1],
    ]);
  });

  it('are counted over the whole registry, in the tie’s API answer and in the statistics', async () => {
    expect(await countOneSidedTies(t.database.db)).toBe(2);
    const id = await tieId('Vantaa', 'Frankfurt (Oder)');
    const tie = (await t.app.inject({ url: `/api/partnerships/${id}` })).json();
    expect(tie.sides.oneSided).toBe(true);
    expect(tie.sides.sources[0].notListedBy).toEqual([await placeId('Frankfurt (Oder)')]);
    const stats = (await t.app.inject({ url: '/api/stats' })).json();
    expect(stats.ties.oneSided).toBe(2);
  });

  it('leave every imported date unknown, and the statistics say so', async () => {
    const ties = (await t.app.inject({ url: '/api/partnerships' })).json().items;
    expect(ties.length).toBe(6);
    expect(ties.every((tie: { startedOn: string | null }) => tie.startedOn === null)).toBe(true);
    const stats = (await t.app.inject({ url: '/api/stats' })).json();
    expect(stats.ties.dateUnknown).toBe(6);
  });

  it('follow a later import in which the other side lists the tie too', async () => {
    const more = await mkdtemp(path.join(tmpdir(), 'citybridge-sides-'));
    try {
      await importWorld(t.database, { files: await writeWorld(more, [...LINKS, 'Q1002\tQ1001']), gazetteer });
      const id = await tieId('Vantaa', 'Frankfurt (Oder)');
      expect((await findTieSides(t.database.db, [id])).get(id)!.oneSided).toBe(false);
      expect(await countOneSidedTies(t.database.db)).toBe(1);
    } finally {
      await rm(more, { recursive: true, force: true });
    }
  });
});
