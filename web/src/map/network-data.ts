import { unpackNetwork } from '../../../src/contract.ts';
import { mercatorX, mercatorY } from './camera.ts';

/**
 * The world network as the map, lists and filters use it: decoded from /api/network/packed into typed arrays, with the
 * filters and a place's ties worked out from it. Pure, without React, so that the first picture of the map can be
 * painted before the app has loaded (map/early.ts).
 */

/** The world network decoded once into typed arrays and lookups for the map, lists and filters. */
export interface Network {
  ids: Int32Array;
  readonly countries: string[];
  readonly lngs: Float64Array;
  readonly lats: Float64Array;
  /** Web Mercator in 0..1, as the map's WebGL layer draws. */
  mercatorX: Float32Array;
  mercatorY: Float32Array;
  partnerCounts: Int32Array;
  readonly indexById: Map<number, number>;
  edgeA: Int32Array;
  edgeB: Int32Array;
  readonly edgeKind: string[];
  readonly edgeStatus: string[];
  edgeStartYear: Int32Array;
  readonly countryCodes: string[];
}

/**
 * The network as /api/network/packed sends it, decoded into typed arrays and lookups. The first picture needs only
 * the places' positions and partner counts and the edges: the rest (degrees, lookups, the kinds and statuses by
 * name) is worked out the first time it is read, once the picture is on screen.
 */
export function decodeNetwork(packed: ArrayBuffer): Network {
  const raw = unpackNetwork(packed);
  const count = raw.ids.length;
  const xs = new Float32Array(count);
  const ys = new Float32Array(count);
  for (let index = 0; index < count; index += 1) {
    xs[index] = mercatorX(raw.coordinates[index * 2]! / 100);
    ys[index] = mercatorY(raw.coordinates[index * 2 + 1]! / 100);
  }
  /** The degrees of one coordinate (0: longitude, 1: latitude) of every place. */
  const degrees = (axis: 0 | 1) => {
    const result = new Float64Array(count);
    for (let index = 0; index < count; index += 1) result[index] = raw.coordinates[index * 2 + axis]! / 100;
    return result;
  };
  /** Each edge's entry of a table (kinds, statuses) by name. */
  const named = (indexes: Uint8Array, table: string[]) => {
    const result = new Array<string>(indexes.length);
    for (let edge = 0; edge < indexes.length; edge += 1) result[edge] = table[indexes[edge]!]!;
    return result;
  };
  const later: {
    lngs?: Float64Array;
    lats?: Float64Array;
    indexById?: Map<number, number>;
    edgeKind?: string[];
    edgeStatus?: string[];
    countryCodes?: string[];
  } = {};
  return {
    ids: raw.ids,
    get countries() {
      return raw.countries;
    },
    mercatorX: xs,
    mercatorY: ys,
    partnerCounts: new Int32Array(raw.partnerCounts),
    edgeA: raw.edgeA,
    edgeB: raw.edgeB,
    edgeStartYear: new Int32Array(raw.edgeStartYears),
    get lngs() {
      later.lngs ??= degrees(0);
      return later.lngs;
    },
    get lats() {
      later.lats ??= degrees(1);
      return later.lats;
    },
    get indexById() {
      if (!later.indexById) {
        later.indexById = new Map();
        for (let index = 0; index < count; index += 1) later.indexById.set(raw.ids[index]!, index);
      }
      return later.indexById;
    },
    get edgeKind() {
      later.edgeKind ??= named(raw.edgeKinds, raw.kinds);
      return later.edgeKind;
    },
    get edgeStatus() {
      later.edgeStatus ??= named(raw.edgeStatuses, raw.statuses);
      return later.edgeStatus;
    },
    get countryCodes() {
      later.countryCodes ??= [...new Set(raw.countries)].sort();
      return later.countryCodes;
    },
  };
}

/**
 * Fetches the packed network and decodes it; `started` is its body if it is being read already (the request the
 * page's head started).
 */
export async function fetchNetwork(started?: Promise<ArrayBuffer>): Promise<Network> {
  if (started) return decodeNetwork(await started);
  const response = await fetch(NETWORK_URL);
  if (!response.ok) throw new Error(`${NETWORK_URL} answered ${response.status}`);
  return decodeNetwork(await response.arrayBuffer());
}

/** Where the packed network is: the inline script in index.html's head asks for it too. */
export const NETWORK_URL = '/api/network/packed';

export interface Filters {
  country?: string;
  kind?: string;
  status?: string;
  /** A decade such as "1990", or "unknown". */
  decade?: string;
}

/** Whether a tie that started in `year` (0: unknown) started in the decade ("1990", or "unknown"). */
const inDecade = (year: number, decade: string) =>
  decade === 'unknown' ? year === 0 : year !== 0 && Math.floor(year / 10) * 10 === Number(decade);

/** Whether tie number `edge` passes the filters. */
export function edgeMatches(network: Network, edge: number, filters: Filters): boolean {
  if (filters.kind && network.edgeKind[edge] !== filters.kind) return false;
  if (filters.status && network.edgeStatus[edge] !== filters.status) return false;
  if (filters.decade && !inDecade(network.edgeStartYear[edge]!, filters.decade)) return false;
  if (filters.country) {
    const a = network.countries[network.edgeA[edge]!];
    const b = network.countries[network.edgeB[edge]!];
    if (a !== filters.country && b !== filters.country) return false;
  }
  return true;
}

/** Whether a tie of the given kind, status and start passes the filters (for lists from the API). */
export function tieMatches(
  tie: { kind: string; status: string; startedOn: string | null; countries: string[] },
  filters: Filters,
): boolean {
  if (filters.kind && tie.kind !== filters.kind) return false;
  if (filters.status && tie.status !== filters.status) return false;
  if (filters.decade && !inDecade(tie.startedOn ? Number(tie.startedOn.slice(0, 4)) : 0, filters.decade))
    return false;
  if (filters.country && !tie.countries.includes(filters.country)) return false;
  return true;
}

/** One of a place's ties as the network knows it: enough to list and draw it before the API answers. */
export interface NetworkTie {
  /** The edge's number in the network. */
  edge: number;
  /** The partner's index in the network. */
  partner: number;
  kind: string;
  status: string;
  /** 0 when unknown. */
  startYear: number;
}

/** A place's ties that pass the filters, from the network alone (no request). */
export function networkTies(
  network: Network,
  placeId: number | undefined,
  filters: Filters = {},
): NetworkTie[] {
  const index = placeId === undefined ? undefined : network.indexById.get(placeId);
  if (index === undefined) return [];
  const ties: NetworkTie[] = [];
  for (let edge = 0; edge < network.edgeA.length; edge += 1) {
    const a = network.edgeA[edge]!;
    const b = network.edgeB[edge]!;
    if (a !== index && b !== index) continue;
    if (!edgeMatches(network, edge, filters)) continue;
    ties.push({
      edge,
      partner: a === index ? b : a,
      kind: network.edgeKind[edge]!,
      status: network.edgeStatus[edge]!,
      startYear: network.edgeStartYear[edge]!,
    });
  }
  return ties;
}
