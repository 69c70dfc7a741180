/**
 * `npm run bench`: measures the registry's performance targets and prints a table of figures.
 *
 * - first-start import of the shipped world data, on PGlite and on PostgreSQL
 * - the serving process as `npm start` runs it: the first start with its import, restart to serving next to the
 *   floor, resident memory with a breakdown, and with BENCH_SOAK=1 a 10-minute soak (bench/service.ts)
 * - place search over the fixed list in bench/search-queries.json: p50 / p95 / p99
 * - GET /api/places/{id}/partners under load (autocannon, 10 connections) against a bare route in the same run
 * - peak resident memory of the serving process on PGlite
 * - GET /api/network and /api/places/{id}/partners read-only and beside one editor saving ties through the API
 * - events: inviting 300 places, an event page's API, an organisation's iCalendar feed of 1,000 events
 * - campaigns: the results of 300 members × 50 questions, their XLSX export, autosave p95 (bench/campaigns.ts)
 * - server-rendered public pages: a place page and an article page p50 / p95 and their bytes (bench/pages.ts)
 * - door-opener: p95 over 200 fixed targets from a city and from a 21-member network, the graph's rebuild after a
 *   write (bench/door-opener.ts)
 * - duplicate places: the finder's precision and recall on the hand-checked pairs, what the import merged and
 *   what waits for review (bench/duplicates.ts)
 * - a 10,000-row spreadsheet import: its dry run, its commit and a second commit, next to reading the file
 *   (bench/imports.ts)
 *
 * PostgreSQL figures use DATABASE_URL, or postgres://postgres@127.0.0.1:5432/postgres when it answers;
 * a database of the benchmark's own is created there and dropped afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { insertUser } from '../src/features/auth/auth.repo.ts';
import { createApiToken } from '../src/features/auth/auth.tokens.service.ts';
import { loadActor } from '../src/features/auth/auth.users.service.ts';
import { importWorld } from '../src/features/imports/world/world.import.ts';
import { backupBenchmarks } from './backup.ts';
import { campaignBenchmarks, campaignRows } from './campaigns.ts';
import { doorOpenerBenchmarks, doorOpenerRows } from './door-opener.ts';
import { duplicateBenchmarks, duplicateRows } from './duplicates.ts';
import { eventBenchmarks } from './events.ts';
import { exportBenchmarks, exportRows } from './exports.ts';
import { ms } from './figures.ts';
import { importBenchmarks, importRows } from './imports.ts';
import { pageBenchmarks, pageRows } from './pages.ts';
import { firstStartBenchmark, memoryOf, serviceBenchmarks, stop } from './service.ts';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const rows: [string, string, string, string][] = [];
const record = (measure: string, engine: string, value: string, target: string) => {
  rows.push([measure, engine, value, target]);
  process.stderr.write(`  ${measure} [${engine}]: ${value}\n`);
};
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function postgresUrl(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch {
    return undefined;
  }
}

async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `citybridge_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

async function timedImport(database: Database): Promise<number> {
  const started = performance.now();
  await database.migrate();
  await importWorld(database);
  return performance.now() - started;
}

/** Starts a child process and resolves with the first JSON line it prints that has a `url`. */
function startChild(
  command: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => reject(new Error(`${command.join(' ')} did not start in 120 s`)), 120_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: string };
        if (parsed.url) {
          clearTimeout(timer);
          resolve({ child, url: parsed.url });
        }
      } catch {
        // not a JSON line
      }
    });
    child.on('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code}`)));
  });
}

async function searchLatencies(database: Database) {
  const queries = JSON.parse(await readFile(new URL('./search-queries.json', import.meta.url), 'utf8')) as {
    kind: string;
    q: string;
  }[];
  const app = await buildApp({ database });
  await app.ready();
  for (const { q } of queries) await app.inject({ url: '/api/places', query: { q } }); // warm-up pass
  const timings: number[] = [];
  let empty = 0;
  for (const { q } of queries) {
    const started = performance.now();
    const response = await app.inject({ url: '/api/places', query: { q } });
    timings.push(performance.now() - started);
    if (response.statusCode !== 200) throw new Error(`search ${q} answered ${response.statusCode}`);
    if (response.json().results.length === 0) empty += 1;
  }
  await app.close();
  const sorted = [...timings].sort((a, b) => a - b);
  return {
    count: queries.length,
    empty,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

async function load(url: string, paths: () => string, headers: Record<string, string> = {}) {
  const result = await autocannon({
    url,
    connections: 10,
    duration: DURATION_S,
    headers,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths() }) }],
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function loadBenchmark(engine: string, env: NodeJS.ProcessEnv) {
  const { child, url } = await startChild(['--import', 'tsx', path.resolve('bench/serve-target.ts')], env);
  try {
    const network = (await (await fetch(`${url}/api/network`)).json()) as { places: { ids: number[] } };
    // A fixed spread of 2,000 places keeps the warm-up short while covering big and small partner lists.
    const all = network.places.ids;
    const ids = Array.from(
      { length: Math.min(2000, all.length) },
      (_, index) => all[Math.floor((index * all.length) / 2000)]!,
    );
    let next = 0;
    const partnerPath = () => `/api/places/${ids[(next++ * 7919) % ids.length]}/partners`;
    // Warm the read model the way a running server is warm, timing each first (database) read on the way.
    const cold: number[] = [];
    for (let index = 0; index < ids.length; index += 1) {
      const started = performance.now();
      await (await fetch(`${url}${partnerPath()}`)).arrayBuffer();
      cold.push(performance.now() - started);
    }
    cold.sort((a, b) => a - b);
    record(
      'partners, first read of each place p50 / p95',
      engine,
      `${ms(percentile(cold, 50))} / ${ms(percentile(cold, 95))} (${cold.length} places)`,
      '—',
    );
    const bare = await load(url, () => '/bench/bare');
    const partners = await load(url, partnerPath);
    record('bare route', engine, `${Math.round(bare.rps)} req/s, p99 ${bare.p99} ms`, 'baseline');
    record(
      'GET /api/places/{id}/partners',
      engine,
      `${Math.round(partners.rps)} req/s (${Math.round((100 * partners.rps) / bare.rps)} % of bare), p99 ${partners.p99} ms` +
        (partners.errors ? `, ${partners.errors} errors` : ''),
      '≥ 50 % of bare, p99 ≤ 20 ms',
    );
    if (engine === 'PGlite')
      record(
        'peak RSS of this harness (sources through tsx)',
        engine,
        `${(await memoryOf(child.pid!)).peak.toFixed(0)} MB`,
        '—',
      );
  } finally {
    await stop(child);
  }
}

/** An administrator's API token in the benchmark's own database, for the editor that saves ties. */
async function createEditorToken(database: Database): Promise<string> {
  const user = await insertUser(database.db, {
    email: `bench-${randomBytes(4).toString('hex')}@example.org`,
    name: 'Bench editor',
    isAdmin: true,
    passwordHash: null,
  });
  const { token } = await createApiToken(database.db, await loadActor(database.db, user, 'session'), 'bench');
  return token;
}

/**
 * One editor saving about `perSecond` ties a second through the API, as the workspace does: it reads the tie,
 * then sends its status changed (active ↔ dormant) with the version it read.
 */
function startEditor(url: string, token: string, tieIds: number[], perSecond: number) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  let running = true;
  let saved = 0;
  let failed = 0;
  const started = performance.now();
  const loop = (async () => {
    for (let index = 0; running; index += 1) {
      const due = started + (index * 1000) / perSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const id = tieIds[index % tieIds.length]!;
      try {
        const tie = (await (await fetch(`${url}/api/partnerships/${id}`, { headers })).json()) as {
          version: number;
          status: string;
        };
        const response = await fetch(`${url}/api/partnerships/${id}`, {
          method: 'PATCH',
          headers,
          body: JSON.stringify({
            version: tie.version,
            status: tie.status === 'active' ? 'dormant' : 'active',
          }),
        });
        await response.arrayBuffer();
        if (response.ok) saved += 1;
        else failed += 1;
      } catch {
        failed += 1;
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { saved, failed, perSecond: saved / ((performance.now() - started) / 1000) };
    },
  };
}

/**
 * The hot public reads read-only, then beside a steady write load, on a real listening server: how much of their
 * throughput the reads keep while the registry changes under them.
 */
async function readsBesideWrites(
  engine: string,
  env: NodeJS.ProcessEnv,
  openBenchDatabase: () => Promise<Database>,
) {
  const database = await openBenchDatabase();
  const token = await createEditorToken(database);
  await database.close();
  const { child, url } = await startChild(['--import', 'tsx', path.resolve('bench/serve-target.ts')], env);
  try {
    const ids = ((await (await fetch(`${url}/api/network`)).json()) as { places: { ids: number[] } }).places
      .ids;
    const spread = Array.from({ length: Math.min(2000, ids.length) }, (_, index) => {
      return ids[Math.floor((index * ids.length) / Math.min(2000, ids.length))]!;
    });
    // The editor saves active ties of the places read, so its writes drop partners lists the readers use.
    const tieIds = new Set<number>();
    for (const id of spread) {
      const { partners } = (await (await fetch(`${url}/api/places/${id}/partners`)).json()) as {
        partners: { partnershipId: number; status: string }[];
      };
      for (const partner of partners) if (partner.status === 'active') tieIds.add(partner.partnershipId);
    }
    let next = 0;
    const partnerPath = () => `/api/places/${spread[(next++ * 7919) % spread.length]}/partners`;
    const measure = async () => {
      const network = await load(url, () => '/api/network', { 'accept-encoding': 'br, gzip' });
      const partners = await load(url, partnerPath);
      return { network, partners };
    };
    const readOnly = await measure();
    const editor = startEditor(url, token, [...tieIds].slice(0, 500), 7);
    const loaded = await measure();
    const writes = await editor.stop();
    const figure = (route: keyof typeof readOnly) => {
      const [before, after] = [readOnly[route], loaded[route]];
      return (
        `${Math.round(before.rps)} → ${Math.round(after.rps)} req/s (${Math.round((100 * after.rps) / before.rps)} %), ` +
        `p99 ${before.p99} → ${after.p99} ms` +
        (before.errors + after.errors ? `, ${before.errors + after.errors} errors` : '')
      );
    };
    record(
      'GET /api/network (br), read-only → beside writes',
      engine,
      figure('network'),
      'beside writes ≥ 50 %',
    );
    record(
      'GET /api/places/{id}/partners, read-only → beside writes',
      engine,
      figure('partners'),
      'beside writes ≥ 50 %',
    );
    record(
      'ties saved through the API meanwhile',
      engine,
      `${writes.perSecond.toFixed(1)} a second (${writes.saved} saved, ${writes.failed} failed)`,
      '≈ 7 a second',
    );
  } finally {
    await stop(child);
  }
}

async function main() {
  const work = await mkdtemp(path.join(tmpdir(), 'citybridge-bench-'));
  const pgliteDir = path.join(work, 'db');
  const adminUrl = await postgresUrl();
  let postgres: Awaited<ReturnType<typeof createPostgresDatabase>> | undefined;
  try {
    /** Import and search on one engine; the PGlite data folder is kept for the restart and load runs. */
    const importAndSearch = async (
      engine: string,
      database: Database,
      importTarget: string,
      searchTarget: string,
    ) => {
      process.stderr.write(`Import and place search (200 fixed queries) on ${engine}\n`);
      record('first-start import', engine, ms(await timedImport(database)), importTarget);
      const search = await searchLatencies(database);
      record(
        'place search p50 / p95 / p99',
        engine,
        `${ms(search.p50)} / ${ms(search.p95)} / ${ms(search.p99)} (${search.empty} of ${search.count} empty)`,
        searchTarget,
      );
      if (process.env.BENCH_EVENTS !== '0') {
        const events = await eventBenchmarks(database);
        record(
          'invite 300 places in one action (p50 of 9)',
          engine,
          ms(events.inviteP50),
          '≤ 300 ms on PGlite',
        );
        record(
          'event page API p95: 6 sessions, 300 invitations (event / invitations)',
          engine,
          `${ms(events.pageP95)} / ${ms(events.invitationsP95)}`,
          '≤ 20 ms on PGlite',
        );
        record(
          "an organisation's iCalendar feed of 1,000 events (median of 7)",
          engine,
          ms(events.feedMedian),
          '≤ 150 ms on PGlite',
        );
      }
      if (process.env.BENCH_CAMPAIGNS !== '0') {
        for (const [measure, figure, target] of campaignRows(await campaignBenchmarks(database)))
          record(measure, engine, figure, target);
      }
      if (process.env.BENCH_PAGES !== '0') {
        for (const [measure, figure, target] of pageRows(await pageBenchmarks(database)))
          record(measure, engine, figure, target);
      }
      if (process.env.BENCH_EXPORTS !== '0') {
        for (const [measure, figure, target] of exportRows(await exportBenchmarks(database)))
          record(measure, engine, figure, target);
      }
      if (process.env.BENCH_DUPLICATES !== '0') {
        for (const [measure, figure, target] of duplicateRows(await duplicateBenchmarks(database)))
          record(measure, engine, figure, target);
      }
      if (process.env.BENCH_DOOR_OPENER !== '0') {
        for (const [measure, figure, target] of doorOpenerRows(await doorOpenerBenchmarks(database)))
          record(measure, engine, figure, target);
      }
      await database.close();
    };
    await importAndSearch(
      'PGlite',
      await openDatabase({ engine: 'pglite', dataDir: pgliteDir }),
      '≤ 60 s',
      'p95 ≤ 10 ms',
    );
    if (adminUrl) {
      postgres = await createPostgresDatabase(adminUrl);
      await importAndSearch(
        'PostgreSQL',
        await openDatabase({ engine: 'postgres', url: postgres.url }),
        '≤ 20 s',
        '—',
      );
    } else {
      process.stderr.write('  PostgreSQL not reachable: its figures are left out\n');
    }

    process.stderr.write('The serving process (npm start): first start with its import, restarts, memory\n');
    const served = path.join(work, 'served');
    for (const [measure, engine, figure, target] of [
      ...(await firstStartBenchmark(served)),
      ...(await serviceBenchmarks(served, DURATION_S * 1000)),
    ])
      record(measure, engine, figure, target);
    await rm(served, { recursive: true, force: true });

    process.stderr.write(`Load: ${DURATION_S} s per route, 10 connections\n`);
    await loadBenchmark('PGlite', { PGLITE_DIR: pgliteDir, DATABASE_URL: '' });
    if (postgres) await loadBenchmark('PostgreSQL', { DATABASE_URL: postgres.url });

    process.stderr.write(
      `Reads beside writes: ${DURATION_S} s per route and load, 10 connections, ~7 ties saved a second\n`,
    );
    await readsBesideWrites('PGlite', { PGLITE_DIR: pgliteDir, DATABASE_URL: '' }, () =>
      openDatabase({ engine: 'pglite', dataDir: pgliteDir }),
    );
    const postgresUrlOfBench = postgres?.url;
    if (postgresUrlOfBench) {
      await readsBesideWrites('PostgreSQL', { DATABASE_URL: postgresUrlOfBench }, () =>
        openDatabase({ engine: 'postgres', url: postgresUrlOfBench }),
      );
    }
    if (process.env.BENCH_IMPORTS !== '0') {
      // On a copy of the PGlite folder, and last on PostgreSQL: the commit adds 10,000 ties.
      process.stderr.write('A 10,000-row spreadsheet import\n');
      const copy = path.join(work, 'imports-db');
      await cp(pgliteDir, copy, { recursive: true });
      const targets: [string, () => Promise<Database>][] = [
        ['PGlite', () => openDatabase({ engine: 'pglite', dataDir: copy })],
      ];
      const postgresUrlOfImports = postgres?.url;
      if (postgresUrlOfImports)
        targets.push(['PostgreSQL', () => openDatabase({ engine: 'postgres', url: postgresUrlOfImports })]);
      for (const [engine, open] of targets) {
        const database = await open();
        try {
          for (const [measure, figure, target] of importRows(await importBenchmarks(database)))
            record(measure, engine, figure, target);
        } finally {
          await database.close();
        }
      }
    }
    if (process.env.BENCH_BACKUP !== '0') {
      process.stderr.write('Backup and restore of a demo instance\n');
      for (const [measure, engine, figure] of await backupBenchmarks({ db: pgliteDir }))
        rows.push([measure!, engine!, figure!, 'baseline: the folder copy']);
    }
  } finally {
    await postgres?.drop();
    await rm(work, { recursive: true, force: true });
  }

  const header: [string, string, string, string] = ['measure', 'engine', 'figure', 'target'];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  process.stdout.write(
    `${[line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join(
      '\n',
    )}\n`,
  );
}

await main();
