import { mercator } from './camera.ts';
import type { Network } from './network-data.ts';

const CELLS = 1024;

/** A place's dot radius in CSS pixels, by its number of ties. */
export function dotRadius(partnerCount: number): number {
  return Math.min(7, 1.5 + ((Math.sqrt(Math.max(1, partnerCount)) - 1) * 5.5) / 11);
}

/** The dots of these places as [x, y, radius, …], x and y in mercator units: what the map and the first picture draw. */
export function placeVertices(network: Network, members: readonly number[]): Float32Array {
  const result = new Float32Array(members.length * 3);
  // Indexed loops: the first picture runs this once, before the engine has optimised anything.
  for (let position = 0; position < members.length; position += 1) {
    const index = members[position]!;
    result[position * 3] = network.mercatorX[index]!;
    result[position * 3 + 1] = network.mercatorY[index]!;
    result[position * 3 + 2] = dotRadius(network.partnerCounts[index]!);
  }
  return result;
}

/**
 * Finds the place under the pointer among the dots drawn by the network layer: a grid over the mercator world, so
 * that a mouse move looks at a handful of places, not eighteen thousand.
 */
export class PlaceIndex {
  private readonly cells = new Map<number, number[]>();
  private readonly xs: Float32Array;
  private readonly ys: Float32Array;

  constructor(
    private readonly network: Network,
    readonly members: number[],
  ) {
    this.xs = network.mercatorX;
    this.ys = network.mercatorY;
    for (const index of members) {
      const x = this.xs[index]!;
      const y = this.ys[index]!;
      const key = Math.floor(y * CELLS) * CELLS + Math.floor(x * CELLS);
      const cell = this.cells.get(key);
      if (cell) cell.push(index);
      else this.cells.set(key, [index]);
    }
  }

  /** The dots as [x, y, radius, …] for the network layer. */
  vertices(): Float32Array {
    return placeVertices(this.network, this.members);
  }

  /** The index of the place whose dot is nearest to a point, within its radius and a few pixels of slack. */
  hit(lng: number, lat: number, zoom: number): number | undefined {
    const worldSize = 512 * 2 ** zoom;
    let [x, y] = mercator(lng, lat);
    x -= Math.floor(x);
    const reach = 10 / worldSize;
    const span = Math.ceil(reach * CELLS);
    const cx = Math.floor(x * CELLS);
    const cy = Math.floor(y * CELLS);
    let best: number | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let dy = -span; dy <= span; dy += 1) {
      for (let dx = -span; dx <= span; dx += 1) {
        for (const index of this.cells.get((cy + dy) * CELLS + cx + dx) ?? []) {
          const distance = Math.hypot(this.xs[index]! - x, this.ys[index]! - y) * worldSize;
          if (distance <= dotRadius(this.network.partnerCounts[index]!) + 3 && distance < bestDistance) {
            best = index;
            bestDistance = distance;
          }
        }
      }
    }
    return best;
  }
}
