import type { FeatureCollection, LineString } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Network } from '../api/network.ts';
import { selectedPoint } from './geometry.ts';
import { type BaseMap, NetworkLayer } from './network-layer.ts';

/** The dots' colour, premultiplied (#1d4e89 at 75 %). */
const PLACE_COLOR: [number, number, number, number] = [0.085, 0.23, 0.403, 0.75];
const SELECTED_COLOR = '#c2185b';
/** The hairlines' colour, premultiplied: stronger on a place's own small map, where there are few. */
function tieColor(single: boolean): [number, number, number, number] {
  const alpha = single ? 0.7 : 0.09;
  return [0.114 * alpha, 0.306 * alpha, 0.537 * alpha, alpha];
}

/** Fainter behind a highlighted selection on the world map. */
const tieOpacity = (single: boolean, selected: boolean) => (selected && !single ? 0.5 : 1);

/** What the map shows of the network: every tie and place, and the selected place with its ties. */
export interface AtlasLayers {
  network: Network;
  /** Every tie drawn, as pairs of mercator vertices. */
  vertices: Float32Array;
  /** Every place drawn: x, y and radius. */
  points: Float32Array;
  highlighted: FeatureCollection<LineString>;
  selectedPlaceId?: number;
  /** A place's own small map, with only its ties. */
  single: boolean;
}

/**
 * Adds the atlas's layers to a map whose style has loaded: the network layer (the offline base map, every tie and
 * every place, drawn by our own WebGL layer), then the selected place's ties and its dot.
 */
export function addAtlasLayers(
  map: MapLibreMap,
  layers: AtlasLayers,
  base: BaseMap | undefined,
): NetworkLayer {
  map.addSource('selected-ties', { type: 'geojson', data: layers.highlighted, buffer: 0 });
  map.addSource('selected-place', {
    type: 'geojson',
    data: selectedPoint(layers.network, layers.selectedPlaceId),
  });
  const ties = new NetworkLayer(
    'ties',
    layers.vertices,
    layers.points,
    tieColor(layers.single),
    PLACE_COLOR,
    tieOpacity(layers.single, layers.selectedPlaceId !== undefined),
    base,
  );
  map.addLayer(ties);
  map.addLayer({
    id: 'ties-selected',
    type: 'line',
    source: 'selected-ties',
    paint: { 'line-color': SELECTED_COLOR, 'line-opacity': 0.85, 'line-width': 1.6 },
  });
  map.addLayer({
    id: 'places-selected',
    type: 'circle',
    source: 'selected-place',
    paint: {
      'circle-color': SELECTED_COLOR,
      'circle-radius': 7,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  return ties;
}

/** Shows a new selection: its ties and dot highlighted, the other ties fainter behind them. */
export function showSelection(
  map: MapLibreMap,
  ties: NetworkLayer | null,
  layers: Pick<AtlasLayers, 'network' | 'highlighted' | 'selectedPlaceId' | 'single'>,
): void {
  // setData answers when the worker has the data; nothing waits for that.
  void (map.getSource('selected-ties') as GeoJSONSource | undefined)?.setData(layers.highlighted);
  void (map.getSource('selected-place') as GeoJSONSource | undefined)?.setData(
    selectedPoint(layers.network, layers.selectedPlaceId),
  );
  ties?.setOpacity(tieOpacity(layers.single, layers.selectedPlaceId !== undefined));
}
