import countriesUrl from 'world-atlas/countries-110m.json?url';
import { type Camera, mercator, projector } from './camera.ts';
import { cssRgba, type MapPalette } from './palette.ts';
import { paintSelection, type Selection } from './selection-overlay.ts';

/**
 * The first picture of the atlas, painted on a 2D canvas of its own as soon as the network and the countries are
 * in: the base map, every tie and every place, exactly where the WebGL map will draw them. MapLibre (a megabyte of
 * code) loads after it and takes over once it has drawn the same picture.
 */

/** Natural Earth's countries (world-atlas) as polygons of rings, each ring flat [x0, y0, x1, y1, …] in mercator. */
export interface Countries {
  polygons: Float64Array[][];
}

interface Topology {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: {
    countries: { geometries: { type: string; arcs?: number[][] | number[][][] }[] };
  };
}

/** Decodes a quantized TopoJSON's countries into mercator rings. */
export function decodeCountries(topology: Topology): Countries {
  const [kx, ky] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let a = 0;
    let b = 0;
    const points: [number, number][] = [];
    for (const [dx, dy] of arc) {
      a += dx;
      b += dy;
      points.push(mercator(a * kx + tx, b * ky + ty));
    }
    return points;
  });
  const ring = (indexes: number[]) => {
    const flat: number[] = [];
    let shift = 0;
    for (const [position, index] of indexes.entries()) {
      const points = index < 0 ? [...arcs[~index]!].reverse() : arcs[index]!;
      // Each arc after the first starts where the previous one ended.
      for (const [point, [x, y]] of points.entries()) {
        if (position > 0 && point === 0) continue;
        // A ring that crosses the antimeridian (Russia, Fiji) goes on past it rather than back across the world;
        // the world's copies beside it show the rest.
        const previous = flat.length > 0 ? flat[flat.length - 2]! : x;
        if (x + shift - previous > 0.5) shift -= 1;
        else if (previous - (x + shift) > 0.5) shift += 1;
        flat.push(x + shift, y);
      }
    }
    return Float64Array.from(flat);
  };
  const polygons: Float64Array[][] = [];
  for (const geometry of topology.objects.countries.geometries) {
    if (geometry.type === 'Polygon') polygons.push((geometry.arcs as number[][]).map(ring));
    else if (geometry.type === 'MultiPolygon')
      for (const polygon of geometry.arcs as number[][][]) polygons.push(polygon.map(ring));
  }
  return { polygons };
}

let countries: Promise<Countries> | undefined;

/**
 * Loads and decodes the countries once: fetched as a file (JSON parses faster than the same data as a module, and
 * a dynamic import would tie this module to the shared chunk's loader).
 */
export function loadCountries(): Promise<Countries> {
  countries ??= fetch(countriesUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`${countriesUrl} answered ${response.status}`);
      return response.json() as Promise<Topology>;
    })
    .then(decodeCountries);
  return countries;
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

/** How many strokes the ties are split into: overlapping ties darken from one stroke to the next, as in WebGL. */
const TIE_BATCHES = 2;
/** Under a pixel wide, a software canvas draws lines as hairlines: several times faster than wider ones. */
const HAIRLINE = 0.5;

/**
 * Paints the map once onto the canvas, at the device's pixel ratio. Each tie, country and place goes into the
 * paths once for every copy of the world it shows in (most show in one), so that each path is stroked or filled
 * once: a software canvas pays for every segment of every stroke, in view or not.
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

  const ties: Path2D[] = [];
  const perBatch = Math.ceil(vertices.length / 4 / TIE_BATCHES);
  for (let tie = 0; tie < vertices.length / 4; tie += 1) {
    if (tie % perBatch === 0) ties.push(new Path2D());
    const path = ties[ties.length - 1]!;
    const [x0, y0, x1, y1] = [
      vertices[tie * 4]!,
      vertices[tie * 4 + 1]!,
      vertices[tie * 4 + 2]!,
      vertices[tie * 4 + 3]!,
    ];
    for (const offset of offsets(Math.min(x0, x1), Math.max(x0, x1))) {
      path.moveTo(x0 * size + offset, y0 * size + originY);
      path.lineTo(x1 * size + offset, y1 * size + originY);
    }
  }
  // Hairlines cover less than the WebGL layer's one-pixel lines: stronger, to look the same.
  g.strokeStyle = cssRgba(palette.tie, Math.min(1, palette.tieAlpha * 3));
  g.lineWidth = HAIRLINE;
  for (const path of ties) g.stroke(path);

  // Small dots as squares: at one or two pixels they look the same, and cost a fraction of a circle.
  const dots = new Path2D();
  for (let place = 0; place < points.length; place += 3) {
    const [x, y, radius] = [points[place]!, points[place + 1]!, points[place + 2]!];
    for (const offset of offsets(x, x)) {
      const [px, py] = [x * size + offset, y * size + originY];
      if (px < -radius || px > width + radius || py < -radius || py > height + radius) continue;
      if (radius < 2.5) dots.rect(px - radius, py - radius, radius * 2, radius * 2);
      else {
        dots.moveTo(px + radius, py);
        dots.arc(px, py, radius, 0, 2 * Math.PI);
      }
    }
  }
  g.fillStyle = cssRgba(palette.place, palette.placeAlpha);
  g.fill(dots);

  paintSelection(g, paint.selection, { size, originX, originY }, width, height, palette, paint.wash);
}
