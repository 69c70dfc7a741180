import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Filters, type Network, useNetworkNames } from '../api/network.ts';
import { usePlaceName } from '../api/places.ts';
import { useFormat } from '../format.ts';
import { memberPlaces, placeBounds, selectedTies, tieVertices } from './geometry.ts';
import { bindInteraction, type MapView, type Tooltip } from './interaction.ts';
import { addAtlasLayers, showSelection } from './layers.ts';
import { baseMap, loadMapLibre, OFFLINE_STYLE } from './load.ts';
import type { NetworkLayer } from './network-layer.ts';
import { PlaceIndex } from './place-index.ts';

export type { MapView } from './interaction.ts';

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
  const [tooltip, setTooltip] = useState<Tooltip | null>(null);
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
        tiesLayer.current = addAtlasLayers(
          map,
          {
            network,
            vertices,
            points: placeIndex.vertices(),
            highlighted,
            selectedPlaceId,
            single: onlyPlaceId !== undefined,
          },
          base,
        );
        bindInteraction(map, {
          network,
          hit: (lng, lat, zoom) => indexRef.current.hit(lng, lat, zoom),
          describe,
          selectedPlaceId: () => callbacks.current.selectedPlaceId,
          onSelect: (id) => callbacks.current.onSelect?.(id),
          onViewChange: (next) => callbacks.current.onViewChange?.(next),
          setTooltip,
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
    showSelection(map, tiesLayer.current, {
      network,
      highlighted,
      selectedPlaceId,
      single: onlyPlaceId !== undefined,
    });
    if (selectedPlaceId !== undefined) performance.mark('citybridge:selection-drawn');
    // Fit the map to a newly chosen place and its partners (not to the one a shared link opened with).
    const box =
      selectedPlaceId !== undefined && selectedPlaceId !== fitted.current
        ? placeBounds(network, selectedPlaceId)
        : undefined;
    // At once: the answer to a choice should not wait for an animation.
    if (box) map.fitBounds(box, { padding: 48, maxZoom: 6, animate: false });
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
