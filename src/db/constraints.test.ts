import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makePlace } from '../../test/helpers/factories.ts';
import { pgErrorCode } from '../core/errors.ts';
import { partnershipParties, partnerships, places } from './schema.ts';

/** Bad data cannot get in by any path: the database itself refuses it. */
let database: TestDatabase;
let a: number;
let b: number;

beforeAll(async () => {
  database = await createTestDatabase();
  a = (await makePlace(database.db, { name: 'Alpha' })).id;
  b = (await makePlace(database.db, { name: 'Beta' })).id;
});
afterAll(() => database.destroy());

async function sqlState(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
  } catch (error) {
    return pgErrorCode(error);
  }
  return undefined;
}

describe('database constraints', () => {
  it.each([
    ['a malformed QID', { wikidataQid: 'Q0' }],
    ['a lower-case country', { country: 'fi' }],
    ['a latitude out of range', { lat: 91, lng: 0 }],
    ['a longitude without a latitude', { lat: null, lng: 10 }],
    ['a negative population', { population: -1 }],
    ['a blank name', { name: '   ' }],
  ])('refuses a place with %s', async (_case, values) => {
    const code = await sqlState(() =>
      database.db
        .insert(places)
        .values({ name: 'Bad', country: 'FI', ...values } as typeof places.$inferInsert),
    );
    expect(code).toBe('23514');
  });

  it('refuses a second place with the same QID', async () => {
    await makePlace(database.db, { name: 'Gamma', wikidataQid: 'Q42' });
    expect(await sqlState(() => makePlace(database.db, { name: 'Delta', wikidataQid: 'Q42' }))).toBe('23505');
  });

  it('refuses a tie with fewer than two parties', async () => {
    const code = await sqlState(() =>
      database.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(partnerships)
          .values({ kind: 'twin_town', partyKey: `${a}-${b}` })
          .returning();
        await tx.insert(partnershipParties).values({ partnershipId: row!.id, placeId: a });
      }),
    );
    expect(code).toBe('23514');
  });

  it('refuses a tie whose party key does not match its parties', async () => {
    const code = await sqlState(() =>
      database.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(partnerships)
          .values({ kind: 'twin_town', partyKey: `${a}-${b + 1000}` })
          .returning();
        await tx.insert(partnershipParties).values([
          { partnershipId: row!.id, placeId: a },
          { partnershipId: row!.id, placeId: b },
        ]);
      }),
    );
    expect(code).toBe('23514');
  });

  it('refuses a duplicate tie of the same kind between the same parties', async () => {
    const insertTie = () =>
      database.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(partnerships)
          .values({ kind: 'twin_town', partyKey: `${a}-${b}` })
          .returning();
        await tx.insert(partnershipParties).values([
          { partnershipId: row!.id, placeId: a },
          { partnershipId: row!.id, placeId: b },
        ]);
      });
    await insertTie();
    expect(await sqlState(insertTie)).toBe('23505');
  });

  it('refuses an end before the start, and an end date on a tie that has not ended', async () => {
    const tie = (values: Partial<typeof partnerships.$inferInsert>) =>
      sqlState(() =>
        database.db.insert(partnerships).values({ kind: 'mou', partyKey: `${a}-${b}`, ...values }),
      );
    expect(await tie({ status: 'ended', startedOn: '2000-01-01', endedOn: '1999-01-01' })).toBe('23514');
    expect(await tie({ status: 'active', endedOn: '2001-01-01' })).toBe('23514');
  });

  it('refuses deleting a place that is party to a tie', async () => {
    const code = await sqlState(() => database.db.execute(sql`delete from places where id = ${a}`));
    // PostgreSQL 18 reports restrict_violation, earlier versions foreign_key_violation.
    expect(['23001', '23503']).toContain(code);
  });

  it('normalises names for search in the database', async () => {
    const rows = await database.db.execute(sql`select cb_search_key('  S:t Michel–Jyväskylä (Åbo) ') as key`);
    expect((rows as unknown as { rows: { key: string }[] }).rows[0]!.key).toBe('st michel jyvaskyla abo');
  });
});
