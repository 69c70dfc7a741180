import type { Map as MapLibreMap } from 'maplibre-gl';
import { type BaseMap, NetworkLayer } from './network-layer.ts';
import { type MapPalette, rgba } from './palette.ts';
import { type Selection, SelectionOverlay } from './selection-overlay.ts';

/** The hairlines' alpha: stronger on a place's own small map, where there are few. */
const tieAlpha = (palette: MapPalette, single: boolean) => (single ? 0.7 : palette.tieAlpha);

/** What the map shows of the network: every tie and place, and the selected place with its ties. */
export interface AtlasLayers {
  /** Every tie drawn, as pairs of mercator vertices. */
  vertices: Float32Array;
  /** Every place drawn: x, y and radius. */
  points: Float32Array;
  selection: Selection;
  /** A place's own small map, with only its ties. */
  single: boolean;
  palette: MapPalette;
}

/** The map's own layers, to update later. */
export interface AtlasLayerHandles {
  network: NetworkLayer;
  selection: SelectionOverlay;
}

/** The network layer's colours in a palette. */
function networkColors(palette: MapPalette, single: boolean) {
  return {
    tie: rgba(palette.tie, tieAlpha(palette, single)),
    place: rgba(palette.place, palette.placeAlpha),
    land: rgba(palette.land),
    border: rgba(palette.border),
  };
}

/**
 * Adds the atlas's layers to a map whose style has loaded: the network layer (the offline base map, every tie and
 * every place, drawn by our own WebGL layer), and over it the selected place's ties and its dot (a 2D canvas).
 */
export function addAtlasLayers(
  map: MapLibreMap,
  layers: AtlasLayers,
  base: BaseMap | undefined,
): AtlasLayerHandles {
  const colors = networkColors(layers.palette, layers.single);
  const network = new NetworkLayer(
    'ties',
    layers.vertices,
    layers.points,
    colors.tie as [number, number, number, number],
    colors.place as [number, number, number, number],
    base,
  );
  network.setColors(colors);
  map.addLayer(network);
  const selection = new SelectionOverlay(map, layers.selection, layers.palette, layers.single);
  return { network, selection };
}

/** Shows a new selection: its ties and dot highlighted over the map, which stays as it is drawn. */
export function showSelection(handles: AtlasLayerHandles, selection: Selection): void {
  handles.selection.setSelection(selection);
}

/** Follows a change of colour theme. */
export function setPalette(
  map: MapLibreMap,
  handles: AtlasLayerHandles,
  palette: MapPalette,
  single: boolean,
  offline: boolean,
): void {
  if (offline) map.setPaintProperty('ocean', 'background-color', palette.ocean);
  handles.network.setColors(networkColors(palette, single));
  handles.selection.setPalette(palette);
}
