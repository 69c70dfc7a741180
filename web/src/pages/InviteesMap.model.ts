import type { InvitationStatus } from '../api/events.ts';
import {
  type Camera,
  constrainCamera,
  defaultCamera,
  fitCamera,
  mercator,
  worldSize,
} from '../map/camera.ts';
import { type LngLat, MIN_ZOOM, pointsBox } from '../map/markers-map.ts';

/**
 * What the event page's map of invitees draws, as pure functions: each answer's marker (a shape of its own, so that
 * colour is never the only cue) and the view that shows every invitee.
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

/** The room kept around the invitees, in pixels, so that no marker is cut by the map's edge. */
const MARGIN = 28;
/** A single invitee, or a few close together, are shown with their surroundings, not a street. */
const MAX_ZOOM = 4;

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
