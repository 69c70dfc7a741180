/**
 * Backup and restore of a demo instance (the world data and the demo workspace): a backup of the PGlite folder,
 * its restore into a new PGlite database and into a new PostgreSQL database, and a backup taken from that
 * PostgreSQL database; next to copying the PGlite folder as it lies on disk (the baseline, in the same run).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.ts';
import { restoreBackup, writeBackup } from '../src/features/backup/backup.service.ts';
import { DemoError, loadDemo } from '../src/features/demo/demo.service.ts';
import { importWorld } from '../src/features/imports/world/world.import.ts';

const seconds = (started: number) => (performance.now() - started) / 1000;

async function backupTo(database: Database, documentsDir: string, file: string) {
  const started = performance.now();
  const lines = new PassThrough();
  const written = pipeline(lines, createGzip(), createWriteStream(file));
  await writeBackup(database.db, documentsDir, lines);
  lines.end();
  await written;
  return { seconds: seconds(started), bytes: (await stat(file)).size };
}

async function restoreFrom(database: Database, documentsDir: string, file: string) {
  const started = performance.now();
  await restoreBackup(database.db, documentsDir, createReadStream(file).pipe(createGunzip()));
  return seconds(started);
}

/**
 * The figures, as rows of measure, engine and figure. `source`: a data folder (its `db` and `documents`) to copy;
 * without one, the world data is imported; the demo is loaded into either unless it is there already.
 */
export async function backupBenchmarks(source?: { db: string; documents?: string }): Promise<string[][]> {
  const work = await mkdtemp(path.join(tmpdir(), 'citybridge-bench-backup-'));
  const rows: string[][] = [];
  const row = (measure: string, engine: string, figure: string) => rows.push([measure, engine, figure]);
  try {
    const folder = path.join(work, 'db');
    const documentsDir = path.join(work, 'documents');
    if (source) {
      await cp(source.db, folder, { recursive: true });
      if (source.documents) await cp(source.documents, documentsDir, { recursive: true }).catch(() => {});
    }
    const database = await openDatabase({ engine: 'pglite', dataDir: folder });
    await database.migrate();
    if (!source) {
      process.stderr.write('Importing the world data\n');
      await importWorld(database);
    }
    // The demo workspace, unless the folder has it: a demo instance.
    await database.db
      .transaction((tx) => loadDemo(tx, { documentsDir }))
      .catch((error: unknown) => {
        if (!(error instanceof DemoError)) throw error;
      });
    await database.close();
    const copied = performance.now();
    await cp(folder, path.join(work, 'copy'), { recursive: true });
    const copySeconds = seconds(copied);
    row('copying the PGlite data folder as it lies (baseline)', 'PGlite', `${copySeconds.toFixed(2)} s`);

    const opened = await openDatabase({ engine: 'pglite', dataDir: folder });
    const file = path.join(work, 'backup.gz');
    const backup = await backupTo(opened, documentsDir, file);
    await opened.close();
    row(
      'backup of the demo instance',
      'PGlite',
      `${backup.seconds.toFixed(2)} s (${(backup.seconds / copySeconds).toFixed(1)}× the copy); ` +
        `${(backup.bytes / 1024 / 1024).toFixed(1)} MB`,
    );
    const intoPglite = await openDatabase({ engine: 'pglite', dataDir: path.join(work, 'restored') });
    await intoPglite.migrate();
    row(
      'restore into a new PGlite folder',
      'PGlite',
      `${(await restoreFrom(intoPglite, path.join(work, 'd1'), file)).toFixed(2)} s`,
    );
    await intoPglite.close();

    const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
    if (
      await admin.connect().then(
        () => true,
        () => false,
      )
    ) {
      const name = `citybridge_bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`create database "${name}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      try {
        const intoPostgres = await openDatabase({ engine: 'postgres', url: url.toString() });
        await intoPostgres.migrate();
        row(
          'restore into a new PostgreSQL database',
          'PostgreSQL',
          `${(await restoreFrom(intoPostgres, path.join(work, 'd2'), file)).toFixed(2)} s`,
        );
        const again = await backupTo(intoPostgres, path.join(work, 'd2'), path.join(work, 'backup-pg.gz'));
        row(
          'backup of the same instance',
          'PostgreSQL',
          `${again.seconds.toFixed(2)} s; ${(again.bytes / 1024 / 1024).toFixed(1)} MB`,
        );
        await intoPostgres.close();
      } finally {
        await admin.query(`drop database if exists "${name}" with (force)`);
        await admin.end();
      }
    } else process.stderr.write('  PostgreSQL not reachable: its figures are left out\n');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dataDir = process.env.CITYBRIDGE_DATA_DIR;
  const rows = await backupBenchmarks(
    dataDir ? { db: path.join(dataDir, 'db'), documents: path.join(dataDir, 'documents') } : undefined,
  );
  process.stdout.write(
    `| measure | engine | figure |\n|---|---|---|\n${rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n')}\n`,
  );
}
