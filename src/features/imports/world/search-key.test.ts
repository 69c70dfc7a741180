import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { queryRows } from '../../../db/query.ts';
import { normalizeName } from '../../../lib/normalize.ts';
import { SHIPPED_DATA_DIR } from './world.reader.ts';

/**
 * The import matches names with normalizeName, search with the database's cb_search_key: the two must give every
 * name the same key, or a name the import wrote is not found as typed. Compared over the CLDR extract's city names
 * (354 languages in some 40 scripts), the shipped twin-town labels and names that once parted them.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.destroy());

const TRICKY = [
  'ΑΘΗΝΑΣ',
  'ẞtraße',
  'İstanbul',
  'ｶﾞｷﾞ',
  'Ⅻ',
  '서울특별시',
  'दिल्ली',
  'ガイド',
  'Київ',
  'Йошкар-Ола',
  '‘x’ “y” „z‚ a‐b c―d',
  'Kʻelbajar',
  'Ƣulja',
  'Al Ɛayn',
  'tʻlʻkʼn\u200e',
  'Æbeltoft Ærøskøbing Þórshöfn Łódź Đakovo Ħamrun',
  'S:t Michel–Jyväskylä (Åbo)',
];

async function corpus(): Promise<string[]> {
  const cldr = JSON.parse(
    await readFile(path.join(SHIPPED_DATA_DIR, 'cldr/exemplar-cities.json'), 'utf8'),
  ) as {
    cities: { names: Record<string, string> }[];
  };
  const twinTowns = await readFile(
    path.join(SHIPPED_DATA_DIR, 'twin-towns/wikipedia_twin_cities_raw.csv'),
    'utf8',
  );
  return [
    ...new Set([
      ...TRICKY,
      ...cldr.cities.flatMap((city) => Object.values(city.names)),
      ...twinTowns.split(/[\n,]/).filter((label) => label.trim()),
    ]),
  ];
}

describe('search keys', () => {
  it('are the same in normalizeName and cb_search_key for names in every script', async () => {
    const names = await corpus();
    expect(names.length).toBeGreaterThan(20_000);
    const differing: string[] = [];
    for (let start = 0; start < names.length; start += 5000) {
      const chunk = names.slice(start, start + 5000);
      const rows = await queryRows<{ name: string; key: string }>(
        database.db,
        sql`select t as name, cb_search_key(t) as key from json_array_elements_text(${JSON.stringify(chunk)}::json) t`,
      );
      for (const { name, key } of rows) {
        if (normalizeName(name) !== key) differing.push(`${name}: ${normalizeName(name)} ≠ ${key}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it('are written for every name by the database', async () => {
    const [row] = await queryRows<{ key: string }>(
      database.db,
      sql`select cb_search_key('ＭＯＳＫＶＡ Москва') as key`,
    );
    expect(row!.key).toBe('moskva москва');
  });
});
