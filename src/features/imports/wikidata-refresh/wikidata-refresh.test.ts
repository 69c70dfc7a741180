import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { makePartnership } from '../../../../test/helpers/factories.ts';
import { worldMiniFiles } from '../../../../test/helpers/fixtures.ts';
import { queryRows } from '../../../db/query.ts';
import { importRuns, placeNames, places } from '../../../db/schema.ts';
import { type Gazetteer, loadGazetteer } from '../world/gazetteer.ts';
import { importWorld } from '../world/world.import.ts';
import type { RefreshDiff } from './wikidata-refresh.schema.ts';
import {
  applyRefreshDiff,
  createRefreshDiff,
  type ExtractFiles,
  getRefreshDiff,
  listRefreshDiffs,
} from './wikidata-refresh.service.ts';

const NEWER = path.resolve('test/fixtures/wikidata-refresh');
const SHIPPED_SHAPE = path.resolve('test/fixtures/world-mini/twin-towns');

let database: TestDatabase;
let gazetteer: Gazetteer;
let reportsDir: string;
let scratch: string;

/** The extract files in a folder of the shipped layout. */
const extract = (folder: string): ExtractFiles => ({
  nodes: { path: path.join(folder, 'wikidata_p190_nodes.tsv'), fileName: 'wikidata_p190_nodes.tsv' },
  links: { path: path.join(folder, 'wikidata_p190_links.tsv'), fileName: 'wikidata_p190_links.tsv' },
});
const options = () => ({ reportsDir, gazetteer });

/** A fingerprint of the registry, its history and its import runs, to prove that something changed nothing. */
async function snapshot() {
  const [row] = await queryRows<Record<string, string | number>>(
    database.db,
    sql`select
      (select md5(string_agg(p::text, ',' order by p.id)) from places p) as places,
      (select md5(string_agg(n::text, ',' order by n.id)) from place_names n) as names,
      (select md5(string_agg(o::text, ',' order by o.id)) from place_origins o) as origins,
      (select md5(string_agg(t::text, ',' order by t.id)) from partnerships t) as ties,
      (select md5(string_agg(pp::text, ',' order by pp.id)) from partnership_parties pp) as parties,
      (select md5(string_agg(ps::text, ',' order by ps.id)) from partnership_sources ps) as sources,
      (select count(*) from audit_events)::int as audit_events,
      (select count(*) from import_runs)::int as import_runs,
      (select revision from data_revisions where name = 'registry') as revision`,
  );
  return row!;
}

/** The tie between the places of these QIDs: its id, whether deleted, and its records as `source:key`. */
async function tieOf(qidA: string, qidB: string) {
  const [tie] = await queryRows<{ id: number; deleted: boolean }>(
    database.db,
    sql`select t.id, t.deleted_at is not null as deleted from partnerships t
      join partnership_parties a on a.partnership_id = t.id join places pa on pa.id = a.place_id
      join partnership_parties b on b.partnership_id = t.id join places pb on pb.id = b.place_id
      left join place_origins oa on oa.place_id = pa.id and oa.external_key = ${qidA}
      left join place_origins ob on ob.place_id = pb.id and ob.external_key = ${qidB}
      where (pa.wikidata_qid = ${qidA} or oa.id is not null) and (pb.wikidata_qid = ${qidB} or ob.id is not null)`,
  );
  if (!tie) return undefined;
  const records = await queryRows<{ record: string }>(
    database.db,
    sql`select s.key || ':' || ps.record_key as record from partnership_sources ps
      join sources s on s.id = ps.source_id where ps.partnership_id = ${tie.id} order by ps.id`,
  );
  return { ...tie, records: records.map((row) => row.record) };
}

async function historyOf(entityType: string, entityId: number) {
  return queryRows<{ action: string; actor: string }>(
    database.db,
    sql`select action, actor_label as actor from audit_events
      where entity_type = ${entityType} and entity_id = ${entityId} order by id`,
  );
}

async function placeOf(qid: string) {
  const [place] = await database.db.select().from(places).where(eq(places.wikidataQid, qid));
  return place!;
}

beforeAll(async () => {
  [database, gazetteer] = await Promise.all([createTestDatabase(), loadGazetteer()]);
  reportsDir = await mkdtemp(path.join(tmpdir(), 'citybridge-refresh-'));
  scratch = await mkdtemp(path.join(tmpdir(), 'citybridge-refresh-files-'));
  await importWorld(database, { files: worldMiniFiles(), gazetteer });
  // People's work: an editor confirmed Stockholm's side of Stockholm–Tokyo, and someone renamed Stockholm.
  const stockholmTokyo = await tieOf('Q1754', 'Q1490');
  await database.db.execute(
    sql`update partnership_parties set confirmed_at = now() where partnership_id = ${stockholmTokyo!.id}
      and place_id = (select id from places where wikidata_qid = 'Q1754')`,
  );
  await database.db.update(places).set({ name: 'Stockholm (City)' }).where(eq(places.wikidataQid, 'Q1754'));
});
afterAll(async () => {
  await database.destroy();
  await rm(reportsDir, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

describe('a Wikidata refresh from a newer extract', () => {
  let diff: RefreshDiff;

  it('makes a diff of new, gone and changed, saying what applying does, and changes nothing', async () => {
    const before = await snapshot();
    diff = await createRefreshDiff(database, extract(NEWER), options());
    expect(await snapshot()).toEqual(before);

    expect(diff.counts).toEqual({
      new: 3,
      gone: 3,
      changed: 3,
      unresolved: 1,
      placesCreated: 1,
      recordsAdded: 3,
      recordsRemoved: 4,
      tiesWithdrawn: 1,
    });
    expect(
      diff.new.map((entry) => ({
        places: entry.places.map((place) => `${place.name} ${place.qid} ${place.placeId ? 'known' : 'new'}`),
        records: entry.records,
        action: entry.action,
        tie: entry.tieId !== null,
      })),
    ).toEqual([
      {
        places: ['Tokyo Metropolis Q1490 known', 'Espoo Q47034 known'],
        records: ['Q47034\tQ1490'],
        action: 'create',
        tie: false,
      },
      // London came from the Wikipedia lists (matched by its GeoNames place), and so did its tie with Tokyo.
      {
        places: ['Tokyo Metropolis Q1490 known', 'London Q84 known'],
        records: ['Q84\tQ1490'],
        action: 'add_source',
        tie: true,
      },
      {
        places: ['Copenhagen Q1748 new', 'Espoo Q47034 known'],
        records: ['Q1748\tQ47034'],
        action: 'create',
        tie: false,
      },
    ]);
    expect(
      diff.gone.map((entry) => ({
        places: entry.places.map((place) => place.qid),
        records: entry.records,
        otherSources: entry.otherSources,
        userWork: entry.userWork,
        action: entry.action,
      })),
    ).toEqual([
      {
        places: ['Q47034', 'Q8686'],
        records: ['Q47034\tQ8686', 'Q8686\tQ47034'],
        otherSources: ['wikipedia-twin-town-lists'],
        userWork: [],
        action: 'remove_source',
      },
      {
        places: ['Q102158', 'Q170478'],
        records: ['Q102158\tQ170478'],
        otherSources: [],
        userWork: [],
        action: 'withdraw',
      },
      {
        places: ['Q1754', 'Q1490'],
        records: ['Q1754\tQ1490'],
        otherSources: [],
        userWork: ['confirmed'],
        action: 'keep',
      },
    ]);
    expect(
      diff.changed.map(({ qid, before: was, after, changes, applies }) => ({
        qid,
        was,
        after,
        changes,
        applies,
      })),
    ).toEqual([
      {
        qid: 'Q8686',
        was: { name: 'Shanghai', country: 'CN', lat: 31.224361111, lng: 121.469444444 },
        after: { name: 'Shanghai', country: 'CN', lat: 31.2304, lng: 121.4737 },
        changes: ['coordinates'],
        applies: ['coordinates'],
      },
      // Someone renamed Stockholm: Wikidata's new name does not replace theirs.
      {
        qid: 'Q1754',
        was: expect.objectContaining({ name: 'Stockholm' }),
        after: expect.objectContaining({ name: 'Stockholm Municipality' }),
        changes: ['name'],
        applies: [],
      },
      {
        qid: 'Q1490',
        was: expect.objectContaining({ name: 'Tokyo' }),
        after: expect.objectContaining({ name: 'Tokyo Metropolis' }),
        changes: ['name'],
        applies: ['name'],
      },
    ]);
    expect(diff.unresolved).toEqual([
      expect.objectContaining({ line: 5, reason: 'not among the Wikidata cities: Q999999999' }),
    ]);

    // Kept for review, with the files it was made from.
    expect(await getRefreshDiff(reportsDir, diff.id)).toEqual(diff);
    const kept = JSON.parse(
      await readFile(path.join(reportsDir, `wikidata-refresh-${diff.id}.json`), 'utf8'),
    );
    expect(kept.id).toBe(diff.id);
    expect(await readdir(reportsDir)).toEqual(
      expect.arrayContaining([
        `wikidata-refresh-${diff.id}.nodes.tsv`,
        `wikidata-refresh-${diff.id}.links.tsv`,
      ]),
    );
    expect((await listRefreshDiffs(reportsDir)).map((item) => item.id)).toEqual([diff.id]);
  });

  it('applies the reviewed diff in one import run, audited, keeping what people did', async () => {
    const result = await applyRefreshDiff(database, null, diff.id, options());
    expect(result).toMatchObject({ id: diff.id, alreadyApplied: false });
    expect(result.counts).toMatchObject({
      placesCreated: 1,
      partnershipsCreated: 2,
      sourceRecordsAdded: 3,
      recordsRemoved: 4,
      tiesWithdrawn: 1,
      tiesReinstated: 0,
      placesChanged: 2,
      originsUpdated: 3,
    });

    // New ties, each with its record and history.
    const espooTokyo = (await tieOf('Q47034', 'Q1490'))!;
    expect(espooTokyo).toMatchObject({ deleted: false, records: ['wikidata-p190:Q47034\tQ1490'] });
    expect(await historyOf('partnership', espooTokyo.id)).toEqual([
      { action: 'import', actor: 'command line' },
    ]);
    expect(await tieOf('Q1748', 'Q47034')).toMatchObject({ deleted: false });
    expect((await placeOf('Q1748')).name).toBe('Copenhagen');
    expect((await tieOf('Q84', 'Q1490'))!.records).toContain('wikidata-p190:Q84\tQ1490');

    // Gone links: the Wikidata records go; a tie no one else reports or worked on is withdrawn.
    expect(await tieOf('Q47034', 'Q8686')).toMatchObject({
      deleted: false,
      records: ['wikipedia-twin-town-lists:Shanghai|China|Espoo|Finland'],
    });
    const narva = (await tieOf('Q102158', 'Q170478'))!;
    expect(narva).toMatchObject({ deleted: true, records: [] });
    expect((await historyOf('partnership', narva.id)).map((event) => event.action)).toEqual(['withdraw']);
    expect(await tieOf('Q1754', 'Q1490')).toMatchObject({ deleted: false, records: [] });

    // Changed cities: only the values that still came from Wikidata.
    const shanghai = await placeOf('Q8686');
    expect([shanghai.lat, shanghai.lng]).toEqual([31.2304, 121.4737]);
    expect((await historyOf('place', shanghai.id)).map((event) => event.action)).toEqual(['import']);
    expect((await placeOf('Q1754')).name).toBe('Stockholm (City)');
    const tokyo = await placeOf('Q1490');
    expect(tokyo.name).toBe('Tokyo Metropolis');
    const tokyoNames = await database.db.select().from(placeNames).where(eq(placeNames.placeId, tokyo.id));
    expect(tokyoNames.map((name) => `${name.lang}:${name.name}:${name.kind}`).sort()).toEqual([
      'en:Tokyo Metropolis:official',
      'en:Tokyo:alias',
    ]);

    const [run] = await database.db.select().from(importRuns).where(eq(importRuns.id, result.runId));
    expect(run).toMatchObject({
      dataset: 'wikidata-refresh',
      status: 'succeeded',
      reportPath: path.join(reportsDir, `wikidata-refresh-${diff.id}.json`),
    });
    expect(run!.files.map((file) => file.path)).toEqual([
      'wikidata_p190_nodes.tsv',
      'wikidata_p190_links.tsv',
    ]);
    expect((await getRefreshDiff(reportsDir, diff.id)).applied).toMatchObject({ runId: result.runId });
  });

  it('changes nothing when the diff is applied again, and finds nothing more to do in the same extract', async () => {
    const before = await snapshot();
    const again = await applyRefreshDiff(database, null, diff.id, options());
    expect(again).toMatchObject({ id: diff.id, alreadyApplied: true });
    expect(await snapshot()).toEqual(before);

    const next = await createRefreshDiff(database, extract(NEWER), options());
    expect(next.counts).toMatchObject({ new: 0, gone: 0, changed: 0, recordsAdded: 0, recordsRemoved: 0 });
    await applyRefreshDiff(database, null, next.id, options());
    expect(await snapshot()).toMatchObject({ ...before, import_runs: Number(before.import_runs) + 1 });
  });

  it('refuses a diff made before the registry changed, and changes nothing', async () => {
    const stale = await createRefreshDiff(database, extract(SHIPPED_SHAPE), options());
    await makePartnership(database.db, [(await placeOf('Q47034')).id, (await placeOf('Q1748')).id], {
      kind: 'mou',
    });
    const before = await snapshot();
    await expect(applyRefreshDiff(database, null, stale.id, options())).rejects.toMatchObject({
      code: 'REFRESH_STALE',
      statusCode: 409,
    });
    expect(await snapshot()).toEqual(before);
    expect((await getRefreshDiff(reportsDir, stale.id)).applied).toBeNull();
  });

  it('refuses a diff when applying would now do something else than it says', async () => {
    const diffed = await createRefreshDiff(database, extract(SHIPPED_SHAPE), options());
    const espooTokyo = (await tieOf('Q47034', 'Q1490'))!;
    expect(diffed.gone.find((entry) => entry.tieId === espooTokyo.id)?.action).toBe('withdraw');
    // An editor confirms the tie: no change to what the public sees, so the registry's revision stays.
    await database.db.execute(
      sql`update partnership_parties set confirmed_at = now() where partnership_id = ${espooTokyo.id}`,
    );
    const before = await snapshot();
    await expect(applyRefreshDiff(database, null, diffed.id, options())).rejects.toMatchObject({
      code: 'REFRESH_STALE',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('brings back a tie it withdrew when a later extract has the link again', async () => {
    const diffed = await createRefreshDiff(database, extract(SHIPPED_SHAPE), options());
    const narva = (await tieOf('Q102158', 'Q170478'))!;
    expect(diffed.new.find((entry) => entry.tieId === narva.id)).toMatchObject({ action: 'reinstate' });
    expect(diffed.gone.find((entry) => entry.places.some((place) => place.qid === 'Q1748'))).toMatchObject({
      action: 'withdraw',
    });
    await applyRefreshDiff(database, null, diffed.id, options());
    expect(await tieOf('Q102158', 'Q170478')).toMatchObject({
      deleted: false,
      records: ['wikidata-p190:Q102158\tQ170478'],
    });
    expect((await historyOf('partnership', narva.id)).map((event) => event.action)).toEqual([
      'withdraw',
      'reinstate',
    ]);
    // Espoo–Tokyo was confirmed by then: it stays, without its Wikidata record.
    expect(await tieOf('Q47034', 'Q1490')).toMatchObject({ deleted: false, records: [] });
    expect(await tieOf('Q1748', 'Q47034')).toMatchObject({ deleted: true });
  });

  it('refuses files that are not a Wikidata extract, keeping nothing', async () => {
    const write = async (name: string, content: string | Buffer) => {
      const file = path.join(scratch, name);
      await writeFile(file, content);
      return file;
    };
    const links = path.join(NEWER, 'wikidata_p190_links.tsv');
    const nodes = path.join(NEWER, 'wikidata_p190_nodes.tsv');
    const cases: [ExtractFiles, string, string][] = [
      [
        {
          nodes: { path: await write('wrong.tsv', 'city\tlat\nEspoo\t60\n'), fileName: 'x' },
          links: { path: links, fileName: 'y' },
        },
        'nodes',
        'lacks the columns id, name, lng, country, countrycd, continent',
      ],
      [
        {
          nodes: { path: nodes, fileName: 'x' },
          links: { path: await write('empty.tsv', ''), fileName: 'y' },
        },
        'links',
        'has no rows',
      ],
      [
        {
          nodes: { path: nodes, fileName: 'x' },
          links: { path: await write('header.tsv', 'source\ttarget\n'), fileName: 'y' },
        },
        'links',
        'has no rows',
      ],
      [
        {
          nodes: { path: nodes, fileName: 'x' },
          links: { path: await write('ragged.tsv', 'source\ttarget\nQ1\tQ2\tQ3\n'), fileName: 'y' },
        },
        'links',
        'Invalid Record Length',
      ],
      [
        {
          nodes: {
            path: await write('binary.tsv', Buffer.from([0, 159, 146, 150, 255, 10, 1, 2])),
            fileName: 'x',
          },
          links: { path: links, fileName: 'y' },
        },
        'nodes',
        'lacks the columns',
      ],
    ];
    const kept = await readdir(reportsDir);
    for (const [files, field, message] of cases) {
      const refused = await createRefreshDiff(database, files, options()).catch((error: unknown) => error);
      expect(refused).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field, message: expect.stringContaining(message) }],
      });
    }
    expect(await readdir(reportsDir)).toEqual(kept);
  });

  it('answers REFRESH_NOT_FOUND for a diff it does not keep', async () => {
    await expect(applyRefreshDiff(database, null, '0123456789ab', options())).rejects.toMatchObject({
      code: 'REFRESH_NOT_FOUND',
    });
  });
});
