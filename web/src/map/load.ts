import type { StyleSpecification } from 'maplibre-gl';

let loading: Promise<typeof import('maplibre-gl')> | undefined;
let offline: Promise<StyleSpecification> | undefined;

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

/** The offline base map: Natural Earth countries (world-atlas), drawn without any tiles or fonts. */
export function offlineStyle(): Promise<StyleSpecification> {
  offline ??= Promise.all([import('topojson-client'), import('world-atlas/countries-110m.json')]).then(
    ([{ feature }, topology]) => {
      // biome-ignore lint/suspicious/noExplicitAny: the TopoJSON file's own type is not exported
      const data = topology.default as any;
      return {
        version: 8,
        sources: { countries: { type: 'geojson', data: feature(data, data.objects.countries) } },
        layers: [
          { id: 'ocean', type: 'background', paint: { 'background-color': '#dbe7f0' } },
          { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f7f5f0' } },
          {
            id: 'borders',
            type: 'line',
            source: 'countries',
            paint: { 'line-color': '#b9b4a8', 'line-width': 0.5 },
          },
        ],
      } satisfies StyleSpecification;
    },
  );
  return offline;
}

/** Starts fetching the map's code and base map now; the map renders later without waiting for them. */
export function preloadMap(): void {
  void loadMapLibre().catch(() => {});
  void offlineStyle().catch(() => {});
}
