import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Command } from 'commander';
import { restoreBackup, writeBackup } from '../features/backup/backup.service.ts';
import { withDatabase } from './database.ts';

const report = (table: string, rows: number) => process.stderr.write(`  ${table.padEnd(28)} ${rows}\n`);

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description(
      'Write the whole database and the stored documents to one file. A running server on a PGlite data folder ' +
        'holds it: download GET /api/admin/backup from the server instead',
    )
    .requiredOption('-o, --out <file>', 'the file to write (gzip-compressed)')
    .action(async (options: { out: string }) => {
      await withDatabase(async (database, config) => {
        const partial = `${options.out}.part`;
        const lines = new PassThrough();
        try {
          const written = pipeline(lines, createGzip(), createWriteStream(partial));
          const summary = await writeBackup(database.db, config.documentsDir, lines, report);
          lines.end();
          await written;
          await rename(partial, options.out);
          process.stderr.write(`Wrote ${options.out}: ${summary.documents} documents.\n`);
        } catch (error) {
          lines.destroy();
          await rm(partial, { force: true });
          throw error;
        }
      });
    });

  program
    .command('restore')
    .description('Restore a backup into an empty database and documents folder (a new installation)')
    .argument('<file>', 'a file written by citybridge backup or GET /api/admin/backup')
    .action(async (file: string) => {
      await withDatabase(async (database, config) => {
        const input = createReadStream(file).pipe(createGunzip());
        const summary = await restoreBackup(database.db, config.documentsDir, input, report);
        process.stderr.write(`Restored ${file}: ${summary.documents} documents.\n`);
      });
    });
}
