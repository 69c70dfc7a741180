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
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { queryRows } from '../src/db/query.ts';
import { insertUser } from '../src/features/auth/auth.repo.ts';
import { createApiToken } from '../src/features/auth/auth.tokens.service.ts';
import { loadActor } from '../src/features/auth/auth.users.service.ts';
import { buildPartnershipGraph } from '../src/features/door-opener/door-opener.graph.ts';
import { importWorld } from '../src/features/imports/world/world.import.ts';

const TARGETS = 200;
const WRITES = 5;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

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

async function main() {
  const work = await mkdtemp(path.join(tmpdir(), 'citybridge-bench-door-opener-'));
  const lines: string[] = [];
  const run = async (engine: string, database: Database, imported: boolean) => {
    await database.migrate();
    if (!imported) {
      process.stderr.write(`Importing the world data on ${engine}\n`);
      await importWorld(database);
    }
    process.stderr.write(`Door-opener on ${engine}\n`);
    for (const [measure, figure, target] of doorOpenerRows(await doorOpenerBenchmarks(database)))
      lines.push(`| ${measure} | ${engine} | ${figure} | ${target} |`);
    await database.close();
  };
  try {
    const given = process.env.CITYBRIDGE_DATA_DIR;
    // A copy: the benchmark adds a network and saves a tie, which a kept data folder should not get.
    if (given) await cp(path.join(given, 'db'), path.join(work, 'db'), { recursive: true });
    await run('PGlite', await openDatabase({ engine: 'pglite', dataDir: path.join(work, 'db') }), !!given);
    const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
    const reachable = await admin.connect().then(
      () => true,
      () => false,
    );
    if (reachable) {
      const name = `citybridge_bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`create database "${name}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      try {
        await run('PostgreSQL', await openDatabase({ engine: 'postgres', url: url.toString() }), false);
      } finally {
        await admin.query(`drop database if exists "${name}" with (force)`);
      }
      await admin.end();
    } else {
      process.stderr.write('  PostgreSQL not reachable: its figures are left out\n');
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  process.stdout.write(`| measure | engine | figure | target |\n|---|---|---|---|\n${lines.join('\n')}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
