/** Writes docs/openapi.json from the routes' schemas; a test fails while the committed copy is stale. */
import { writeFile } from 'node:fs/promises';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/client.ts';

const database = await openDatabase({ engine: 'pglite' });
await database.migrate();
const app = await buildApp({ database });
await app.ready();
await writeFile(
  new URL('../docs/openapi.json', import.meta.url),
  `${JSON.stringify(app.swagger(), null, 2)}\n`,
);
await app.close();
await database.close();
process.stdout.write('docs/openapi.json written\n');
