import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { DbOrTx } from '../../db/client.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../partnerships/partnerships.tables.ts';
import { encodeEdges, packNetwork } from './network.encoding.ts';
import { findEdges, findMappedPlaces } from './network.repo.ts';
import type { NetworkNamesResponse, NetworkResponse } from './network.schema.ts';

/** A response body serialized and compressed once, so no request pays for compressing it. */
export interface SerializedBody {
  body: string | Buffer;
  gzip: Buffer;
  brotli: Buffer;
  etag: string;
}

/** Two decimals (about 1 km) are plenty to draw a world map and compress far better than more. */
const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Builds the compact world network. Ties with a party without coordinates are not drawn. Edges are sorted by
 * their first place and delta-encoded (see the schema), which halves their compressed size.
 */
export async function buildNetwork(db: DbOrTx): Promise<NetworkResponse> {
  const mapped = await findMappedPlaces(db);
  const edges = await findEdges(db);
  const index = new Map<number, number>();
  const places: NetworkResponse['places'] = { ids: [], countries: [], coordinates: [], partnerCounts: [] };
  for (const place of mapped) {
    index.set(place.id, places.ids.length);
    places.ids.push(place.id);
    places.countries.push(place.country);
    places.coordinates.push(round2(place.lng), round2(place.lat));
    places.partnerCounts.push(place.partnerCount);
  }
  const kinds = [...PARTNERSHIP_KINDS];
  const statuses = [...PARTNERSHIP_STATUSES];
  const placed = edges
    .map((edge) => {
      const a = index.get(edge.a);
      const b = index.get(edge.b);
      if (a === undefined || b === undefined) return undefined;
      return [Math.min(a, b), Math.max(a, b), edge] as const;
    })
    .filter((edge) => edge !== undefined)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const edgeKinds: number[] = [];
  const edgeStatuses: number[] = [];
  const edgeStartYears: number[] = [];
  for (const [, , edge] of placed) {
    edgeKinds.push(kinds.indexOf(edge.kind as (typeof kinds)[number]));
    edgeStatuses.push(statuses.indexOf(edge.status as (typeof statuses)[number]));
    edgeStartYears.push(edge.startYear ?? 0);
  }
  const edgesEncoded = encodeEdges(placed.map(([a, b]) => [a, b] as const));
  return { places, edges: edgesEncoded, edgeKinds, edgeStatuses, edgeStartYears, kinds, statuses };
}

/** The display names of the network's places, in the order of its `places.ids`. */
export async function buildNetworkNames(db: DbOrTx): Promise<NetworkNamesResponse> {
  const mapped = await findMappedPlaces(db);
  return { ids: mapped.map((place) => place.id), names: mapped.map((place) => place.name) };
}

/** Compresses a body once, with a strong ETag of its content. */
async function compressBody(body: string | Uint8Array): Promise<SerializedBody> {
  const [gzipped, brotli] = await Promise.all([
    promisify(gzip)(body, { level: 9 }),
    promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
  ]);
  return {
    body: typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
    gzip: gzipped,
    brotli,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

/** Serializes and compresses a body once, with a strong ETag of its content. */
export const serializeBody = (value: unknown): Promise<SerializedBody> => compressBody(JSON.stringify(value));

/** The world network in both its forms, built once: JSON for the API's clients, packed for the web app's map. */
export async function serializeNetwork(
  network: NetworkResponse,
): Promise<{ json: SerializedBody; packed: SerializedBody }> {
  const [json, packed] = await Promise.all([serializeBody(network), compressBody(packNetwork(network))]);
  return { json, packed };
}
