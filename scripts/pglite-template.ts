/**
 * Writes src/db/pglite-template/: an empty database made by the installed PGlite's initdb (empty.tar.gz), and what
 * it is (empty.json: the PGlite version and the database's system identifier). New PGlite databases are loaded from
 * it instead of running initdb (src/db/pglite-template.ts). Run it after upgrading PGlite:
 *
 *   npm run db:template
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import {
  installedPgliteVersion,
  TEMPLATE_DIR,
  TEMPLATE_FILES,
  type TemplateAbout,
} from '../src/db/pglite-template.ts';

const client = await PGlite.create();
const {
  rows: [control],
} = await client.query<{ system_identifier: string }>(
  'select system_identifier::text from pg_control_system()',
);
// Everything written so far goes into the data files, so that a database made from the archive has no log to redo.
await client.query('checkpoint');
const archive = await client.dumpDataDir('gzip');
await client.close();

const about: TemplateAbout = {
  pglite: await installedPgliteVersion(),
  systemIdentifier: control!.system_identifier,
};
await mkdir(TEMPLATE_DIR, { recursive: true });
await writeFile(TEMPLATE_FILES.archive, Buffer.from(await archive.arrayBuffer()));
await writeFile(TEMPLATE_FILES.about, `${JSON.stringify(about, null, 2)}\n`);
process.stdout.write(`wrote ${TEMPLATE_FILES.archive} (PGlite ${about.pglite}, ${archive.size} bytes)\n`);
