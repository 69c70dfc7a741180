import { type MapPalette, type Rgba, rgba } from './palette.ts';

/**
 * What the small maps of markers (MarkersMap.tsx: an event's invitees, a network's members, a campaign's results)
 * work out without a map, as pure functions: where a marker's popup stands, when a focused marker must be brought
 * into view, when the markers must be made again, and the offline base map's colours.
 */

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
    tie: [0, 0, 0, 0],
    place: [0, 0, 0, 0],
    land: rgba(palette.land),
    border: rgba(palette.border),
  };
}
