import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { FolderLockedError } from '../src/db/folder-lock.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

const run = promisify(execFile);
const bin = path.resolve('bin/citybridge.js');
const fixture = path.resolve('test/fixtures/world-mini');

let dataDir: string;
let database: TestDatabase | undefined;
let env: NodeJS.ProcessEnv;

/** Runs the citybridge command on a database of this test's own. */
const citybridge = (...args: string[]) => run(process.execPath, [bin, ...args], { env, timeout: 120_000 });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'citybridge-cli-'));
  env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase();
    env.DATABASE_URL = database.url;
  }
});
afterAll(async () => {
  await database?.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the citybridge command', () => {
  it('describes every sub-command', async () => {
    const { stdout } = await citybridge('--help');
    for (const command of [
      'serve',
      'migrate',
      'import',
      'search',
      'stats',
      'export',
      'backup',
      'restore',
      'user',
    ])
      expect(stdout).toContain(command);
    const { stdout: importHelp } = await citybridge('import', 'world', '--help');
    expect(importHelp).toContain('Idempotent');
  });

  it('migrates, imports, reports, and on a second run says nothing changed', async () => {
    expect((await citybridge('migrate')).stdout).toContain('Migrated');
    const first = await citybridge('import', 'world', '--data-dir', fixture);
    expect(first.stdout).toContain('done.');
    expect(first.stdout).toMatch(/unresolved rows\s+2/);
    const reportPath = /report\s+(\S+)/.exec(first.stdout)?.[1];
    const report = JSON.parse(await readFile(reportPath!, 'utf8'));
    expect(report.unresolved).toHaveLength(2);
    expect(report.unresolved[0]).toMatchObject({
      source: 'wikipedia',
      line: 13,
      reason: 'unknown country label "Atlantis"',
    });
    const second = await citybridge('import', 'world', '--data-dir', fixture, '--no-report');
    expect(second.stdout).toContain('already up to date, nothing changed');
    expect(second.stderr).not.toContain('[');
    // Three processes, each starting Node and migrating: minutes on a busy two-core machine.
  }, 240_000);

  it('searches in any language and prints statistics', async () => {
    const { stdout } = await citybridge('search', 'Esbo');
    expect(stdout).toMatch(/Espoo, Finland\s+6 ties\s+\(as "Esbo", sv\)/);
    const { stdout: json } = await citybridge('search', 'helsingfors', '--json');
    expect(JSON.parse(json).results[0].name).toBe('Helsinki');
    const { stdout: stats } = await citybridge('stats', '--country', 'FI');
    expect(stats).toContain('Partnerships');
    expect(stats).toMatch(/Finland\s+6/);
  });

  it('exports the ties to a file, filtered, and refuses a bad filter without writing one', async () => {
    const out = path.join(dataDir, 'finland.csv');
    const { stderr } = await citybridge('export', 'csv', '--country', 'FI', '--out', out);
    expect(stderr).toContain(`Wrote ${out}`);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,kind,status,/);
    // The six Finnish ties `stats` counts, a row each.
    expect(lines).toHaveLength(1 + 6);
    const geojson = path.join(dataDir, 'finland.geojson');
    await citybridge('export', 'geojson', '--country', 'FI', '--out', geojson);
    const features = JSON.parse(await readFile(geojson, 'utf8')).features as {
      properties: { record: string };
    }[];
    expect(features.filter((feature) => feature.properties.record === 'tie')).toHaveLength(6);
    const xlsx = path.join(dataDir, 'finland.xlsx');
    await citybridge('export', 'xlsx', '--country', 'FI', '--out', xlsx);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.getWorksheet('ties')!.rowCount).toBe(1 + 6);
    const zip = path.join(dataDir, 'finland.zip');
    await citybridge('export', 'datapackage', '--country', 'FI', '--out', zip);
    const files = unzipSync(new Uint8Array(await readFile(zip)));
    expect(Object.keys(files).sort()).toEqual(['datapackage.json', 'places.csv', 'sources.csv', 'ties.csv']);
    expect(strFromU8(files['ties.csv']!).trimEnd().split('\r\n')).toHaveLength(1 + 6);
    const linked = path.join(dataDir, 'finland.jsonld');
    await citybridge('export', 'jsonld', '--country', 'FI', '--out', linked);
    const graph = JSON.parse(await readFile(linked, 'utf8'))['@graph'] as { '@type': string }[];
    expect(graph.filter((node) => node['@type'] === 'Tie')).toHaveLength(6);
    const popolo = path.join(dataDir, 'popolo.json');
    await citybridge('export', 'popolo', '--out', popolo);
    expect(JSON.parse(await readFile(popolo, 'utf8'))).toMatchObject({ persons: [], memberships: [] });
    const refused = await citybridge(
      'export',
      'csv',
      '--started-from',
      '2001',
      '--started-to',
      '2000',
      '--out',
      out + 2,
    ).catch((error: { stderr: string; code: number }) => error);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain('startedFrom must not be after startedTo');
    await expect(readFile(out + 2)).rejects.toThrow();
  });

  it('imports a spreadsheet: a dry run first, then a commit that a second run does not repeat', async () => {
    const exported = path.join(dataDir, 'finland.csv');
    const dry = await citybridge('import', 'file', exported);
    expect(dry.stdout).toContain('Sheet "finland": ties');
    expect(dry.stdout).toContain('Rows: 0 to create, 0 to update, 6 unchanged, 0 refused');
    expect(dry.stdout).toContain('Dry run: nothing was written');
    const sheet = path.join(dataDir, 'new-ties.csv');
    await writeFile(
      sheet,
      'City;City country;Partner city;Partner country;Since\n' +
        'Testby;FI;Othertown;SE;1999\n' +
        '=HYPERLINK("http://evil.example");FI;Othertown;SE;\n',
    );
    const commit = await citybridge('import', 'file', sheet, '--commit');
    expect(commit.stdout).toContain('Rows: 1 to create, 0 to update, 0 unchanged, 1 refused');
    expect(commit.stdout).toMatch(/refused new-ties:3 .*placeA is a formula/);
    expect(commit.stdout).toContain('1 ties created, 0 updated, 2 places created');
    const again = await citybridge('import', 'file', sheet, '--commit', '--json');
    expect(JSON.parse(again.stdout).counts).toMatchObject({ tiesCreated: 0, placesCreated: 0, unchanged: 1 });
  });

  it('backs up to one file and restores it into a new data folder, with the same statistics', async () => {
    const file = path.join(dataDir, 'backup.gz');
    const { stderr } = await citybridge('backup', '--out', file);
    expect(stderr).toMatch(/places\s+\d+/);
    expect(stderr).toContain(`Wrote ${file}`);
    const restoredDir = await mkdtemp(path.join(tmpdir(), 'citybridge-restored-'));
    try {
      const inRestored: NodeJS.ProcessEnv = { ...env, DATA_DIR: restoredDir };
      delete inRestored.DATABASE_URL;
      const restored = await run(process.execPath, [bin, 'restore', file], {
        env: inRestored,
        timeout: 120_000,
      });
      expect(restored.stderr).toContain(`Restored ${file}`);
      const stats = async (environment: NodeJS.ProcessEnv) =>
        JSON.parse((await run(process.execPath, [bin, 'stats', '--json'], { env: environment })).stdout)
          .totals;
      expect(await stats(inRestored)).toEqual(await stats(env));
      // A second restore finds the records there and refuses, saying why.
      const again = await run(process.execPath, [bin, 'restore', file], { env: inRestored }).catch(
        (error: { stderr: string; code: number }) => error,
      );
      expect(again).toMatchObject({ code: 1 });
      expect((again as { stderr: string }).stderr).toContain('holds records already');
    } finally {
      await rm(restoredDir, { recursive: true, force: true });
    }
  }, 240_000);

  it('gives the reminders due and says what it gave', async () => {
    const { stdout } = await citybridge('reminders');
    expect(stdout).toMatch(/tie_anniversary\s+0/);
    expect(stdout).toContain('Digests e-mailed  0 (no SMTP configured)');
    const { stdout: json } = await citybridge('reminders', '--json');
    expect(JSON.parse(json)).toEqual({
      given: {
        tie_anniversary: 0,
        tie_renewal: 0,
        tie_quiet: 0,
        invitation_unanswered: 0,
        campaign_deadline: 0,
      },
      digests: 0,
    });
  });

  it('fails with a clear message on bad input', async () => {
    await expect(citybridge('search', 'x'.repeat(101))).rejects.toMatchObject({
      code: 1,
      stderr: 'Invalid search: q: must be at most 100 characters\n',
    });
    await expect(citybridge('frobnicate')).rejects.toMatchObject({
      stderr: expect.stringContaining('unknown command'),
    });
  });

  it('adds users with a one-time link, lists, disables and resets them', async () => {
    const added = await citybridge(
      'user',
      'add',
      'coordinator@example.org',
      '--name',
      'Coordinator',
      '--admin',
    );
    expect(added.stdout).toContain('Added Coordinator <coordinator@example.org>, administrator');
    expect(added.stdout).toMatch(/http:\/\/localhost:3000\/password#token=[A-Za-z0-9_-]{43}/);

    await expect(
      citybridge('user', 'add', 'COORDINATOR@example.org', '--name', 'Again'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('exists'),
    });
    await expect(citybridge('user', 'add', 'not-an-email', '--name', 'X')).rejects.toMatchObject({
      stderr: expect.stringContaining('Invalid email'),
    });

    const listed = await citybridge('user', 'list', '--json');
    const users = JSON.parse(listed.stdout);
    expect(users).toEqual([
      expect.objectContaining({ email: 'coordinator@example.org', isAdmin: true, hasPassword: false }),
    ]);
    expect(listed.stdout).not.toContain('passwordHash');

    expect((await citybridge('user', 'disable', 'coordinator@example.org')).stdout).toContain('Disabled');
    expect(JSON.parse((await citybridge('user', 'list', '--json')).stdout)[0].disabledAt).not.toBeNull();
    const reset = await citybridge('user', 'reset-password', 'coordinator@example.org');
    expect(reset.stdout).toMatch(/password#token=/);
    await expect(citybridge('user', 'reset-password', 'nobody@example.org')).rejects.toMatchObject({
      stderr: expect.stringContaining('No user'),
    });
  }, 180_000);

  it('makes a diff of a newer Wikidata extract, prints it and keeps it, then applies it once', async () => {
    expect((await citybridge('import', '--help')).stdout).toContain('wikidata-refresh');
    const newer = path.resolve('test/fixtures/wikidata-refresh');
    const made = await citybridge(
      'import',
      'wikidata-refresh',
      '--nodes',
      path.join(newer, 'wikidata_p190_nodes.tsv'),
      '--links',
      path.join(newer, 'wikidata_p190_links.tsv'),
    );
    expect(made.stdout).toMatch(/new ties\s+3 \(1 new places\)/);
    expect(made.stdout).toMatch(/gone ties\s+3 \(2 to withdraw\)/);
    expect(made.stdout).toMatch(/changed places\s+3/);
    expect(made.stdout).toContain('+ Copenhagen (Q1748, DK, new place) – Espoo (Q47034, FI): a new tie');
    expect(made.stdout).toContain('~ Tokyo (Q1490, place');
    const id = /^Diff\s+([0-9a-f]{12})$/m.exec(made.stdout)?.[1];
    const file = /^Full diff\s+(\S+)$/m.exec(made.stdout)?.[1];
    expect(file).toBe(path.join(dataDir, 'reports', `wikidata-refresh-${id}.json`));
    expect(JSON.parse(await readFile(file!, 'utf8'))).toMatchObject({
      id,
      counts: { new: 3, gone: 3, changed: 3 },
      applied: null,
    });

    const applied = await citybridge('import', 'wikidata-refresh', '--apply', id!);
    expect(applied.stdout).toMatch(/applied by import run #\d+/);
    expect(applied.stdout).toMatch(/ties withdrawn\s+2/);
    const again = await citybridge('import', 'wikidata-refresh', '--apply', id!);
    expect(again.stdout).toContain('was applied already');

    await expect(citybridge('import', 'wikidata-refresh')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Give both --nodes <file> and --links <file>'),
    });
    await expect(citybridge('import', 'wikidata-refresh', '--apply', 'latest')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Invalid diff id'),
    });
    await expect(citybridge('import', 'wikidata-refresh', '--apply', '0123456789ab')).rejects.toMatchObject({
      code: 1,
      stderr: 'No Wikidata refresh diff 0123456789ab\n',
    });
  }, 240_000);
});

describe('the embedded database folder', () => {
  it('is held by one process at a time: a second one refuses with a clear message and writes nothing', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'citybridge-lock-'));
    const pgliteEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: folder, LOG_LEVEL: 'warn' };
    delete pgliteEnv.DATABASE_URL;
    const pglite = (...args: string[]) =>
      run(process.execPath, [bin, ...args], { env: pgliteEnv, timeout: 120_000 });
    try {
      await pglite('migrate');
      // This test's process holds the folder, as a running server would.
      const holder = await openDatabase({ engine: 'pglite', dataDir: path.join(folder, 'db') });
      await expect(pglite('user', 'add', 'lost@example.org', '--name', 'Lost')).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining(`is in use by another CityBridge process (process ${process.pid}`),
      });
      await expect(
        openDatabase({ engine: 'pglite', dataDir: path.join(folder, 'db') }),
      ).rejects.toBeInstanceOf(FolderLockedError);
      await holder.close();

      // Once the holder has stopped the command works, and what it wrote is there for the next process.
      await pglite('user', 'add', 'kept@example.org', '--name', 'Kept');
      const users = JSON.parse((await pglite('user', 'list', '--json')).stdout) as { email: string }[];
      expect(users.map((user) => user.email)).toEqual(['kept@example.org']);

      // A lock left by a process that was killed is taken over at once.
      const gone = await run(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
      await writeFile(
        path.join(folder, 'db.lock'),
        JSON.stringify({
          pid: Number(gone.stdout),
          host: hostname(),
          nonce: 'x',
          command: 'serve',
          since: '',
        }),
      );
      expect((await pglite('user', 'list', '--json')).stdout).toContain('kept@example.org');
      await expect(readFile(path.join(folder, 'db.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 180_000);
});
