import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
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

  it('holds nothing but what initdb makes: no tables, schemas, roles, triggers or migrations of its own', async () => {
    const database = await openDatabase({ engine: 'pglite' });
    try {
      const count = async (query: ReturnType<typeof sql>) =>
        (await queryRows<{ n: number }>(database.db, query))[0]!.n;
      // PostgreSQL numbers what users create from 16384 on.
      expect(await count(sql`select count(*)::int as n from pg_class where oid >= 16384`)).toBe(0);
      expect(await count(sql`select count(*)::int as n from pg_proc where oid >= 16384`)).toBe(0);
      expect(await count(sql`select count(*)::int as n from pg_authid where oid >= 16384`)).toBe(0);
      expect(await count(sql`select count(*)::int as n from pg_event_trigger`)).toBe(0);
      expect(await count(sql`select count(*)::int as n from pg_extension where extname <> 'plpgsql'`)).toBe(
        0,
      );
      const schemas = await queryRows<{ nspname: string }>(
        database.db,
        sql`select nspname from pg_namespace where nspname not like 'pg\_%' order by nspname`,
      );
      expect(schemas.map((row) => row.nspname)).toEqual(['information_schema', 'public']);
    } finally {
      await database.close();
    }
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
    // Nothing is left beside the folders, and what a start cut short left there is removed.
    expect((await readdir(folder)).filter((name) => name.includes('.unpacking-'))).toEqual([]);
    const again = path.join(folder, 'again');
    await mkdir(path.join(folder, 'again.unpacking-0badf00d', 'base'), { recursive: true });
    expect(await unpackEmptyDatabase(again)).toBe(true);
    expect((await readdir(folder)).filter((name) => name.includes('.unpacking-'))).toEqual([]);
  });

  it('does not replace a link with a folder, and a data folder that links elsewhere starts where it links to', async () => {
    const target = path.join(folder, 'elsewhere');
    await mkdir(target);
    const link = path.join(folder, 'linked');
    await symlink(target, link);
    expect(await unpackEmptyDatabase(link)).toBe(false);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    const database = await openDatabase({ engine: 'pglite', dataDir: link });
    try {
      expect(await systemIdentifier(database)).toBe(about.systemIdentifier);
    } finally {
      await database.close();
    }
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(holdsNoDatabase(target)).toBe(false);
  }, 60_000);
});
