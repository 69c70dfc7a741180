import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    for (const command of ['serve', 'migrate', 'import', 'search', 'stats'])
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
  });

  it('searches in any language and prints statistics', async () => {
    const { stdout } = await citybridge('search', 'Esbo');
    expect(stdout).toMatch(/Espoo, Finland\s+6 ties\s+\(as "Esbo", sv\)/);
    const { stdout: json } = await citybridge('search', 'helsingfors', '--json');
    expect(JSON.parse(json).results[0].name).toBe('Helsinki');
    const { stdout: stats } = await citybridge('stats', '--country', 'FI');
    expect(stats).toContain('Partnerships');
    expect(stats).toMatch(/Finland\s+6/);
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
});
