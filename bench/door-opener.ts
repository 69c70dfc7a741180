/**
 * The door-opener search over the whole world data: p50 / p95 of GET /api/door-opener for 200 fixed targets (a
 * spread of the world's tied places, by id), from one city (Espoo) and from a network of Finland's 21 most populous
 * municipalities; the first build of the partnership graph; and, after a tie is saved through the API, the time
 * until the next search answers from the rebuilt graph. Through the app's own routes, in process.
 *
 * `npx tsx bench/door-opener.ts` runs it alone on PGlite and (when it answers) PostgreSQL, importing the world data
 * into a fresh database of each; set CITYBRIDGE_DATA_DIR to a data folder with an imported `db` to use a copy of it
 * on PGlite instead of importing. `npm run bench` runs it with the rest, on the databases it imported.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/client.ts';
import { queryRows } from '../src/db/query.ts';
import { insertUser } from '../src/features/auth/auth.repo.ts';
import { createApiToken } from '../src/features/auth/auth.tokens.service.ts';
import { loadActor } from '../src/features/auth/auth.users.service.ts';
import { buildPartnershipGraph } from '../src/features/door-opener/door-opener.graph.ts';
import { importWorld } from '../src/features/imports/world/world.import.ts';
import { ms, percentile, printOnEngines } from './figures.ts';

const TARGETS = 200;
const WRITES = 5;

export interface DoorOpenerFigures {
  graph: { places: number; ties: number; firstBuildMs: number; buildMedianMs: number };
  fromCity: { p50: number; p95: number; paths: number };
  fromNetwork: { p50: number; p95: number; paths: number };
  afterWriteMedianMs: number;
}

/** Runs the benchmark on a database that holds the imported world data; it adds a network, a user and a write. */
export async function doorOpenerBenchmarks(database: Database): Promise<DoorOpenerFigures> {
  const { db } = database;
  const [espoo] = await queryRows<{ id: number }>(
    db,
    sql`select id from places where name = 'Espoo' and country = 'FI' and merged_into_id is null`,
  );
  if (!espoo) throw new Error('Espoo is not in the database: import the world data first');
  const largest = await queryRows<{ id: number }>(
    db,
    sql`select id from places where country = 'FI' and kind = 'municipality' and merged_into_id is null
        order by population desc nulls last, id limit 21`,
  );
  const [network] = await queryRows<{ id: number }>(
    db,
    sql`insert into networks (kind, name, short_name)
        values ('network', ${JSON.stringify({ en: 'Bench: the 21 largest' })}::jsonb, ${`B21-${randomBytes(3).toString('hex')}`})
        returning id`,
  );
  for (const { id } of largest) {
    await db.execute(sql`insert into network_members (network_id, place_id) values (${network!.id}, ${id})`);
  }
  const tied = await queryRows<{ id: number }>(
    db,
    sql`select id from places where partner_count > 0 and merged_into_id is null order by id`,
  );
  const targets = Array.from(
    { length: Math.min(TARGETS, tied.length) },
    (_, index) => tied[Math.floor((index * tied.length) / TARGETS)]!.id,
  );

  const app = await buildApp({ database });
  await app.ready();
  try {
    const search = async (query: string) => {
      const response = await app.inject({ url: `/api/door-opener?${query}` });
      if (response.statusCode !== 200) throw new Error(`${query} answered ${response.statusCode}`);
      return response.json() as { total: number };
    };
    let started = performance.now();
    await search(`target=${targets[0]}&fromPlace=${espoo.id}`);
    const firstBuildMs = performance.now() - started;
    const graph = await buildPartnershipGraph(db);
    const builds: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      started = performance.now();
      await buildPartnershipGraph(db);
      builds.push(performance.now() - started);
    }

    const timeFrom = async (from: string) => {
      for (const target of targets.slice(0, 20)) await search(`target=${target}&${from}`); // warm-up
      const timings: number[] = [];
      let paths = 0;
      for (const target of targets) {
        started = performance.now();
        paths += (await search(`target=${target}&${from}&lang=fi`)).total;
        timings.push(performance.now() - started);
      }
      return { p50: percentile(timings, 50), p95: percentile(timings, 95), paths };
    };
    const fromCity = await timeFrom(`fromPlace=${espoo.id}`);
    const fromNetwork = await timeFrom(`fromNetwork=${network!.id}`);

    // A write through the API: the graph is dropped at commit and the next search waits for the rebuild.
    const user = await insertUser(db, {
      email: `bench-${randomBytes(4).toString('hex')}@example.org`,
      name: 'Bench editor',
      isAdmin: true,
      passwordHash: null,
    });
    const { token } = await createApiToken(db, await loadActor(db, user, 'session'), 'bench');
    const headers = { authorization: `Bearer ${token}` };
    const [tie] = await queryRows<{ id: number }>(
      db,
      sql`select p.id from partnerships p join partnership_parties pp on pp.partnership_id = p.id
          where pp.place_id = ${espoo.id} and p.is_public and p.status = 'active' order by p.id limit 1`,
    );
    const afterWrite: number[] = [];
    for (let run = 0; run < WRITES; run += 1) {
      const current = (await app.inject({ url: `/api/partnerships/${tie!.id}`, headers })).json() as {
        version: number;
        status: string;
      };
      const saved = await app.inject({
        method: 'PATCH',
        url: `/api/partnerships/${tie!.id}`,
        headers,
        payload: { version: current.version, status: current.status === 'active' ? 'dormant' : 'active' },
      });
      if (saved.statusCode !== 200) throw new Error(`saving the tie answered ${saved.statusCode}`);
      started = performance.now();
      await search(`target=${targets[run]}&fromPlace=${espoo.id}`);
      afterWrite.push(performance.now() - started);
    }
    return {
      graph: { places: graph.order, ties: graph.size, firstBuildMs, buildMedianMs: percentile(builds, 50) },
      fromCity,
      fromNetwork,
      afterWriteMedianMs: percentile(afterWrite, 50),
    };
  } finally {
    await app.close();
  }
}

/** The figures as rows of the benchmark table: measure, figure, target. */
export function doorOpenerRows(figures: DoorOpenerFigures): [string, string, string][] {
  const { graph, fromCity, fromNetwork } = figures;
  return [
    [
      'door-opener graph: first search (build) / rebuild median',
      `${ms(graph.firstBuildMs)} / ${ms(graph.buildMedianMs)} (${graph.places} places, ${graph.ties} edges)`,
      '—',
    ],
    [
      `door-opener p50 / p95, ${TARGETS} targets, from one city`,
      `${ms(fromCity.p50)} / ${ms(fromCity.p95)} (${fromCity.paths} paths)`,
      'p95 ≤ 25 ms on PGlite',
    ],
    [
      `door-opener p50 / p95, ${TARGETS} targets, from a 21-member network`,
      `${ms(fromNetwork.p50)} / ${ms(fromNetwork.p95)} (${fromNetwork.paths} paths)`,
      'p95 ≤ 25 ms on PGlite',
    ],
    ['door-opener: a tie saved → next search answered (median of 5)', ms(figures.afterWriteMedianMs), '—'],
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await printOnEngines(
    'Door-opener',
    async (database) => doorOpenerRows(await doorOpenerBenchmarks(database)),
    {
      pgliteFrom: process.env.CITYBRIDGE_DATA_DIR,
      prepare: async (database, engine) => {
        process.stderr.write(`Importing the world data on ${engine}\n`);
        await importWorld(database);
      },
    },
  );
