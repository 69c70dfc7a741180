import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { makePartnership, makePlace } from './helpers/factories.ts';

const run = promisify(execFile);
const bin = path.resolve('bin/citybridge.js');

let dataDir: string;
let testDatabase: TestDatabase | undefined;
let env: NodeJS.ProcessEnv;
const ids: Record<'espoo' | 'shanghai' | 'chengdu' | 'tie' | 'friendship', number> = {
  espoo: 0,
  shanghai: 0,
  chengdu: 0,
  tie: 0,
  friendship: 0,
};

const citybridge = (...args: string[]) => run(process.execPath, [bin, ...args], { env, timeout: 120_000 });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'citybridge-door-opener-'));
  env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  let database: Database;
  if (process.env.DATABASE_URL) {
    testDatabase = await createTestDatabase();
    env.DATABASE_URL = testDatabase.url;
    database = testDatabase;
  } else {
    database = await openDatabase({ engine: 'pglite', dataDir: path.join(dataDir, 'db') });
    await database.migrate();
  }
  const db = database.db;
  ids.espoo = (await makePlace(db, { name: 'Espoo', names: [{ name: 'Esbo', lang: 'sv' }] })).id;
  ids.shanghai = (await makePlace(db, { name: 'Shanghai', country: 'CN', lat: 31.23, lng: 121.47 })).id;
  ids.chengdu = (await makePlace(db, { name: 'Chengdu', country: 'CN', lat: 30.66, lng: 104.06 })).id;
  ids.tie = (await makePartnership(db, [ids.espoo, ids.shanghai], { startedOn: '1998-05-01' })).id;
  ids.friendship = (await makePartnership(db, [ids.shanghai, ids.chengdu], { kind: 'friendship_city' })).id;
  // The command opens the embedded database folder itself.
  if (!testDatabase) await database.close();
}, 120_000);
afterAll(async () => {
  await testDatabase?.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

describe('citybridge door-opener', () => {
  it('finds the ways in to a place named in any language, in the language asked', async () => {
    const { stdout } = await citybridge('door-opener', 'Chengdu', '--from', 'Esbo', '--lang', 'sv');
    expect(stdout).toBe(
      [
        'Vägar in till Chengdu från Esbo:',
        '',
        '  1. partners partner (poäng 50)',
        '     Esbo och Shanghai är vänorter sedan 1998.',
        '     Shanghai och Chengdu är vänskapsstäder.',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(
      (await citybridge('door-opener', String(ids.shanghai), '--from', String(ids.espoo), '--json')).stdout,
    );
    expect(json.paths[0]).toMatchObject({
      kind: 'own_tie',
      sentence: 'Espoo has been twinned with Shanghai since 1998.',
      steps: [{ tie: { id: ids.tie } }],
    });
    await expect(citybridge('door-opener', 'Nowhere at all', '--from', 'Espoo')).rejects.toMatchObject({
      stderr: 'No place found for "Nowhere at all"\n',
    });
    await expect(
      citybridge('door-opener', 'Chengdu', '--from', 'Espoo', '--lang', 'de'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('Invalid door-opener: lang'),
    });
  }, 240_000);
});
