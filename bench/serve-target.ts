/**
 * A serving process for the load benchmarks: the real app on an already imported database, plus a bare route
 * that answers a constant, so both are measured on the same process and machine. Prints its URL as a JSON line.
 */
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/client.ts';

const url = process.env.DATABASE_URL;
const database = url
  ? await openDatabase({ engine: 'postgres', url })
  : await openDatabase({ engine: 'pglite', dataDir: process.env.PGLITE_DIR });
const app = await buildApp({ database });
app.get('/bench/bare', { schema: { hide: true } }, async () => ({ status: 'ok' }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url: address })}\n`);
process.on('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
