import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { type BaseMap, mercator } from './network-layer.ts';

let loading: Promise<typeof import('maplibre-gl')> | undefined;
let offline: Promise<BaseMap> | undefined;

/**
 * Loads MapLibre once and starts its worker at once, so that the worker's code is parsed while the app fetches
 * the network. One worker: the base map is a single small GeoJSON source and the ties are drawn by our own layer.
 */
export function loadMapLibre(): Promise<typeof import('maplibre-gl')> {
  loading ??= Promise.all([
    import('maplibre-gl'),
    import('maplibre-gl/dist/maplibre-gl-worker.mjs?url'),
    import('maplibre-gl/dist/maplibre-gl.css'),
  ]).then(([maplibre, worker]) => {
    maplibre.setWorkerUrl(worker.default);
    maplibre.setWorkerCount(1);
    maplibre.prewarm();
    return maplibre;
  });
  return loading;
}

/** The offline style: only the ocean; the land is drawn by the network layer with the ties (see baseMap). */
export const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'ocean', type: 'background', paint: { 'background-color': '#dbe7f0' } }],
};

/**
 * The offline base map, Natural Earth's countries (world-atlas), as WebGL geometry in mercator units: land as
 * triangles (earcut) and borders as line segments, drawn with the ties into one image.
 */
export function baseMap(): Promise<BaseMap> {
  offline ??= Promise.all([
    import('topojson-client'),
    import('world-atlas/countries-110m.json'),
    import('earcut'),
  ]).then(([{ feature }, topology, { default: earcut }]) => {
    // biome-ignore lint/suspicious/noExplicitAny: the TopoJSON file's own type is not exported
    const data = topology.default as any;
    const countries = feature(data, data.objects.countries) as unknown as FeatureCollection<
      Polygon | MultiPolygon
    >;
    const land: number[] = [];
    const borders: number[] = [];
    for (const country of countries.features) {
      const polygons =
        country.geometry.type === 'Polygon' ? [country.geometry.coordinates] : country.geometry.coordinates;
      for (const rings of polygons) {
        const flat: number[] = [];
        const holes: number[] = [];
        for (const [index, ring] of rings.entries()) {
          if (index > 0) holes.push(flat.length / 2);
          for (const [lng, lat] of ring) flat.push(...mercator(lng!, lat!));
          for (let point = 1; point < ring.length; point += 1) {
            borders.push(
              ...mercator(ring[point - 1]![0]!, ring[point - 1]![1]!),
              ...mercator(ring[point]![0]!, ring[point]![1]!),
            );
          }
        }
        for (const vertex of earcut(flat, holes)) land.push(flat[vertex * 2]!, flat[vertex * 2 + 1]!);
      }
    }
    return { land: new Float32Array(land), borders: new Float32Array(borders) };
  });
  return offline;
}

/** Starts fetching the map's code and base map now; the map renders later without waiting for them. */
export function preloadMap(): void {
  void loadMapLibre().catch(() => {});
  void baseMap().catch(() => {});
}
