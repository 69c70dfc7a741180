import countriesUrl from 'world-atlas/countries-110m.json?url';
import landUrl from 'world-atlas/land-110m.json?url';
import { type Camera, mercatorX, mercatorY, projector } from './camera.ts';
import type { MapPalette } from './palette.ts';
import { Raster } from './raster.ts';
import { paintSelection, type Selection } from './selection-overlay.ts';

/**
 * The first picture of the atlas, painted on a 2D canvas of its own as soon as the network and the land are in:
 * the base map, every tie and every place, exactly where the WebGL map will draw them. MapLibre (a megabyte of
 * code) loads after it and takes over once it has drawn the same picture.
 */

/** Natural Earth's countries or land (world-atlas) as polygons of rings, each ring flat [x0, y0, x1, y1, …] in mercator. */
export interface Countries {
  polygons: Float64Array[][];
}

interface Topology {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: Record<string, { geometries: { type: string; arcs?: number[][] | number[][][] }[] }>;
}

/** Decodes a quantized TopoJSON's polygons (the object `name`: countries, land) into mercator rings. */
export function decodeCountries(topology: Topology, name = 'countries'): Countries {
  const [kx, ky] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  // Each arc as flat mercator [x0, y0, x1, y1, …]: no array per point, which a first paint pays for in collection.
  const arcs = topology.arcs.map((arc) => {
    const flat = new Float64Array(arc.length * 2);
    let a = 0;
    let b = 0;
    for (let point = 0; point < arc.length; point += 1) {
      a += arc[point]![0];
      b += arc[point]![1];
      flat[point * 2] = mercatorX(a * kx + tx);
      flat[point * 2 + 1] = mercatorY(b * ky + ty);
    }
    return flat;
  });
  const ring = (indexes: number[]) => {
    let length = 0;
    for (const index of indexes) length += arcs[index < 0 ? ~index : index]!.length;
    const flat = new Float64Array(length);
    let size = 0;
    let shift = 0;
    for (const [position, index] of indexes.entries()) {
      const arc = arcs[index < 0 ? ~index : index]!;
      const points = arc.length / 2;
      // Each arc after the first starts where the previous one ended.
      for (let step = position > 0 ? 1 : 0; step < points; step += 1) {
        const point = index < 0 ? points - 1 - step : step;
        const x = arc[point * 2]!;
        // A ring that crosses the antimeridian (Russia, Fiji) goes on past it rather than back across the world;
        // the world's copies beside it show the rest.
        const previous = size > 0 ? flat[size - 2]! : x;
        if (x + shift - previous > 0.5) shift -= 1;
        else if (previous - (x + shift) > 0.5) shift += 1;
        flat[size] = x + shift;
        flat[size + 1] = arc[point * 2 + 1]!;
        size += 2;
      }
    }
    return flat.subarray(0, size);
  };
  const polygons: Float64Array[][] = [];
  for (const geometry of topology.objects[name]?.geometries ?? []) {
    if (geometry.type === 'Polygon') polygons.push((geometry.arcs as number[][]).map(ring));
    else if (geometry.type === 'MultiPolygon')
      for (const polygon of geometry.arcs as number[][][]) polygons.push(polygon.map(ring));
  }
  return { polygons };
}

/**
 * Fetches a TopoJSON file (JSON parses faster than the same data as a module), or takes it as `started` read it,
 * and decodes the object `name`.
 */
const loadTopology = (url: string, name: string, started?: Promise<unknown>): Promise<Countries> =>
  (
    started ??
    fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return response.json();
    })
  ).then((topology) => decodeCountries(topology as Topology, name));

let countries: Promise<Countries> | undefined;
let land: Promise<Countries> | undefined;

/**
 * Loads and decodes the countries once, for the base map with its borders: fetched as a file (a dynamic import
 * would tie this module to the shared chunk's loader).
 */
export function loadCountries(): Promise<Countries> {
  countries ??= loadTopology(countriesUrl, 'countries');
  return countries;
}

/**
 * Loads and decodes the land once: the countries' outline without borders, all the first picture fills, at half
 * the bytes and the points of the countries. `started` is the file as read already (by the page's head).
 */
export function loadLand(started?: Promise<unknown>): Promise<Countries> {
  land ??= loadTopology(landUrl, 'land', started);
  return land;
}

export interface FirstPaint {
  camera: Camera;
  /** The canvas's size in CSS pixels. */
  width: number;
  height: number;
  /** Every tie: [x0, y0, x1, y1, …] in mercator units. */
  vertices: Float32Array;
  /** Every place: [x, y, radius in CSS pixels, …]. */
  points: Float32Array;
  /** The selected place's ties and the place, highlighted. */
  selection: Selection;
  /** The base map, unless an online style draws it. */
  countries?: Countries;
  palette: MapPalette;
  /** The map washed out behind a selection, as the overlay over the WebGL map does (not on a place's own map). */
  wash: boolean;
}

/** A canvas to put an image on before it is drawn over the picture: putImageData replaces pixels, not blends. */
function imageCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  return Object.assign(document.createElement('canvas'), { width, height });
}

/**
 * Paints the map once onto the canvas, at the device's pixel ratio. The land goes into one path, filled once, with
 * each country once for every copy of the world it shows in (most show in one); the ties and places are drawn by
 * a raster of their own (raster.ts) for each copy they show in, and put on the canvas as one image.
 */
export function paintFirstView(canvas: HTMLCanvasElement, paint: FirstPaint): void {
  const { camera, width, height, vertices, points, palette } = paint;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const g = canvas.getContext('2d', { alpha: false });
  if (!g) return;
  const view = projector(camera, width, height);
  const size = view.size;
  const originX = view.x(0);
  const originY = view.y(0);
  const copies = view.copies();
  /** The copies in which a span of the world (in mercator x) shows, as pixel offsets. */
  const offsets = (left: number, right: number): number[] => {
    const result: number[] = [];
    for (const copy of copies) {
      const offset = originX + copy * size;
      if (right * size + offset >= 0 && left * size + offset <= width) result.push(offset);
    }
    return result;
  };
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.fillStyle = palette.ocean;
  g.fillRect(0, 0, width, height);

  const land = new Path2D();
  for (const polygon of paint.countries?.polygons ?? []) {
    const outer = polygon[0]!;
    let [left, right] = [outer[0]!, outer[0]!];
    for (let point = 2; point < outer.length; point += 2) {
      left = Math.min(left, outer[point]!);
      right = Math.max(right, outer[point]!);
    }
    for (const offset of offsets(left, right)) {
      for (const ring of polygon) {
        land.moveTo(ring[0]! * size + offset, ring[1]! * size + originY);
        for (let point = 2; point < ring.length; point += 2)
          land.lineTo(ring[point]! * size + offset, ring[point + 1]! * size + originY);
        land.closePath();
      }
    }
  }
  // Land without its borders: they come with the map, and cost as much to draw as the land.
  g.fillStyle = palette.land;
  g.fill(land, 'evenodd');

  // Ties and dots go through a raster of their own, put on the canvas as one image (raster.ts); a canvas of no size
  // (a map in a box not laid out) has nothing to show them in.
  if (!canvas.width || !canvas.height) return;
  const raster = new Raster({
    width: canvas.width,
    height: canvas.height,
    tie: palette.tie,
    place: palette.place,
    placeAlpha: palette.placeAlpha,
  });
  const firstCopy = copies[0]!;
  const lastCopy = copies[copies.length - 1]!;
  // Each tie once for every copy of the world it shows in, in device pixels.
  const segments = new Float32Array(vertices.length * (lastCopy - firstCopy + 1));
  let count = 0;
  for (let tie = 0; tie < vertices.length / 4; tie += 1) {
    const x0 = vertices[tie * 4]! * size;
    const y0 = (vertices[tie * 4 + 1]! * size + originY) * ratio;
    const x1 = vertices[tie * 4 + 2]! * size;
    const y1 = (vertices[tie * 4 + 3]! * size + originY) * ratio;
    const left = Math.min(x0, x1);
    const right = Math.max(x0, x1);
    // As offsets() does, without an array for each of thousands of ties.
    for (let copy = firstCopy; copy <= lastCopy; copy += 1) {
      const offset = originX + copy * size;
      if (right + offset < 0 || left + offset > width) continue;
      segments[count] = (x0 + offset) * ratio;
      segments[count + 1] = y0;
      segments[count + 2] = (x1 + offset) * ratio;
      segments[count + 3] = y1;
      count += 4;
    }
  }
  raster.lines(segments.subarray(0, count), palette.tieAlpha);
  // Each place likewise, as [x, y, radius, …] in device pixels.
  const dots = new Float32Array(points.length * (lastCopy - firstCopy + 1));
  count = 0;
  for (let place = 0; place < points.length; place += 3) {
    const x = points[place]! * size;
    const py = points[place + 1]! * size + originY;
    const radius = points[place + 2]!;
    if (py < -radius || py > height + radius) continue;
    for (let copy = firstCopy; copy <= lastCopy; copy += 1) {
      const px = x + originX + copy * size;
      if (px < -radius || px > width + radius) continue;
      dots[count] = px * ratio;
      dots[count + 1] = py * ratio;
      dots[count + 2] = radius * ratio;
      count += 3;
    }
  }
  raster.discs(dots.subarray(0, count));
  const layer = imageCanvas(canvas.width, canvas.height);
  // Without the raster's margin of one pixel.
  layer
    .getContext('2d')
    ?.putImageData(new ImageData(raster.data, raster.stride), -1, -1, 1, 1, canvas.width, canvas.height);
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.drawImage(layer, 0, 0);
  g.setTransform(ratio, 0, 0, ratio, 0, 0);

  paintSelection(g, paint.selection, { size, originX, originY }, width, height, palette, paint.wash);
}
