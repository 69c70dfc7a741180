import { edgeMatches, type Filters, type Network } from './network-data.ts';
import type { Selection } from './selection-overlay.ts';

/** What the atlas map draws, worked out from the network: pure functions, in mercator units or GeoJSON. */

/** The box around a place and its partners, the short way round the antimeridian. */
export function placeBounds(
  network: Network,
  placeId: number,
): [[number, number], [number, number]] | undefined {
  const index = network.indexById.get(placeId);
  if (index === undefined) return undefined;
  const lng0 = network.lngs[index]!;
  let [minLng, maxLng, minLat, maxLat] = [lng0, lng0, network.lats[index]!, network.lats[index]!];
  for (let edge = 0; edge < network.edgeA.length; edge += 1) {
    const other =
      network.edgeA[edge] === index
        ? network.edgeB[edge]
        : network.edgeB[edge] === index
          ? network.edgeA[edge]
          : undefined;
    if (other === undefined) continue;
    let lng = network.lngs[other]!;
    if (lng - lng0 > 180) lng -= 360;
    else if (lng0 - lng > 180) lng += 360;
    minLng = Math.min(minLng, lng);
    maxLng = Math.max(maxLng, lng);
    minLat = Math.min(minLat, network.lats[other]!);
    maxLat = Math.max(maxLat, network.lats[other]!);
  }
  return [
    [minLng, minLat],
    [maxLng, maxLat],
  ];
}

/** Every tie that passes the filters as a pair of vertices in mercator units, for the WebGL ties layer. */
export function tieVertices(network: Network, filters: Filters, onlyPlaceId?: number): Float32Array {
  const only = onlyPlaceId === undefined ? undefined : network.indexById.get(onlyPlaceId);
  const filtered = Boolean(filters.country || filters.kind || filters.status || filters.decade);
  const { mercatorX, mercatorY } = network;
  const vertices = new Float32Array(network.edgeA.length * 4);
  let length = 0;
  for (let edge = 0; edge < network.edgeA.length; edge += 1) {
    const a = network.edgeA[edge]!;
    const b = network.edgeB[edge]!;
    if (only !== undefined && a !== only && b !== only) continue;
    if (filtered && !edgeMatches(network, edge, filters)) continue;
    // The short way round: across the antimeridian when that is shorter.
    let xb = mercatorX[b]!;
    const xa = mercatorX[a]!;
    if (xb - xa > 0.5) xb -= 1;
    else if (xa - xb > 0.5) xb += 1;
    vertices[length++] = xa;
    vertices[length++] = mercatorY[a]!;
    vertices[length++] = xb;
    vertices[length++] = mercatorY[b]!;
  }
  return vertices.subarray(0, length);
}

/**
 * The selected place's ties (that pass the filters) as lines from the place outwards, and the place, in mercator
 * units for the selection layer.
 */
export function selectedTies(network: Network, filters: Filters, placeId?: number): Selection {
  const index = placeId === undefined ? undefined : network.indexById.get(placeId);
  if (index === undefined) return { ties: new Float32Array(0) };
  const { mercatorX, mercatorY } = network;
  const x = mercatorX[index]!;
  const y = mercatorY[index]!;
  const ties: number[] = [];
  for (let edge = 0; edge < network.edgeA.length; edge += 1) {
    const a = network.edgeA[edge]!;
    const b = network.edgeB[edge]!;
    if ((a !== index && b !== index) || !edgeMatches(network, edge, filters)) continue;
    const other = a === index ? b : a;
    // The short way round: across the antimeridian when that is shorter.
    let otherX = mercatorX[other]!;
    if (otherX - x > 0.5) otherX -= 1;
    else if (x - otherX > 0.5) otherX += 1;
    ties.push(x, y, otherX, mercatorY[other]!);
  }
  return { ties: Float32Array.from(ties), place: [x, y], id: placeId };
}

/** The network's places on this map: all of them, or one place and its partners. */
export function memberPlaces(network: Network, onlyPlaceId?: number): number[] {
  const only = onlyPlaceId === undefined ? undefined : network.indexById.get(onlyPlaceId);
  if (only === undefined) {
    const all = new Array<number>(network.ids.length);
    for (let index = 0; index < all.length; index += 1) all[index] = index;
    return all;
  }
  const keep = new Set<number>([only]);
  for (let edge = 0; edge < network.edgeA.length; edge += 1) {
    if (network.edgeA[edge] === only) keep.add(network.edgeB[edge]!);
    if (network.edgeB[edge] === only) keep.add(network.edgeA[edge]!);
  }
  return [...keep];
}
