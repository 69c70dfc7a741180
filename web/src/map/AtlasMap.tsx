import type { FeatureCollection, LineString, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { edgeMatches, type Filters, type Network, useNetworkNames } from '../api/network.ts';
import { usePlaceName } from '../api/places.ts';
import { useFormat } from '../format.ts';
import { baseMap, loadMapLibre, OFFLINE_STYLE } from './load.ts';
import { NetworkLayer } from './network-layer.ts';
import { PlaceIndex } from './place-index.ts';

export interface MapView {
  lng: number;
  lat: number;
  zoom: number;
}

interface AtlasMapProps {
  network: Network;
  filters: Filters;
  /** Only these places' ties are drawn (a place page's small map); all when undefined. */
  onlyPlaceId?: number;
  selectedPlaceId?: number;
  onSelect?: (placeId: number) => void;
  view?: MapView;
  onViewChange?: (view: MapView) => void;
  mapStyleUrl?: string | null;
  label: string;
  className?: string;
}

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

/** Moves the map to a place and its partners, at once: the answer to a choice should not wait for an animation. */
function fitTo(map: MapLibreMap, network: Network, placeId: number): void {
  const index = network.indexById.get(placeId);
  if (index === undefined) return;
  const lng0 = network.lngs[index]!;
  let [minLng, maxLng, minLat, maxLat] = [lng0, lng0, network.lats[index]!, network.lats[index]!];
  for (let edge = 0; edge < network.edgeA.length; edge += 1) {
    const other =
      network.edgeA[edge] === index
        ? network.edgeB[edge]
        : network.edgeB[edge] === index
          ? network.edgeA[edge]
          : undefined;
    if (other === undefined) continue;
    let lng = network.lngs[other]!;
    if (lng - lng0 > 180) lng -= 360;
    else if (lng0 - lng > 180) lng += 360;
    minLng = Math.min(minLng, lng);
    maxLng = Math.max(maxLng, lng);
    minLat = Math.min(minLat, network.lats[other]!);
    maxLat = Math.max(maxLat, network.lats[other]!);
  }
  map.fitBounds(
    [
      [minLng, minLat],
      [maxLng, maxLat],
    ],
    { padding: 48, maxZoom: 6, animate: false },
  );
}

/** The partner end of a tie, moved by ±360° when that is the short way round. */
function otherEnd(network: Network, a: number, b: number): [number, number] {
  const lngA = network.lngs[a]!;
  let lngB = network.lngs[b]!;
  if (lngB - lngA > 180) lngB -= 360;
  else if (lngA - lngB > 180) lngB += 360;
  return [lngB, network.lats[b]!];
}

/** Every tie that passes the filters as a pair of vertices in mercator units, for the WebGL ties layer. */
function tieVertices(network: Network, filters: Filters, onlyPlaceId?: number): Float32Array {
  const only = onlyPlaceId === undefined ? undefined : network.indexById.get(onlyPlaceId);
  const filtered = Boolean(filters.country || filters.kind || filters.status || filters.decade);
  const { mercatorX, mercatorY } = network;
  const vertices = new Float32Array(network.edgeA.length * 4);
  let length = 0;
  for (let edge = 0; edge < network.edgeA.length; edge += 1) {
    const a = network.edgeA[edge]!;
    const b = network.edgeB[edge]!;
    if (only !== undefined && a !== only && b !== only) continue;
    if (filtered && !edgeMatches(network, edge, filters)) continue;
    // The short way round: across the antimeridian when that is shorter.
    let xb = mercatorX[b]!;
    const xa = mercatorX[a]!;
    if (xb - xa > 0.5) xb -= 1;
    else if (xa - xb > 0.5) xb += 1;
    vertices[length++] = xa;
    vertices[length++] = mercatorY[a]!;
    vertices[length++] = xb;
    vertices[length++] = mercatorY[b]!;
  }
  return vertices.subarray(0, length);
}

/** The selected place's ties (that pass the filters) as lines from the place outwards. */
function selectedTies(network: Network, filters: Filters, placeId?: number): FeatureCollection<LineString> {
  const features: FeatureCollection<LineString>['features'] = [];
  const index = placeId === undefined ? undefined : network.indexById.get(placeId);
  if (index === undefined) return { type: 'FeatureCollection', features };
  for (let edge = 0; edge < network.edgeA.length; edge += 1) {
    const a = network.edgeA[edge]!;
    const b = network.edgeB[edge]!;
    if ((a !== index && b !== index) || !edgeMatches(network, edge, filters)) continue;
    const other = a === index ? b : a;
    features.push({
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'LineString',
        coordinates: [[network.lngs[index]!, network.lats[index]!], otherEnd(network, index, other)],
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The network's places on this map: all of them, or one place and its partners. */
function memberPlaces(network: Network, onlyPlaceId?: number): number[] {
  const only = onlyPlaceId === undefined ? undefined : network.indexById.get(onlyPlaceId);
  if (only === undefined) return [...network.ids.keys()];
  const keep = new Set<number>([only]);
  for (let edge = 0; edge < network.edgeA.length; edge += 1) {
    if (network.edgeA[edge] === only) keep.add(network.edgeB[edge]!);
    if (network.edgeB[edge] === only) keep.add(network.edgeA[edge]!);
  }
  return [...keep];
}

function selectedPoint(network: Network, placeId?: number): FeatureCollection<Point> {
  const index = placeId === undefined ? undefined : network.indexById.get(placeId);
  if (index === undefined) return { type: 'FeatureCollection', features: [] };
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {},
        geometry: { type: 'Point', coordinates: [network.lngs[index]!, network.lats[index]!] },
      },
    ],
  };
}

/**
 * The world map of ties: every tie a thin line, every place a dot sized by its number of ties; the selected
 * place's ties highlighted. Pan and zoom with mouse, touch or keyboard (arrow keys, + and −) once focused.
 */
export function AtlasMap(props: AtlasMapProps) {
  const { network, filters, onlyPlaceId, selectedPlaceId, onSelect, view, onViewChange, mapStyleUrl, label } =
    props;
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const [tooltip, setTooltip] = useState<{ x: number; y: number; text: string } | null>(null);
  const { t } = useTranslation();
  const format = useFormat();
  const fitted = useRef<number | undefined>(view ? selectedPlaceId : undefined);
  const names = useNetworkNames(ready);
  const placeName = usePlaceName();
  const callbacks = useRef({
    onSelect,
    onViewChange,
    format,
    t,
    names: names.data,
    placeName,
    selectedPlaceId,
  });
  callbacks.current = { onSelect, onViewChange, format, t, names: names.data, placeName, selectedPlaceId };

  const filterKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters object is new on every render; its content is filterKey
  const vertices = useMemo(
    () => tieVertices(network, filters, onlyPlaceId),
    [network, filterKey, onlyPlaceId],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const highlighted = useMemo(
    () => selectedTies(network, filters, selectedPlaceId),
    [network, filterKey, selectedPlaceId],
  );
  const placeIndex = useMemo(
    () => new PlaceIndex(network, memberPlaces(network, onlyPlaceId)),
    [network, onlyPlaceId],
  );
  const tiesLayer = useRef<NetworkLayer | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once; later changes go through the effects below
  useEffect(() => {
    performance.mark('citybridge:map-mounted');
    let disposed = false;
    (async () => {
      const [maplibre, base] = await Promise.all([loadMapLibre(), mapStyleUrl ? undefined : baseMap()]);
      const style = mapStyleUrl ?? OFFLINE_STYLE;
      if (disposed || !container.current) return;
      const map = new maplibre.Map({
        container: container.current,
        style,
        center: view ? [view.lng, view.lat] : [15, 30],
        zoom: view?.zoom ?? 1.2,
        attributionControl: false,
        renderWorldCopies: true,
        dragRotate: false,
        pitchWithRotate: false,
        fadeDuration: 0,
      });
      performance.mark('citybridge:map-created');
      /** "Espoo, Finland: 11 ties" in the interface language. */
      const describe = (index: number) => {
        const id = network.ids[index]!;
        const { t: translate, format: fmt, names: known, placeName: localName } = callbacks.current;
        return translate('atlas.tooltip', {
          name: localName(id, known?.get(id) ?? '…'),
          country: fmt.country(network.countries[index]!),
          ties: translate('search.ties', { count: network.partnerCounts[index] }),
        });
      };
      map.touchZoomRotate.disableRotation();
      map.getCanvas().setAttribute('aria-label', label);
      map.getCanvas().setAttribute('role', 'img');
      map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
      mapRef.current = map;
      // On style.load, not load: the ties need not wait for the base map's countries to be tiled.
      map.once('style.load', () => {
        performance.mark('citybridge:map-loaded');
        map.addSource('selected-ties', { type: 'geojson', data: highlighted, buffer: 0 });
        map.addSource('selected-place', { type: 'geojson', data: selectedPoint(network, selectedPlaceId) });
        const single = onlyPlaceId !== undefined;
        tiesLayer.current = new NetworkLayer(
          'ties',
          vertices,
          placeIndex.vertices(),
          tieColor(single),
          PLACE_COLOR,
          tieOpacity(single, selectedPlaceId !== undefined),
          base,
        );
        map.addLayer(tiesLayer.current);
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
        map.on('click', (event) => {
          const index = indexRef.current.hit(event.lngLat.lng, event.lngLat.lat, map.getZoom());
          if (index !== undefined) callbacks.current.onSelect?.(network.ids[index]!);
        });
        map.on('mousemove', (event) => {
          const index = indexRef.current.hit(event.lngLat.lng, event.lngLat.lat, map.getZoom());
          if (index === undefined) {
            map.getCanvas().style.cursor = '';
            setTooltip(null);
            return;
          }
          map.getCanvas().style.cursor = 'pointer';
          setTooltip({ x: event.point.x, y: event.point.y, text: describe(index) });
        });
        map.on('mouseout', () => setTooltip(null));
        // Keyboard users: focusing the map shows the selected place's tooltip beside it.
        map.getCanvas().addEventListener('focus', () => {
          const id = callbacks.current.selectedPlaceId;
          const index = id === undefined ? undefined : network.indexById.get(id);
          if (id === undefined || index === undefined) return;
          const point = map.project([network.lngs[index]!, network.lats[index]!]);
          setTooltip({ x: point.x, y: point.y, text: describe(index) });
        });
        map.getCanvas().addEventListener('blur', () => setTooltip(null));
        map.on('moveend', () => {
          const center = map.getCenter();
          callbacks.current.onViewChange?.({
            lng: Math.round(center.lng * 1000) / 1000,
            lat: Math.round(center.lat * 1000) / 1000,
            zoom: Math.round(map.getZoom() * 100) / 100,
          });
        });
        map.once('idle', () => {
          container.current?.setAttribute('data-ready', 'true');
          performance.mark('citybridge:ties-drawn');
        });
        setReady(true);
      });
    })().catch(() => setFailed(true));
    return () => {
      disposed = true;
      mapRef.current?.remove();
      mapRef.current = null;
    };
  }, []);

  const indexRef = useRef(placeIndex);
  indexRef.current = placeIndex;
  useEffect(() => {
    if (ready) tiesLayer.current?.setPoints(placeIndex.vertices());
  }, [ready, placeIndex]);

  useEffect(() => {
    if (ready) tiesLayer.current?.setVertices(vertices);
  }, [ready, vertices]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    // setData answers when the worker has the data; nothing waits for that.
    void (map.getSource('selected-ties') as GeoJSONSource | undefined)?.setData(highlighted);
    void (map.getSource('selected-place') as GeoJSONSource | undefined)?.setData(
      selectedPoint(network, selectedPlaceId),
    );
    tiesLayer.current?.setOpacity(tieOpacity(onlyPlaceId !== undefined, selectedPlaceId !== undefined));
    if (selectedPlaceId !== undefined) performance.mark('citybridge:selection-drawn');
    // Fit the map to a newly chosen place and its partners (not to the one a shared link opened with).
    if (selectedPlaceId !== undefined && selectedPlaceId !== fitted.current)
      fitTo(map, network, selectedPlaceId);
    fitted.current = selectedPlaceId;
  }, [ready, network, highlighted, selectedPlaceId, onlyPlaceId]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !view) return;
    const center = map.getCenter();
    if (
      Math.abs(center.lng - view.lng) < 0.01 &&
      Math.abs(center.lat - view.lat) < 0.01 &&
      Math.abs(map.getZoom() - view.zoom) < 0.05
    ) {
      return;
    }
    map.jumpTo({ center: [view.lng, view.lat], zoom: view.zoom });
  }, [ready, view]);

  return (
    <div className={`atlas-map ${props.className ?? ''}`}>
      <div ref={container} className="atlas-map-canvas" data-ready="false" data-testid="map" />
      {!ready && !failed && <p className="atlas-map-status">{t('atlas.loading')}</p>}
      {failed && <p className="atlas-map-status">{t('atlas.mapUnavailable')}</p>}
      {tooltip && (
        <div className="atlas-tooltip" style={{ left: tooltip.x + 12, top: tooltip.y + 12 }} role="tooltip">
          {tooltip.text}
        </div>
      )}
    </div>
  );
}
