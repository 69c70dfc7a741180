import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './client.ts';
import { queryRows } from './query.ts';

/** The embedded database inside a serving process: what it costs the requests around it, and what it reports. */

let database: Database;
beforeAll(async () => {
  database = await openDatabase({ engine: 'pglite' });
});
afterAll(async () => {
  await database.close();
});

describe('PGlite in a serving process', () => {
  it('lets the event loop turn before each query, so that requests start between the queries of a chain', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('the event loop turned'));
    await queryRows(database.db, sql`select 1`);
    order.push('first query answered');
    setImmediate(() => order.push('the event loop turned again'));
    await queryRows(database.db, sql`select 2`);
    order.push('second query answered');
    expect(order).toEqual([
      'the event loop turned',
      'first query answered',
      'the event loop turned again',
      'second query answered',
    ]);
  });

  it('keeps the order of queries that are started together', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => queryRows<{ n: number }>(database.db, sql`select ${n}::int as n`)),
    );
    expect(answers.map(([row]) => row?.n)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reports the size of its WebAssembly memory, with 16 MB of shared buffers rather than 128', async () => {
    expect(database.embeddedMemoryBytes?.()).toBeGreaterThanOrEqual(128 * 1024 * 1024);
    const [row] = await queryRows<{ shared_buffers: string }>(database.db, sql`show shared_buffers`);
    expect(row?.shared_buffers).toBe('16MB');
  });
});
