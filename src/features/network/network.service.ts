import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import { findEdges, findMappedPlaces } from './network.repo.ts';
import type { NetworkResponse } from './network.schema.ts';

export interface SerializedNetwork {
  body: string;
  etag: string;
}

const round5 = (value: number) => Math.round(value * 1e5) / 1e5;

/** Builds the compact world network; ties with a party that has no coordinates are not drawn. */
export async function buildNetwork(db: DbOrTx): Promise<NetworkResponse> {
  const [mapped, edges] = await Promise.all([findMappedPlaces(db), findEdges(db)]);
  const index = new Map<number, number>();
  const places: NetworkResponse['places'] = {
    ids: [],
    names: [],
    countries: [],
    coordinates: [],
    partnerCounts: [],
  };
  for (const place of mapped) {
    index.set(place.id, places.ids.length);
    places.ids.push(place.id);
    places.names.push(place.name);
    places.countries.push(place.country);
    places.coordinates.push(round5(place.lng), round5(place.lat));
    places.partnerCounts.push(place.partnerCount);
  }
  const flat: number[] = [];
  for (const { a, b } of edges) {
    const from = index.get(a);
    const to = index.get(b);
    if (from !== undefined && to !== undefined) flat.push(from, to);
  }
  return { places, edges: flat };
}

/** The network as JSON with a strong ETag of its content. */
export async function serializeNetwork(db: DbOrTx): Promise<SerializedNetwork> {
  const body = JSON.stringify(await buildNetwork(db));
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}
