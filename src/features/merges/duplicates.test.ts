import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makeUser, sessionHeaders } from '../../../test/helpers/auth.ts';
import { makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import { worldMiniFiles } from '../../../test/helpers/fixtures.ts';
import { queryRows } from '../../db/query.ts';
import { merges, places } from '../../db/schema.ts';
import { type Gazetteer, loadGazetteer } from '../imports/world/gazetteer.ts';
import { importWorld } from '../imports/world/world.import.ts';

let t: TestApp;
let admin: Record<string, string>;
let editor: Record<string, string>;
let gazetteer: Gazetteer;

beforeAll(async () => {
  [t, gazetteer] = await Promise.all([createTestApp(), loadGazetteer()]);
  admin = await sessionHeaders(t.database.db, (await makeUser(t.database.db, { isAdmin: true })).id);
  editor = await sessionHeaders(t.database.db, (await makeUser(t.database.db)).id);
});
afterAll(() => t.close());

const ties = () =>
  queryRows<{ parties: string }>(
    t.database.db,
    sql`select string_agg(pl.name, ' + ' order by pl.name) as parties
      from partnerships p join partnership_parties pp on pp.partnership_id = p.id join places pl on pl.id = pp.place_id
      where p.deleted_at is null group by p.id order by parties`,
  );

describe('duplicate places', () => {
  it('are merged by the world import when certain, kept for review when not, and never merged twice', async () => {
    const db = t.database.db;
    const first = await importWorld(t.database, { files: worldMiniFiles(), gazetteer });
    expect(first.counts.duplicatesMerged).toBe(0);

    // What an earlier source or a user left behind: Espoo under a label form, with a tie of its own.
    const [espoo] = await db.select().from(places).where(eq(places.wikidataQid, 'Q47034'));
    const label = await makePlace(db, { name: 'Espoo City', country: 'FI', lat: 60.21, lng: 24.66 });
    const cebu = await makePlace(db, { name: 'Cebu', country: 'PH', lat: 10.3, lng: 123.9 });
    const cebuCity = await makePlace(db, { name: 'Cebu City', country: 'PH', lat: 10.45, lng: 123.95 });
    await makePartnership(db, [label.id, cebu.id]);

    const second = await importWorld(t.database, { files: worldMiniFiles(), gazetteer });
    expect(second.changed).toBe(true);
    expect(second.counts).toMatchObject({
      duplicatesMerged: 1,
      duplicatesPending: 1,
      duplicatesKeptApart: 0,
      partnershipsCreated: 0,
      placesCreated: 0,
    });
    expect(second.counts.tiesChangedByMerges).toBeGreaterThanOrEqual(1);
    const [merged] = await db.select().from(places).where(eq(places.id, label.id));
    expect(merged!.mergedIntoId).toBe(espoo!.id);
    expect((await ties()).map((tie) => tie.parties)).toContain('Cebu + Espoo');
    const [merge] = await db.select().from(merges).where(eq(merges.fromId, label.id));
    expect(merge).toMatchObject({ entityType: 'place', intoId: espoo!.id, mergedBy: null });

    // Running it again finds nothing new: the same places, ties and pairs.
    const before = await ties();
    const third = await importWorld(t.database, { files: worldMiniFiles(), gazetteer });
    expect(third.changed).toBe(false);
    expect(third.counts).toMatchObject({ duplicatesMerged: 0, duplicatesPending: 1, partnershipsCreated: 0 });
    expect(await ties()).toEqual(before);

    // The review queue, for administrators only.
    expect((await t.request('GET', '/api/admin/place-duplicates')).statusCode).toBe(401);
    expect((await t.request('GET', '/api/admin/place-duplicates', editor)).statusCode).toBe(403);
    const queue = await t.request('GET', '/api/admin/place-duplicates', admin);
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json()).toMatchObject({
      total: 1,
      items: [
        {
          status: 'pending',
          confidence: 'possible',
          reasons: ['city_word'],
          places: [
            { id: cebu.id, name: 'Cebu' },
            { id: cebuCity.id, name: 'Cebu City' },
          ],
        },
      ],
    });
    const done = await t.request('GET', '/api/admin/place-duplicates?status=merged', admin);
    expect(done.json().items).toMatchObject([{ mergeId: merge!.id, confidence: 'certain' }]);

    // Undoing the import's merge parts the two for good.
    expect((await t.request('POST', `/api/merges/${merge!.id}/undo`, admin)).statusCode).toBe(200);
    const fourth = await importWorld(t.database, { files: worldMiniFiles(), gazetteer });
    expect(fourth.counts).toMatchObject({ duplicatesMerged: 0, duplicatesKeptApart: 1 });
    const [parted] = await db.select().from(places).where(eq(places.id, label.id));
    expect(parted!.mergedIntoId).toBeNull();
  });

  it('are merged or marked "not the same" by an administrator, once', async () => {
    const queue = await t.request('GET', '/api/admin/place-duplicates', admin);
    const pair = queue.json().items[0];
    const [cebu, cebuCity] = pair.places;
    const url = `/api/admin/place-duplicates/${pair.id}`;

    expect((await t.request('POST', `${url}/distinct`, editor)).statusCode).toBe(403);
    expect((await t.request('POST', `${url}/merge`, editor, { intoId: cebu.id })).statusCode).toBe(403);
    const outsider = await t.request('POST', `${url}/merge`, admin, { intoId: 999_999 });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.details).toEqual([
      { field: 'body.intoId', message: 'must be one of the pair' },
    ]);
    expect((await t.request('POST', `${url}/merge`, admin, { intoId: 'x' } as object)).statusCode).toBe(400);
    expect((await t.request('POST', '/api/admin/place-duplicates/999999/distinct', admin)).statusCode).toBe(
      404,
    );

    const distinct = await t.request('POST', `${url}/distinct`, admin);
    expect(distinct.statusCode).toBe(200);
    expect(distinct.json()).toMatchObject({ id: pair.id, status: 'distinct', mergeId: null });
    expect((await t.request('POST', `${url}/distinct`, admin)).statusCode).toBe(409);
    expect((await t.request('POST', `${url}/merge`, admin, { intoId: cebuCity.id })).statusCode).toBe(409);

    const scan = await t.request('POST', '/api/admin/place-duplicates/scan', admin);
    expect(scan.statusCode).toBe(200);
    expect(scan.json()).toMatchObject({ merged: 0, pending: 0, keptApart: 2 });

    // A new pending pair, merged from the queue with the place the administrator chose.
    const db = t.database.db;
    const lingen = await makePlace(db, { name: 'Lingen', country: 'DE', lat: 52.52, lng: 7.32 });
    const ems = await makePlace(db, { name: 'Lingen (Ems)', country: 'DE', lat: 52.6, lng: 7.32 });
    expect((await t.request('POST', '/api/admin/place-duplicates/scan', admin)).json()).toMatchObject({
      merged: 0,
      pending: 1,
    });
    const next = (await t.request('GET', '/api/admin/place-duplicates', admin)).json().items[0];
    const chosen = await t.request('POST', `/api/admin/place-duplicates/${next.id}/merge`, admin, {
      intoId: ems.id,
    });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json()).toMatchObject({ status: 'merged', mergeId: expect.any(Number) });
    const [gone] = await db.select().from(places).where(eq(places.id, lingen.id));
    expect(gone!.mergedIntoId).toBe(ems.id);

    const stats = await t.request('GET', '/api/stats');
    expect(stats.json().duplicates).toEqual({ merged: 1, pending: 0, notTheSame: 2, tiesChanged: 0 });
  });

  it('are never paired when twinned with each other', async () => {
    const db = t.database.db;
    const a = await makePlace(db, { name: 'Neustadt', country: 'AT', lat: 47.1, lng: 15.1 });
    const b = await makePlace(db, { name: 'Neustadt', country: 'AT', lat: 47.11, lng: 15.1 });
    await makePartnership(db, [a.id, b.id]);
    const scan = await t.request('POST', '/api/admin/place-duplicates/scan', admin);
    expect(scan.json()).toMatchObject({ merged: 0, pending: 0 });
  });
});

describe('the world import after a merge', () => {
  it('finds a merged place as the place it was merged into, and writes no tie twice', async () => {
    const db = t.database.db;
    const [narva] = await db.select().from(places).where(eq(places.wikidataQid, 'Q102158'));
    const [stockholm] = await db.select().from(places).where(eq(places.wikidataQid, 'Q1754'));
    const twin = await makePlace(db, { name: 'Stockholm Twin', country: 'SE', lat: 40, lng: 40 });
    await t.request('POST', `/api/places/${stockholm!.id}/merge`, admin, { intoId: twin.id });
    const before = await ties();
    const summary = await importWorld(t.database, { files: worldMiniFiles(), gazetteer });
    expect(summary.counts).toMatchObject({ partnershipsCreated: 0, placesCreated: 0 });
    expect(await ties()).toEqual(before);
    expect(narva).toBeDefined();
  });
});
