/**
 * Writes bench/search-queries.json: 200 fixed place searches, 40 of each kind (exact, prefix, typo, Swedish,
 * no diacritics), drawn deterministically from the imported registry. Run once against an imported database.
 */
import { writeFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { queryRows } from '../src/db/query.ts';

const database = await openDatabase({ engine: 'pglite', dataDir: process.env.PGLITE_DIR ?? 'data/db' });
const names = await queryRows<{ name: string; lang: string }>(
  database.db,
  sql`select distinct on (p.id) n.name, n.lang from places p join place_names n on n.place_id = p.id
      where p.partner_count >= 3 and n.lang = 'en' order by p.id, n.name`,
);
const swedish = await queryRows<{ name: string }>(
  database.db,
  sql`select n.name from place_names n where n.lang = 'sv'
      and not exists (select 1 from place_names f where f.place_id = n.place_id and f.lang = 'fi' and f.name = n.name)
      order by n.name`,
);
await database.close();

// A fixed pseudo-random order (mulberry32), so the list is the same on every machine.
let seed = 2020;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: T[], count: number) => [...list].sort(() => random() - 0.5).slice(0, count);
const plain = names.filter((row) => /^[A-Za-z ]{5,}$/.test(row.name)).map((row) => row.name);
const accented = names.filter((row) => /\P{ASCII}/u.test(row.name)).map((row) => row.name);
const typo = (name: string) => {
  const at = 1 + Math.floor(random() * (name.length - 3));
  return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
};
const queries = [
  ...pick(plain, 40).map((q) => ({ kind: 'exact', q })),
  ...pick(plain, 40).map((q) => ({ kind: 'prefix', q: q.slice(0, Math.max(3, Math.ceil(q.length / 2))) })),
  ...pick(plain, 40).map((q) => ({ kind: 'typo', q: typo(q) })),
  ...pick(
    swedish.map((row) => row.name),
    40,
  ).map((q) => ({ kind: 'swedish', q })),
  ...pick(accented, 40).map((q) => ({
    kind: 'no-diacritics',
    q: q.normalize('NFKD').replace(/\p{M}/gu, ''),
  })),
];
await writeFile(new URL('./search-queries.json', import.meta.url), `${JSON.stringify(queries, null, 1)}\n`);
process.stdout.write(`${queries.length} queries written\n`);
