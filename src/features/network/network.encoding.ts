/**
 * The edge encoding of /api/network, shared by the server (encoding) and the web app (decoding): pairs of place
 * indexes a < b, sorted, each a given as the difference from the previous a and each b as the difference from its
 * a — small, repetitive numbers that compress to about half the size of plain indexes.
 */

/** Encodes sorted pairs [[a0, b0], [a1, b1], …] with a < b. */
export function encodeEdges(pairs: readonly (readonly [number, number])[]): number[] {
  const encoded: number[] = [];
  let previous = 0;
  for (const [a, b] of pairs) {
    encoded.push(a - previous, b - a);
    previous = a;
  }
  return encoded;
}

/** Decodes into the first and second place index of every edge. */
export function decodeEdges(encoded: readonly number[]): { a: Int32Array; b: Int32Array } {
  const count = encoded.length / 2;
  const a = new Int32Array(count);
  const b = new Int32Array(count);
  let first = 0;
  for (let edge = 0; edge < count; edge += 1) {
    first += encoded[edge * 2]!;
    a[edge] = first;
    b[edge] = first + encoded[edge * 2 + 1]!;
  }
  return { a, b };
}

/** What a packed network starts with: "CBN1" read as a little-endian 32-bit number. */
const PACKED_MAGIC = 0x314e4243;
/** The header: the magic number, the number of places, of edges, and the bytes of the closing tables. */
const HEADER_BYTES = 16;

/** The world network as typed arrays, as the packed form carries it: the JSON answer's arrays, decoded. */
export interface NetworkArrays {
  ids: Int32Array;
  /** ISO 3166-1 alpha-2 codes, one per place. */
  readonly countries: string[];
  /** Hundredths of a degree: [lng0, lat0, lng1, lat1, …]. */
  coordinates: Int16Array;
  partnerCounts: Uint16Array;
  edgeA: Int32Array;
  edgeB: Int32Array;
  edgeKinds: Uint8Array;
  edgeStatuses: Uint8Array;
  edgeStartYears: Uint16Array;
  kinds: string[];
  statuses: string[];
}

/** Where each section of a packed network starts, for `places` places and `edges` edges (each aligned to its type). */
function packedLayout(places: number, edges: number) {
  const ids = HEADER_BYTES;
  const edgeA = ids + places * 4;
  const edgeB = edgeA + edges * 4;
  const coordinates = edgeB + edges * 4;
  const partnerCounts = coordinates + places * 4;
  const edgeStartYears = partnerCounts + places * 2;
  const countries = edgeStartYears + edges * 2;
  const edgeKinds = countries + places * 2;
  const edgeStatuses = edgeKinds + edges;
  const tables = edgeStatuses + edges;
  return {
    ids,
    edgeA,
    edgeB,
    coordinates,
    partnerCounts,
    edgeStartYears,
    countries,
    edgeKinds,
    edgeStatuses,
    tables,
  };
}

/**
 * The network packed into little-endian binary for the web app's first picture, which reads it without parsing:
 * a header, then each array at a position aligned to its type (ids and edges as differences, as in the JSON answer;
 * coordinates as 16-bit hundredths of a degree, the JSON's own two decimals), then the kinds and statuses as JSON.
 */
export function packNetwork(network: {
  places: {
    ids: readonly number[];
    countries: readonly string[];
    coordinates: readonly number[];
    partnerCounts: readonly number[];
  };
  edges: readonly number[];
  edgeKinds: readonly number[];
  edgeStatuses: readonly number[];
  edgeStartYears: readonly number[];
  kinds: readonly string[];
  statuses: readonly string[];
}): Uint8Array {
  const places = network.places.ids.length;
  const edges = network.edges.length / 2;
  const tables = new TextEncoder().encode(
    JSON.stringify({ kinds: network.kinds, statuses: network.statuses }),
  );
  const at = packedLayout(places, edges);
  const buffer = new ArrayBuffer(at.tables + tables.length);
  const view = new DataView(buffer);
  for (const [position, value] of [PACKED_MAGIC, places, edges, tables.length].entries())
    view.setUint32(position * 4, value, true);
  let previous = 0;
  for (let place = 0; place < places; place += 1) {
    const id = network.places.ids[place]!;
    view.setInt32(at.ids + place * 4, id - previous, true);
    previous = id;
    view.setInt16(at.coordinates + place * 4, Math.round(network.places.coordinates[place * 2]! * 100), true);
    view.setInt16(
      at.coordinates + place * 4 + 2,
      Math.round(network.places.coordinates[place * 2 + 1]! * 100),
      true,
    );
    view.setUint16(
      at.partnerCounts + place * 2,
      Math.min(0xffff, network.places.partnerCounts[place]!),
      true,
    );
    const country = network.places.countries[place]!;
    view.setUint8(at.countries + place * 2, country.charCodeAt(0));
    view.setUint8(at.countries + place * 2 + 1, country.charCodeAt(1));
  }
  for (let edge = 0; edge < edges; edge += 1) {
    view.setInt32(at.edgeA + edge * 4, network.edges[edge * 2]!, true);
    view.setInt32(at.edgeB + edge * 4, network.edges[edge * 2 + 1]!, true);
    view.setUint16(at.edgeStartYears + edge * 2, network.edgeStartYears[edge]!, true);
    view.setUint8(at.edgeKinds + edge, network.edgeKinds[edge]!);
    view.setUint8(at.edgeStatuses + edge, network.edgeStatuses[edge]!);
  }
  new Uint8Array(buffer, at.tables).set(tables);
  return new Uint8Array(buffer);
}

/**
 * Reads a packed network: the arrays are views on the buffer, so nothing is parsed but the ids' and edges' running
 * sums and the country codes.
 */
export function unpackNetwork(buffer: ArrayBuffer): NetworkArrays {
  const header = new DataView(buffer, 0, Math.min(HEADER_BYTES, buffer.byteLength));
  if (buffer.byteLength < HEADER_BYTES || header.getUint32(0, true) !== PACKED_MAGIC)
    throw new Error('Not a packed network');
  const places = header.getUint32(4, true);
  const edges = header.getUint32(8, true);
  const at = packedLayout(places, edges);
  if (buffer.byteLength !== at.tables + header.getUint32(12, true))
    throw new Error('A packed network cut short');
  // Typed arrays read in the platform's order: little-endian on every platform a browser runs on.
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('A big-endian platform');
  const ids = new Int32Array(buffer.slice(at.ids, at.ids + places * 4));
  for (let place = 1; place < places; place += 1) ids[place]! += ids[place - 1]!;
  const edgeA = new Int32Array(buffer.slice(at.edgeA, at.edgeA + edges * 4));
  const edgeB = new Int32Array(buffer.slice(at.edgeB, at.edgeB + edges * 4));
  for (let edge = 0; edge < edges; edge += 1) {
    if (edge > 0) edgeA[edge]! += edgeA[edge - 1]!;
    edgeB[edge]! += edgeA[edge]!;
  }
  const codes = new Uint8Array(buffer, at.countries, places * 2);
  let countries: string[] | undefined;
  const tables = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, at.tables))) as {
    kinds: string[];
    statuses: string[];
  };
  return {
    ids,
    // Read the first time they are asked for: a map's first picture does without them.
    get countries() {
      if (!countries) {
        countries = new Array<string>(places);
        for (let place = 0; place < places; place += 1)
          countries[place] = String.fromCharCode(codes[place * 2]!, codes[place * 2 + 1]!);
      }
      return countries;
    },
    coordinates: new Int16Array(buffer, at.coordinates, places * 2),
    partnerCounts: new Uint16Array(buffer, at.partnerCounts, places),
    edgeA,
    edgeB,
    edgeKinds: new Uint8Array(buffer, at.edgeKinds, edges),
    edgeStatuses: new Uint8Array(buffer, at.edgeStatuses, edges),
    edgeStartYears: new Uint16Array(buffer, at.edgeStartYears, edges),
    kinds: tables.kinds,
    statuses: tables.statuses,
  };
}
