import type { InvitationStatus } from '../api/events.ts';
import {
  type Camera,
  constrainCamera,
  defaultCamera,
  fitCamera,
  mercator,
  worldSize,
} from '../map/camera.ts';

/**
 * What the event page's map of invitees draws, as pure functions: each answer's marker (a shape of its own, so that
 * colour is never the only cue), the view that shows every invitee, and markers spread apart where invitees stand
 * on the same spot.
 */

/** A marker's outline: filled, drawn as a hollow outline over the surface's colour, or drawn as strokes only. */
export type ShapeKind = 'filled' | 'hollow' | 'strokes';

export interface MarkerStyle {
  /** The shape's name, for tests and styles. */
  shape: 'ring' | 'dot' | 'diamond' | 'cross' | 'star' | 'square';
  kind: ShapeKind;
  /** An SVG path in a 20 × 20 box centred on the invitee. */
  path: string;
  /** Which markers lie over which where they overlap: those who came on top, those who declined beneath. */
  layer: number;
}

/** A five-pointed star around (10, 10), its first point straight up. */
function star(outer: number, inner: number): string {
  const points: string[] = [];
  for (let index = 0; index < 10; index += 1) {
    const radius = index % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (index * Math.PI) / 5;
    points.push(
      `${(10 + radius * Math.cos(angle)).toFixed(2)} ${(10 + radius * Math.sin(angle)).toFixed(2)}`,
    );
  }
  return `M${points.join('L')}Z`;
}

const circle = (radius: number) =>
  `M${10 - radius} 10a${radius} ${radius} 0 1 0 ${2 * radius} 0a${radius} ${radius} 0 1 0 ${-2 * radius} 0Z`;

const STYLES: Record<InvitationStatus, MarkerStyle> = {
  invited: { shape: 'ring', kind: 'hollow', path: circle(6), layer: 3 },
  accepted: { shape: 'dot', kind: 'filled', path: circle(6.5), layer: 5 },
  tentative: { shape: 'diamond', kind: 'filled', path: 'M10 2.5L17.5 10L10 17.5L2.5 10Z', layer: 4 },
  declined: { shape: 'cross', kind: 'strokes', path: 'M5 5L15 15M15 5L5 15', layer: 1 },
  attended: { shape: 'star', kind: 'filled', path: star(9, 3.9), layer: 6 },
  no_show: { shape: 'square', kind: 'hollow', path: 'M4.5 4.5H15.5V15.5H4.5Z', layer: 2 },
};

/** The marker of an answer. */
export const markerStyle = (status: InvitationStatus): MarkerStyle => STYLES[status];

/** A point on the map: longitude and latitude in degrees. */
export interface LngLat {
  lng: number;
  lat: number;
}

/** West, south, east and north in degrees; east may pass 180 where the box crosses the antimeridian. */
export type Box = [[number, number], [number, number]];

/**
 * The smallest box that holds every point, going round the world whichever way is shorter: the longitudes' arc is
 * the circle less its widest gap, so partners in Tokyo, Auckland and Vancouver make a box across the Pacific, not
 * one across the rest of the world.
 */
export function pointsBox(points: readonly LngLat[]): Box | undefined {
  if (points.length === 0) return undefined;
  const wrap = (lng: number) => (lng >= -180 && lng < 180 ? lng : ((((lng + 180) % 360) + 360) % 360) - 180);
  const longitudes = [...new Set(points.map((point) => wrap(point.lng)))].sort((a, b) => a - b);
  // The widest gap between neighbours; first the one from the last round to the first.
  let west = longitudes[0]!;
  let east = longitudes.at(-1)!;
  let widest = west + 360 - east;
  for (let index = 1; index < longitudes.length; index += 1) {
    const gap = longitudes[index]! - longitudes[index - 1]!;
    if (gap > widest) {
      widest = gap;
      west = longitudes[index]!;
      east = longitudes[index - 1]! + 360;
    }
  }
  const latitudes = points.map((point) => point.lat);
  return [
    [west, Math.min(...latitudes)],
    [east, Math.max(...latitudes)],
  ];
}

/** The room kept around the invitees, in pixels, so that no marker is cut by the map's edge. */
const MARGIN = 28;
/** A single invitee, or a few close together, are shown with their surroundings, not a street. */
const MAX_ZOOM = 4;
/**
 * The map may zoom out past MapLibre's usual floor (0: the world 512 pixels wide), so that a phone's narrow map
 * shows partners all round the world at once; the map is created with this as its minZoom.
 */
export const MIN_ZOOM = -1;

/** Web Mercator y in 0..1 back to a latitude. */
const latitude = (y: number) => (360 / Math.PI) * Math.atan(Math.exp((0.5 - y) * 2 * Math.PI)) - 90;

/**
 * The view that shows every invitee on a map of this size (the world, when they are spread around it), as MapLibre
 * would constrain it: never zoomed out so far that the world is shorter than the map, never looking past the poles.
 */
export function inviteesCamera(points: readonly LngLat[], width: number, height: number): Camera {
  const box = pointsBox(points);
  if (!box) return constrainCamera(defaultCamera(width), height);
  const insets = { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN };
  const fitted = fitCamera(box, width, height, { insets, maxZoom: MAX_ZOOM });
  const zoom = Math.max(fitted.zoom, Math.log2(Math.max(1, height) / 512), MIN_ZOOM);
  const size = worldSize(zoom);
  const [, y] = mercator(fitted.lng, fitted.lat);
  const clamped = Math.min(Math.max(y * size, height / 2), size - height / 2) / size;
  return { lng: fitted.lng, lat: latitude(clamped), zoom };
}

/** How far apart, in pixels, markers on one spot are drawn (an organisation and its city, say). */
const SPREAD = 11;

/**
 * Each point's offset in pixels, [x, y]: none for a point alone on its spot, and a small ring around the spot for
 * points that share one, so that every marker can be seen and clicked.
 */
export function spreadOffsets(points: readonly LngLat[]): [number, number][] {
  const spots = new Map<string, number[]>();
  for (const [index, point] of points.entries()) {
    const key = `${point.lng.toFixed(4)},${point.lat.toFixed(4)}`;
    spots.set(key, [...(spots.get(key) ?? []), index]);
  }
  const offsets = points.map((): [number, number] => [0, 0]);
  for (const indexes of spots.values()) {
    if (indexes.length < 2) continue;
    // A wider ring for many, so that neighbours do not cover each other.
    const radius = Math.max(SPREAD, (SPREAD * indexes.length) / (2 * Math.PI) + 2);
    for (const [at, index] of indexes.entries()) {
      const angle = -Math.PI / 2 + (2 * Math.PI * at) / indexes.length;
      offsets[index] = [Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))];
    }
  }
  return offsets;
}
