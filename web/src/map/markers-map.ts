import { type MapPalette, type Rgba, rgba } from './palette.ts';

/**
 * What the small maps of markers (MarkersMap.tsx: an event's invitees, a network's members, a campaign's results)
 * work out without a map, as pure functions: the box that holds every marker (for each map's own view), how far out
 * the maps may zoom, markers spread apart where several stand on one spot, where a marker's popup stands, when a
 * focused marker must be brought into view, when the markers must be made again, and the offline base map's colours.
 */

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

/**
 * The map may zoom out past MapLibre's usual floor (0: the world 512 pixels wide), so that a phone's narrow map
 * shows partners all round the world at once; the map is created with this as its minZoom.
 */
export const MIN_ZOOM = -1;

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

/** Where a popup stands against its marker, as MapLibre names it. */
export type PopupAnchor =
  | 'center'
  | 'top'
  | 'bottom'
  | 'left'
  | 'right'
  | 'top-left'
  | 'top-right'
  | 'bottom-left'
  | 'bottom-right';

/** The gap between a marker and its popup, in pixels. */
export const POPUP_GAP = 14;

/**
 * A popup's offset in pixels for each of its anchors, for a marker drawn `dx`, `dy` pixels from its spot (markers
 * on one spot are spread apart): the popup keeps `gap` pixels from the marker, not from the spot.
 */
export function popupOffsets(
  [dx, dy]: readonly [number, number],
  gap: number = POPUP_GAP,
): Record<PopupAnchor, [number, number]> {
  const diagonal = Math.round(gap * 0.7);
  return {
    center: [dx, dy],
    top: [dx, dy + gap],
    bottom: [dx, dy - gap],
    left: [dx + gap, dy],
    right: [dx - gap, dy],
    'top-left': [dx + diagonal, dy + diagonal],
    'top-right': [dx - diagonal, dy + diagonal],
    'bottom-left': [dx + diagonal, dy - diagonal],
    'bottom-right': [dx - diagonal, dy - diagonal],
  };
}

/** How near the map's edge, in pixels, a marker focused from the keyboard is brought back into view. */
export const REVEAL_MARGIN = 16;

/**
 * Whether a point on a map `width` × `height` pixels lies outside it or within `margin` pixels of its edge, where a
 * focused marker would be cut off or hidden: then the map moves to it.
 */
export function isNearEdge(
  point: { x: number; y: number },
  width: number,
  height: number,
  margin: number = REVEAL_MARGIN,
): boolean {
  return point.x < margin || point.y < margin || point.x > width - margin || point.y > height - margin;
}

/**
 * A key that changes when a marker comes, goes or moves, and only then: the markers are made again for new places,
 * while a change of their labels, colours or shapes only renders them again.
 */
export function placesKey(markers: readonly { key: string; lng: number; lat: number }[]): string {
  return markers.map((marker) => `${marker.key}:${marker.lng},${marker.lat}`).join(';');
}

/** The offline base map's land and borders in a palette, premultiplied; it draws no ties and no places. */
export function landColors(palette: MapPalette): { tie: Rgba; place: Rgba; land: Rgba; border: Rgba } {
  return {
    // The lines between markers' places, when a map has them, in the theme's colour of ties.
    tie: rgba(palette.tie, 0.9),
    place: [0, 0, 0, 0],
    land: rgba(palette.land),
    border: rgba(palette.border),
  };
}
