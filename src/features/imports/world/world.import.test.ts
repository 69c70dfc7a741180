import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { worldMiniFiles } from '../../../../test/helpers/fixtures.ts';
import { queryRows } from '../../../db/query.ts';
import {
  importRuns,
  partnershipParties,
  partnershipSources,
  partnerships,
  placeNames,
  placeOrigins,
  places,
} from '../../../db/schema.ts';
import { type Gazetteer, loadGazetteer } from './gazetteer.ts';
import { importWorld } from './world.import.ts';

let database: TestDatabase;
let gazetteer: Gazetteer;

/** A fingerprint of every registry table, to prove that a run changed nothing. */
async function snapshot(db: TestDatabase['db']) {
  return queryRows(
    db,
    sql`select
      (select count(*) from places)::int as places,
      (select md5(string_agg(p::text, ',' order by p.id)) from places p) as places_hash,
      (select md5(string_agg(n::text, ',' order by n.id)) from place_names n) as names_hash,
      (select md5(string_agg(o::text, ',' order by o.id)) from place_origins o) as origins_hash,
      (select md5(string_agg(t::text, ',' order by t.id)) from partnerships t) as ties_hash,
      (select md5(string_agg(pp::text, ',' order by pp.id)) from partnership_parties pp) as parties_hash,
      (select md5(string_agg(ps::text, ',' order by ps.id)) from partnership_sources ps) as sources_hash,
      (select revision from data_revisions where name = 'registry') as revision`,
  );
}

beforeAll(async () => {
  [database, gazetteer] = await Promise.all([createTestDatabase(), loadGazetteer()]);
});
afterAll(() => database.destroy());

describe('importWorld on the fixture', () => {
  it('writes places, names, ties, parties and provenance', async () => {
    const summary = await importWorld(database, { files: worldMiniFiles(), gazetteer });
    expect(summary.changed).toBe(true);
    expect(summary.counts.partnershipsCreated).toBe(summary.counts.partnerships);
    const { db } = database;

    const [espoo] = await db.select().from(places).where(eq(places.wikidataQid, 'Q47034'));
    expect(espoo).toMatchObject({ name: 'Espoo', country: 'FI', geonamesId: 660158, kind: 'municipality' });
    // The first-level region comes with the GeoNames place: Uusimaa, and Shanghai's own.
    expect(espoo!.admin1).toBe('FI.01');
    const [shanghai] = await db.select().from(places).where(eq(places.wikidataQid, 'Q8686'));
    expect(shanghai!.admin1).toBe('CN.23');
    const names = await db.select().from(placeNames).where(eq(placeNames.placeId, espoo!.id));
    expect(names.map((name) => `${name.lang}:${name.name}`).sort()).toEqual([
      'en:Espoo',
      'fi:Espoo',
      'sv:Esbo',
    ]);
    expect(names.find((name) => name.name === 'Esbo')!.searchKey).toBe('esbo');

    // Every tie has two parties and at least one source row; no tie is duplicated.
    const [ties] = await queryRows<{ ties: number; without_source: number; duplicates: number }>(
      db,
      sql`select count(*)::int as ties,
        count(*) filter (where not exists (select 1 from partnership_sources s where s.partnership_id = p.id))::int
          as without_source,
        (select count(*) from (select party_key from partnerships group by kind, party_key having count(*) > 1) d)::int
          as duplicates
      from partnerships p`,
    );
    expect(ties).toEqual({ ties: summary.counts.partnerships, without_source: 0, duplicates: 0 });
    const [parties] = await db.select({ n: count() }).from(partnershipParties);
    expect(parties!.n).toBe(summary.counts.partnerships * 2);

    // Espoo–Shanghai keeps all three source rows, each with its line.
    const rows = await queryRows<{ raw: { line: number } }>(
      db,
      sql`select ps.raw from partnership_sources ps
        join partnerships p on p.id = ps.partnership_id
        join partnership_parties a on a.partnership_id = p.id join places pa on pa.id = a.place_id
        join partnership_parties b on b.partnership_id = p.id join places pb on pb.id = b.place_id
        where pa.wikidata_qid = 'Q47034' and pb.wikidata_qid = 'Q8686' order by ps.id`,
    );
    expect(rows.map((row) => row.raw.line)).toEqual([2, 3, 2]);

    const [espooCount] = await db
      .select({ n: places.partnerCount })
      .from(places)
      .where(eq(places.id, espoo!.id));
    expect(espooCount!.n).toBe(6); // Shanghai, Kristianstad, Nõmme, Perth, Portland, Grybów
    const [run] = await db.select().from(importRuns).where(eq(importRuns.id, summary.runId));
    expect(run).toMatchObject({ status: 'succeeded', dataset: 'world' });
    expect(run!.files.map((file) => file.rows)).toEqual([6, 4, 13, 12, 3]);
  });

  it('changes nothing when run again, and says so', async () => {
    const before = await snapshot(database.db);
    const summary = await importWorld(database, { files: worldMiniFiles(), gazetteer });
    expect(summary.changed).toBe(false);
    expect(summary.counts).toMatchObject({
      placesCreated: 0,
      placesUpdated: 0,
      namesAdded: 0,
      originsAdded: 0,
      partnershipsCreated: 0,
      sourceRecordsAdded: 0,
      partnerCountsUpdated: 0,
    });
    expect(await snapshot(database.db)).toEqual(before);
  });

  it('keeps names users added and re-uses places found by any earlier source key', async () => {
    const { db } = database;
    const [tallinn] = await db.select().from(places).where(eq(places.name, 'Tallinn'));
    await db.insert(placeNames).values({ placeId: tallinn!.id, name: 'Reval', lang: 'de', kind: 'alias' });
    const summary = await importWorld(database, { files: worldMiniFiles(), gazetteer });
    expect(summary.counts.placesCreated).toBe(0);
    const names = await db.select().from(placeNames).where(eq(placeNames.placeId, tallinn!.id));
    expect(names.map((name) => name.name)).toContain('Reval');
  });

  it('leaves the database as it was when the import fails half way', async () => {
    const other = await createTestDatabase();
    try {
      // Writing the source rows fails (a trigger stands in for a full disk); nothing written before may remain.
      await other.db.execute(sql`create function cb_fail() returns trigger language plpgsql as
        $$ begin raise exception 'disk full' using errcode = '53100'; end $$`);
      await other.db.execute(
        sql`create trigger fail_sources before insert on partnership_sources for each statement execute function cb_fail()`,
      );
      await expect(importWorld(other, { files: worldMiniFiles(), gazetteer })).rejects.toThrow();
      const [placeCount] = await other.db.select({ n: count() }).from(places);
      const [originCount] = await other.db.select({ n: count() }).from(placeOrigins);
      const [tieCount] = await other.db.select({ n: count() }).from(partnerships);
      const [sourceCount] = await other.db.select({ n: count() }).from(partnershipSources);
      expect([placeCount!.n, originCount!.n, tieCount!.n, sourceCount!.n]).toEqual([0, 0, 0, 0]);
      const runs = await other.db.select().from(importRuns);
      expect(runs).toHaveLength(1);
      expect(runs[0]!.status).toBe('failed');
      expect(runs[0]!.error).toContain('disk full');
    } finally {
      await other.destroy();
    }
  });
});
