import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './client.ts';
import {
  emptyDatabaseArchive,
  holdsNoDatabase,
  installedPgliteVersion,
  type TemplateAbout,
  templateAbout,
  unpackEmptyDatabase,
} from './pglite-template.ts';
import { queryRows } from './query.ts';

let folder: string;
let about: TemplateAbout;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'citybridge-template-'));
  about = (await templateAbout())!;
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function systemIdentifier(database: Database): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    database.db,
    sql`select system_identifier::text as id from pg_control_system()`,
  );
  return row!.id;
}

describe('the empty database a new PGlite database starts from', () => {
  it('was made by the installed PGlite (after an upgrade: npm run db:template)', async () => {
    expect(about).toBeDefined();
    expect(about.pglite).toBe(await installedPgliteVersion());
    expect(await emptyDatabaseArchive()).toBeInstanceOf(Blob);
  });

  it('is what a new data folder starts as, and the folder keeps its own database when opened again', async () => {
    const dataDir = path.join(folder, 'db');
    expect(holdsNoDatabase(dataDir)).toBe(true);
    const first = await openDatabase({ engine: 'pglite', dataDir });
    try {
      expect(await systemIdentifier(first)).toBe(about.systemIdentifier);
      await first.migrate();
      await queryRows(first.db, sql`create table kept (n int)`);
      await queryRows(first.db, sql`insert into kept values (7)`);
    } finally {
      await first.close();
    }
    expect(holdsNoDatabase(dataDir)).toBe(false);
    const again = await openDatabase({ engine: 'pglite', dataDir });
    try {
      expect(await queryRows(again.db, sql`select n from kept`)).toEqual([{ n: 7 }]);
    } finally {
      await again.close();
    }
  }, 60_000);

  it('is what a database in memory starts as', async () => {
    const database = await openDatabase({ engine: 'pglite' });
    try {
      expect(await systemIdentifier(database)).toBe(about.systemIdentifier);
    } finally {
      await database.close();
    }
  });

  it('is not used with another PGlite version, whose databases initdb makes', async () => {
    expect(await emptyDatabaseArchive('0.0.1')).toBeUndefined();
    const dataDir = path.join(folder, 'other-version');
    expect(await unpackEmptyDatabase(dataDir, '0.0.1')).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('is unpacked beside the folder and moved in whole, and not into a folder that holds files', async () => {
    const dataDir = path.join(folder, 'unpacked');
    await mkdir(dataDir);
    expect(await unpackEmptyDatabase(dataDir)).toBe(true);
    expect(holdsNoDatabase(dataDir)).toBe(false);
    const busy = path.join(folder, 'busy');
    await mkdir(busy);
    await writeFile(path.join(busy, 'notes.txt'), 'mine\n');
    expect(await unpackEmptyDatabase(busy)).toBe(false);
    expect(await readdir(busy)).toEqual(['notes.txt']);
    // Nothing is left beside the folders.
    expect((await readdir(folder)).filter((name) => name.includes('.unpacking-'))).toEqual([]);
  });
});
