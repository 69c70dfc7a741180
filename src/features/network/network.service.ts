import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { DbOrTx } from '../../db/client.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../partnerships/partnerships.tables.ts';
import { findEdges, findMappedPlaces } from './network.repo.ts';
import type { NetworkResponse } from './network.schema.ts';

export interface SerializedNetwork {
  body: string;
  /** The same body compressed once, so no request pays for compressing a megabyte. */
  gzip: Buffer;
  brotli: Buffer;
  etag: string;
}

const round4 = (value: number) => Math.round(value * 1e4) / 1e4;

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
    places.coordinates.push(round4(place.lng), round4(place.lat));
    places.partnerCounts.push(place.partnerCount);
  }
  const flat: number[] = [];
  const edgeKinds: number[] = [];
  const edgeStatuses: number[] = [];
  const edgeStartYears: number[] = [];
  const kinds = [...PARTNERSHIP_KINDS];
  const statuses = [...PARTNERSHIP_STATUSES];
  for (const edge of edges) {
    const from = index.get(edge.a);
    const to = index.get(edge.b);
    if (from === undefined || to === undefined) continue;
    flat.push(from, to);
    edgeKinds.push(kinds.indexOf(edge.kind as (typeof kinds)[number]));
    edgeStatuses.push(statuses.indexOf(edge.status as (typeof statuses)[number]));
    edgeStartYears.push(edge.startYear ?? 0);
  }
  return { places, edges: flat, edgeKinds, edgeStatuses, edgeStartYears, kinds, statuses };
}

/** The network as JSON with a strong ETag of its content. */
export async function serializeNetwork(db: DbOrTx): Promise<SerializedNetwork> {
  const body = JSON.stringify(await buildNetwork(db));
  const [gzipped, brotli] = await Promise.all([
    promisify(gzip)(body, { level: 9 }),
    promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
  ]);
  return {
    body,
    gzip: gzipped,
    brotli,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}
