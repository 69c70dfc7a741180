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
