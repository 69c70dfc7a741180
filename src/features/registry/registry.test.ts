import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memberHeaders } from '../../../test/helpers/auth.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import { buildApp } from '../../app.ts';

/** The places whose partners lists were built from the database, in order. */
const partnersBuilt = vi.hoisted(() => [] as number[]);
vi.mock('../places/places.service.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../places/places.service.ts')>();
  return {
    ...actual,
    getPlacePartners: (...args: Parameters<typeof actual.getPlacePartners>) => {
      partnersBuilt.push(args[1]);
      return actual.getPlacePartners(...args);
    },
  };
});

let database: TestDatabase;
let app: FastifyInstance;
let editor: Record<string, string>;
const ids = { espoo: 0, shanghai: 0, tallinn: 0, riga: 0, porto: 0, lyon: 0, tie: 0 };

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  // No revision timer: what is rebuilt here is rebuilt because of the write.
  app = await buildApp({ database, registryCheckMs: 0 });
  await app.ready();
  ids.espoo = (await makePlace(db, { name: 'Espoo', lat: 60.2, lng: 24.66 })).id;
  ids.shanghai = (await makePlace(db, { name: 'Shanghai', country: 'CN', lat: 31.22, lng: 121.47 })).id;
  ids.tallinn = (await makePlace(db, { name: 'Tallinn', country: 'EE', lat: 59.44, lng: 24.75 })).id;
  ids.riga = (await makePlace(db, { name: 'Riga', country: 'LV', lat: 56.95, lng: 24.11 })).id;
  ids.porto = (await makePlace(db, { name: 'Porto', country: 'PT', lat: 41.15, lng: -8.61 })).id;
  ids.lyon = (await makePlace(db, { name: 'Lyon', country: 'FR', lat: 45.76, lng: 4.84 })).id;
  ids.tie = (await makePartnership(db, [ids.espoo, ids.shanghai])).id;
  await makePartnership(db, [ids.espoo, ids.tallinn]);
  await makePartnership(db, [ids.porto, ids.lyon]);
  const city = await makeOrganization(db, { name: 'City of Espoo', placeId: ids.espoo });
  editor = await memberHeaders(db, city.id, 'editor');
});
afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

const partnersOf = async (placeId: number) => {
  const response = await app.inject({ url: `/api/places/${placeId}/partners` });
  expect(response.statusCode).toBe(200);
  return response.json().partners as {
    partnershipId: number;
    status: string;
    place: { id: number; partnerCount: number };
  }[];
};
const readEveryList = async () => {
  for (const id of Object.values(ids).slice(0, 6)) await partnersOf(id);
};

describe('read models after a tie write', () => {
  beforeEach(async () => {
    await readEveryList();
    partnersBuilt.length = 0;
  });

  it("shows a tie's change on its places' partners lists at once, and rebuilds no other place's", async () => {
    const current = (await app.inject({ url: `/api/partnerships/${ids.tie}`, headers: editor })).json();
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/partnerships/${ids.tie}`,
      headers: editor,
      payload: { version: current.version, status: 'dormant' },
    });
    expect(patched.statusCode, patched.body).toBe(200);

    const espoo = await partnersOf(ids.espoo);
    expect(espoo.find((partner) => partner.partnershipId === ids.tie)?.status).toBe('dormant');
    const shanghai = await partnersOf(ids.shanghai);
    expect(shanghai.find((partner) => partner.partnershipId === ids.tie)?.status).toBe('dormant');
    await readEveryList();
    // No partner count changed, so Tallinn's list (which shows Espoo's count) stands; Porto and Lyon are unrelated.
    expect(partnersBuilt.sort((a, b) => a - b)).toEqual([ids.espoo, ids.shanghai].sort((a, b) => a - b));
  });

  it("shows a new tie at once, with the new partner count in the lists of its places' partners", async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/partnerships',
      headers: editor,
      payload: { kind: 'twin_town', parties: [{ placeId: ids.espoo }, { placeId: ids.riga }] },
    });
    expect(created.statusCode, created.body).toBe(201);

    expect((await partnersOf(ids.espoo)).map((partner) => partner.place.id)).toContain(ids.riga);
    expect((await partnersOf(ids.riga)).map((partner) => partner.place.id)).toEqual([ids.espoo]);
    const espooSeenFromTallinn = (await partnersOf(ids.tallinn)).find(
      (partner) => partner.place.id === ids.espoo,
    );
    expect(espooSeenFromTallinn?.place.partnerCount).toBe(3);
    await readEveryList();
    expect(partnersBuilt).not.toContain(ids.porto);
    expect(partnersBuilt).not.toContain(ids.lyon);
  });

  it('shows the change on the network, with a new ETag, and in the statistics soon after', async () => {
    const network = await app.inject({ url: '/api/network' });
    const stats = (await app.inject({ url: '/api/stats' })).json();
    const before = network.json().edges.length;
    const current = (await app.inject({ url: `/api/partnerships/${ids.tie}`, headers: editor })).json();
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/partnerships/${ids.tie}?version=${current.version}`,
      headers: editor,
    });
    expect(deleted.statusCode, deleted.body).toBe(200);

    await expect
      .poll(async () => (await app.inject({ url: '/api/network' })).json().edges.length)
      .toBe(before - 2);
    const after = await app.inject({ url: '/api/network' });
    expect(after.headers.etag).not.toBe(network.headers.etag);
    const revalidated = await app.inject({
      url: '/api/network',
      headers: { 'if-none-match': network.headers.etag as string },
    });
    expect(revalidated.statusCode).toBe(200);
    await expect
      .poll(async () => (await app.inject({ url: '/api/stats' })).json().totals.partnerships)
      .toBe(stats.totals.partnerships - 1);
  });
});
