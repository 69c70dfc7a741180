import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import { decodeEdges, encodeEdges, packNetwork, unpackNetwork } from './network.encoding.ts';

let t: TestApp;
let places: { id: number }[];

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  places = [
    await makePlace(db, { name: 'Espoo', country: 'FI', lat: 60.2055, lng: 24.6559 }),
    await makePlace(db, { name: 'Shanghai', country: 'CN', lat: 31.224361, lng: 121.469444 }),
    await makePlace(db, { name: 'Nowhere', country: 'SE', lat: null, lng: null }),
  ];
  await makePartnership(db, [places[0]!.id, places[1]!.id]);
  await makePartnership(db, [places[0]!.id, places[2]!.id]);
});
afterAll(() => t.close());

describe('GET /api/network', () => {
  it('answers placed places as parallel arrays and ties as index pairs', async () => {
    const response = await t.app.inject({ url: '/api/network' });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const body = response.json();
    expect(body.places).toEqual({
      ids: [places[0]!.id, places[1]!.id],
      countries: ['FI', 'CN'],
      coordinates: [24.66, 60.21, 121.47, 31.22],
      partnerCounts: [2, 1],
    });
    // The tie to a place without coordinates is not drawn.
    expect(body.edges).toEqual([0, 1]);
    expect(body.kinds[body.edgeKinds[0]]).toBe('twin_town');
    expect(body.statuses[body.edgeStatuses[0]]).toBe('active');
    expect(body.edgeStartYears).toEqual([0]);
  });

  it('serves brotli or gzip to clients that take them', async () => {
    const plain = await t.app.inject({ url: '/api/network' });
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
    ] as const) {
      const response = await t.app.inject({ url: '/api/network', headers: { 'accept-encoding': accept } });
      expect(response.headers['content-encoding']).toBe(encoding);
      const decoded =
        encoding === 'br' ? brotliDecompressSync(response.rawPayload) : gunzipSync(response.rawPayload);
      expect(decoded.toString()).toBe(plain.body);
    }
  });

  it('answers 304 to a matching If-None-Match, and a new ETag after a change', async () => {
    const first = await t.app.inject({ url: '/api/network' });
    const etag = first.headers.etag as string;
    const cached = await t.app.inject({ url: '/api/network', headers: { 'if-none-match': etag } });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    const weak = await t.app.inject({ url: '/api/network', headers: { 'if-none-match': `W/${etag}` } });
    expect(weak.statusCode).toBe(304);

    const extra = await makePlace(t.database.db, {
      name: 'Tallinn',
      country: 'EE',
      lat: 59.437,
      lng: 24.7536,
    });
    await makePartnership(t.database.db, [places[1]!.id, extra.id]);
    await expect
      .poll(
        async () =>
          (await t.app.inject({ url: '/api/network', headers: { 'if-none-match': etag } })).statusCode,
      )
      .toBe(200);
    const changed = await t.app.inject({ url: '/api/network' });
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().edges).toHaveLength(4);
  });

  it('delta-encodes the edges, sorted by place index', async () => {
    expect(
      encodeEdges([
        [0, 1],
        [0, 2],
        [3, 4],
      ]),
    ).toEqual([0, 1, 0, 2, 3, 1]);
    const decoded = decodeEdges([0, 1, 0, 2, 3, 1]);
    expect([...decoded.a]).toEqual([0, 0, 3]);
    expect([...decoded.b]).toEqual([1, 2, 4]);
    const body = (await t.app.inject({ url: '/api/network' })).json();
    const edges = decodeEdges(body.edges);
    const pairs = [...edges.a].flatMap((a, edge) => [a, edges.b[edge]!]);
    const names = (await t.app.inject({ url: '/api/network/names' })).json();
    const index = (name: string) => names.names.indexOf(name);
    expect(pairs).toEqual([index('Espoo'), index('Shanghai'), index('Shanghai'), index('Tallinn')]);
    expect(names.ids).toEqual(body.places.ids);
  });
});

describe('GET /api/network/packed', () => {
  it('carries the same network as the JSON answer, read back without parsing', async () => {
    const json = (await t.app.inject({ url: '/api/network' })).json();
    const response = await t.app.inject({ url: '/api/network/packed', headers: { 'accept-encoding': 'br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['content-encoding']).toBe('br');
    const bytes = brotliDecompressSync(response.rawPayload);
    const packed = unpackNetwork(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const edges = decodeEdges(json.edges);
    expect({
      ids: [...packed.ids],
      countries: packed.countries,
      coordinates: [...packed.coordinates].map((value) => value / 100),
      partnerCounts: [...packed.partnerCounts],
    }).toEqual(json.places);
    expect([...packed.edgeA]).toEqual([...edges.a]);
    expect([...packed.edgeB]).toEqual([...edges.b]);
    expect([...packed.edgeKinds]).toEqual(json.edgeKinds);
    expect([...packed.edgeStatuses]).toEqual(json.edgeStatuses);
    expect([...packed.edgeStartYears]).toEqual(json.edgeStartYears);
    expect({ kinds: packed.kinds, statuses: packed.statuses }).toEqual({
      kinds: json.kinds,
      statuses: json.statuses,
    });
    const cached = await t.app.inject({
      url: '/api/network/packed',
      headers: { 'if-none-match': response.headers.etag as string },
    });
    expect(cached.statusCode).toBe(304);
  });

  it('packs the far corners of the world, big ids and start years, and refuses what is not one', () => {
    const network = {
      places: {
        ids: [7, 1_000_000, 2_000_000_000],
        countries: ['NZ', 'US', 'FJ'],
        coordinates: [-180, -85.05, 180, 85.05, 179.99, -17.77],
        partnerCounts: [1, 2, 1],
      },
      edges: encodeEdges([
        [0, 1],
        [1, 2],
      ]),
      edgeKinds: [0, 6],
      edgeStatuses: [4, 1],
      edgeStartYears: [0, 2026],
      kinds: [
        'twin_town',
        'sister_city',
        'friendship_city',
        'mou',
        'cooperation_agreement',
        'project',
        'network_membership',
      ],
      statuses: ['proposed', 'active', 'dormant', 'suspended', 'ended'],
    };
    const bytes = packNetwork(network);
    const packed = unpackNetwork(bytes.buffer as ArrayBuffer);
    expect([...packed.ids]).toEqual(network.places.ids);
    expect([...packed.coordinates]).toEqual([-18000, -8505, 18000, 8505, 17999, -1777]);
    expect([...packed.edgeA, ...packed.edgeB]).toEqual([0, 1, 1, 2]);
    expect([...packed.edgeStartYears]).toEqual([0, 2026]);
    expect(packed.countries).toEqual(network.places.countries);
    expect(() => unpackNetwork(new TextEncoder().encode('{"places":[]}').buffer as ArrayBuffer)).toThrow(
      'Not a packed network',
    );
    expect(() => unpackNetwork(bytes.buffer.slice(0, bytes.byteLength - 1) as ArrayBuffer)).toThrow(
      'cut short',
    );
  });
});

describe('GET /api/network/names', () => {
  it("answers the places' names in the network's order, with an ETag", async () => {
    const response = await t.app.inject({ url: '/api/network/names' });
    expect(response.statusCode).toBe(200);
    expect(response.json().names.slice(0, 2)).toEqual(['Espoo', 'Shanghai']);
    const cached = await t.app.inject({
      url: '/api/network/names',
      headers: { 'if-none-match': response.headers.etag as string },
    });
    expect(cached.statusCode).toBe(304);
  });
});
