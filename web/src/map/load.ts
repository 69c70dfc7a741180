import type { StyleSpecification } from 'maplibre-gl';
import { loadCountries } from './first-paint.ts';
import type { BaseMap } from './network-layer.ts';

let loading: Promise<typeof import('maplibre-gl')> | undefined;
let offline: Promise<BaseMap> | undefined;

/**
 * Loads MapLibre once, with one worker. The offline map has no sources (our layers draw everything), and its
 * worker is a stub that answers MapLibre's messages (sourceless-worker.ts); an online base map's style has
 * sources, and takes MapLibre's own worker. A deployment has one style for all its maps.
 */
export function loadMapLibre(options: { sources: boolean }): Promise<typeof import('maplibre-gl')> {
  loading ??= Promise.all([
    import('maplibre-gl'),
    options.sources
      ? import('maplibre-gl/dist/maplibre-gl-worker.mjs?url')
      : import('./sourceless-worker.ts?worker&url'),
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
export const offlineStyle = (ocean: string): StyleSpecification => ({
  version: 8,
  sources: {},
  layers: [{ id: 'ocean', type: 'background', paint: { 'background-color': ocean } }],
});

/**
 * The offline base map, Natural Earth's countries (world-atlas), as WebGL geometry in mercator units: land as
 * triangles (earcut) and borders as line segments, drawn with the ties into one image.
 */
export function baseMap(): Promise<BaseMap> {
  offline ??= Promise.all([loadCountries(), import('earcut')]).then(([countries, { default: earcut }]) => {
    const land: number[] = [];
    const borders: number[] = [];
    for (const rings of countries.polygons) {
      const flat: number[] = [];
      const holes: number[] = [];
      for (const [index, ring] of rings.entries()) {
        if (index > 0) holes.push(flat.length / 2);
        for (let point = 0; point < ring.length; point += 1) flat.push(ring[point]!);
        for (let point = 2; point < ring.length; point += 2)
          borders.push(ring[point - 2]!, ring[point - 1]!, ring[point]!, ring[point + 1]!);
      }
      for (const vertex of earcut(flat, holes)) land.push(flat[vertex * 2]!, flat[vertex * 2 + 1]!);
    }
    return { land: new Float32Array(land), borders: new Float32Array(borders) };
  });
  return offline;
}

/**
 * Starts fetching what the first picture of the map needs (the countries; the network is fetched by the app). The
 * map library itself loads after that picture is painted.
 */
export function preloadMap(): void {
  void loadCountries().catch(() => {});
}
