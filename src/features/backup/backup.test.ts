import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip, createGzip, gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { adminHeaders, memberHeaders } from '../../../test/helpers/auth.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import { MULTIPART, multipart } from '../../../test/helpers/multipart.ts';
import { type Database, openDatabase } from '../../db/client.ts';
import { encodePng } from '../../lib/png.ts';
import { databaseDigest, restoreBackup, writeBackup } from './backup.service.ts';

/**
 * A backup restores to the same registry: every table's rows identical by digest and every document byte for
 * byte, from PGlite into PostgreSQL and back when a PostgreSQL server is given (DATABASE_URL), and PGlite into
 * PGlite always. A restore refuses a database that holds records, a file that is not a backup, and a cut-off one,
 * and leaves the database as it was.
 */

let t: TestApp;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const espoo = await makePlace(db, { name: 'Espoo', lat: 60.21, lng: 24.66 });
  const shanghai = await makePlace(db, { name: 'Shanghai', country: 'CN', lat: 31.23, lng: 121.47 });
  const esbo = await makePlace(db, { name: 'Esbo (duplicate)' });
  // A reference to a row written after it: the duplicate made earlier points at a place made later.
  const espoo2 = await makePlace(db, { name: 'Espoo (kept)' });
  await db.execute(sql`update places set merged_into_id = ${espoo2.id} where id = ${esbo.id}`);
  await makePartnership(db, [espoo.id, shanghai.id], { kind: 'twin_town', startedOn: '1998-01-01' });
  const city = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id });
  const editor = await memberHeaders(db, city.id, 'editor');
  const series = await t.request('POST', '/api/series', editor, {
    organizationId: city.id,
    slug: 'international-espoo',
    title: { fi: 'Kansainvälinen Espoo', sv: 'Internationella Esbo', en: 'International Espoo' },
  });
  const article = await t.request('POST', '/api/articles', editor, {
    seriesId: series.json().id,
    language: 'sv',
    slug: 'vanorter',
    title: 'Vänorter',
    body: '<p>Text med "citat", radbrytning\noch emoji 🌏.</p>',
  });
  await t.request('POST', '/api/articles', editor, {
    translationOf: article.json().id,
    language: 'fi',
    slug: 'ystavyyskaupungit',
    title: 'Ystävyyskaupungit',
  });
  const image = await t.app.inject({
    method: 'POST',
    url: `/api/articles/${article.json().id}/images`,
    headers: { ...editor, 'content-type': MULTIPART },
    payload: multipart([
      {
        name: 'file',
        filename: 'forum.png',
        type: 'image/png',
        content: encodePng(30, 20, (x) => [x * 8, 40, 90]),
      },
    ]),
  });
  expect(image.statusCode, image.body).toBe(201);
  // A working group must have its parent network from the start: a reference to an earlier row of its own table.
  const admin = await adminHeaders(db);
  const network = await t.request('POST', '/api/networks', admin, {
    kind: 'network',
    name: { en: 'C21' },
    secretariatId: city.id,
  });
  expect(network.statusCode, network.body).toBe(201);
  const group = await t.request('POST', '/api/networks', admin, {
    kind: 'working_group',
    parentId: network.json().id,
    name: { en: 'C21 China working group' },
  });
  expect(group.statusCode, group.body).toBe(201);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await t.close();
});

async function backupOf(database: Database, documentsDir: string | undefined): Promise<Buffer> {
  const gzip = createGzip();
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeBackup(database.db, documentsDir, gzip);
  gzip.end();
  await once(gzip, 'end');
  return Buffer.concat(chunks);
}

const restore = (database: Database, documentsDir: string | undefined, file: Buffer) =>
  restoreBackup(database.db, documentsDir, Readable.from(file).pipe(createGunzip()));

/** A new empty database, migrated, on the engine asked for, and a documents folder of its own. */
async function emptyTarget(engine: 'pglite' | 'postgres') {
  const documentsDir = await mkdtemp(path.join(tmpdir(), 'citybridge-restore-'));
  let database: Database | TestDatabase;
  if (engine === 'pglite') {
    database = await openDatabase({ engine: 'pglite' });
    await database.migrate();
    cleanups.push(() => database.close());
  } else {
    const created = await createTestDatabase();
    database = created;
    cleanups.push(() => created.destroy());
  }
  cleanups.push(() => rm(documentsDir, { recursive: true, force: true }));
  return { database, documentsDir };
}

async function documents(dir: string) {
  const names = (await readdir(dir)).filter((name) => /^[0-9a-f]{64}$/.test(name)).sort();
  return Promise.all(names.map(async (name) => [name, await readFile(path.join(dir, name))] as const));
}

const postgres = process.env.DATABASE_URL ? it : it.skip;

describe('a backup', () => {
  it('restores into an empty PGlite database: every row and every document identical', async () => {
    const file = await backupOf(t.database, t.documentsDir);
    const target = await emptyTarget('pglite');
    const summary = await restore(target.database, target.documentsDir, file);
    expect(summary.documents).toBe(1);
    expect(summary.tables.places).toBe(4);
    expect(await databaseDigest(target.database.db)).toEqual(await databaseDigest(t.database.db));
    expect(await documents(target.documentsDir)).toEqual(await documents(t.documentsDir));
    // Ids go on from where they were: a new place gets the next id, not one taken.
    const next = await makePlace(target.database.db, { name: 'Vantaa' });
    expect(next.id).toBe(5);
  });

  postgres('restores from PGlite into PostgreSQL and back, identical each way', async () => {
    // The source may be either engine; going through both directions covers PGlite → PostgreSQL either way.
    const viaPglite = await emptyTarget('pglite');
    await restore(viaPglite.database, viaPglite.documentsDir, await backupOf(t.database, t.documentsDir));
    const intoPostgres = await emptyTarget('postgres');
    await restore(
      intoPostgres.database,
      intoPostgres.documentsDir,
      await backupOf(viaPglite.database, viaPglite.documentsDir),
    );
    const backToPglite = await emptyTarget('pglite');
    await restore(
      backToPglite.database,
      backToPglite.documentsDir,
      await backupOf(intoPostgres.database, intoPostgres.documentsDir),
    );
    const digest = await databaseDigest(t.database.db);
    expect(await databaseDigest(intoPostgres.database.db)).toEqual(digest);
    expect(await databaseDigest(backToPglite.database.db)).toEqual(digest);
    expect(await documents(backToPglite.documentsDir)).toEqual(await documents(t.documentsDir));
  });

  it('refuses a database with records, a file that is no backup and a cut-off one, changing nothing', async () => {
    const file = await backupOf(t.database, t.documentsDir);
    const before = await databaseDigest(t.database.db);
    await expect(restore(t.database, t.documentsDir, file)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await databaseDigest(t.database.db)).toEqual(before);

    const target = await emptyTarget('pglite');
    const empty = await databaseDigest(target.database.db);
    await expect(
      restore(target.database, target.documentsDir, gzipSync('id,name\n1,Espoo\n')),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const text = gunzipSync(file).toString('utf8');
    const cut = gzipSync(text.slice(0, text.indexOf('\nD ')));
    await expect(restore(target.database, target.documentsDir, cut)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      restore(target.database, target.documentsDir, Buffer.from('plain text')),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await databaseDigest(target.database.db)).toEqual(empty);
    expect(await documents(target.documentsDir)).toEqual([]);
  });

  it('is downloaded from the running server by administrators only, and restores', async () => {
    expect((await t.app.inject({ url: '/api/admin/backup' })).statusCode).toBe(401);
    const city = await makeOrganization(t.database.db, { name: 'Another city' });
    const editor = await memberHeaders(t.database.db, city.id, 'editor');
    expect((await t.app.inject({ url: '/api/admin/backup', headers: editor })).statusCode).toBe(403);
    const answer = await t.app.inject({
      url: '/api/admin/backup',
      headers: await adminHeaders(t.database.db),
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/gzip');
    expect(answer.headers['content-disposition']).toMatch(
      /^attachment; filename="citybridge-backup-\d{4}-\d{2}-\d{2}\.gz"$/,
    );
    const target = await emptyTarget('pglite');
    await restore(target.database, target.documentsDir, answer.rawPayload);
    expect(await databaseDigest(target.database.db)).toEqual(await databaseDigest(t.database.db));
  });
});
