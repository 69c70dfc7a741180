import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { type Filters, type Network, useNetworkNames } from '../api/network.ts';
import { usePlaceName } from '../api/places.ts';
import { useFormat } from '../format.ts';
import { type Camera, constrainCamera, defaultCamera, fitCamera, type Insets, unproject } from './camera.ts';
import { cameraWithin, type EarlyPicture, repaintEarly, takeEarlyPicture } from './early.ts';
import { type Countries, loadCountries, paintFirstView } from './first-paint.ts';
import { memberPlaces, placeBounds, selectedTies, tieVertices } from './geometry.ts';
import { bindInteraction, holdPressUntilDrag, type MapView, type Tooltip } from './interaction.ts';
import { type AtlasLayerHandles, addAtlasLayers, setPalette, showSelection } from './layers.ts';
import { baseMap, loadMapLibre, offlineStyle } from './load.ts';
import { REST_MS } from './network-layer.ts';
import { readPalette } from './palette.ts';
import { PlaceIndex } from './place-index.ts';
import '../atlas.css';
import { useThemeChanges } from './theme-changes.ts';

export type { MapView } from './interaction.ts';

interface AtlasMapProps {
  network: Network;
  filters: Filters;
  /** Only these places' ties are drawn (a place page's small map); all when undefined. */
  onlyPlaceId?: number;
  selectedPlaceId?: number;
  onSelect?: (placeId: number) => void;
  /** The pointer rests on a place (to fetch what choosing it will show). */
  onHover?: (placeId: number) => void;
  view?: MapView;
  onViewChange?: (view: MapView) => void;
  mapStyleUrl?: string | null;
  label: string;
  className?: string;
}

const MARGIN = 48;

/**
 * The room a fitted view keeps free: a margin, plus whatever floats over the map along one of its edges (elements
 * marked data-map-overlay within the element marked data-map-overlays: the search card, the place's panel or bottom
 * sheet).
 */
function overlayInsets(map: HTMLElement): Insets {
  const box = map.getBoundingClientRect();
  const insets = { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN };
  const scope = map.closest('[data-map-overlays]') ?? map.parentElement;
  for (const overlay of scope?.querySelectorAll<HTMLElement>('[data-map-overlay]') ?? []) {
    const rect = overlay.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const wide = rect.width > box.width * 0.6;
    if (wide && rect.top - box.top < box.height / 2)
      insets.top = Math.max(insets.top, rect.bottom - box.top + 16);
    else if (wide) insets.bottom = Math.max(insets.bottom, box.bottom - rect.top + 16);
    else if (rect.left - box.left < box.width / 2)
      insets.left = Math.max(insets.left, rect.right - box.left + 16);
    else insets.right = Math.max(insets.right, box.right - rect.left + 16);
  }
  // Never so much that nothing is left to show.
  if (insets.left + insets.right > box.width * 0.8) insets.left = insets.right = MARGIN / 2;
  if (insets.top + insets.bottom > box.height * 0.8) insets.top = insets.bottom = MARGIN / 2;
  return insets;
}

/**
 * The world map of ties: every tie a thin line, every place a dot sized by its number of ties; the selected
 * place's ties highlighted. Pan and zoom with mouse, touch or keyboard (arrow keys, + and −) once focused.
 *
 * The first picture is painted on a 2D canvas as soon as the network and the countries are in; MapLibre loads
 * after it and replaces it once its WebGL layer has drawn the same picture.
 */
export function AtlasMap(props: AtlasMapProps) {
  const { network, filters, onlyPlaceId, selectedPlaceId, onSelect, view, onViewChange, mapStyleUrl, label } =
    props;
  const wrapper = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const firstCanvas = useRef<HTMLCanvasElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const layers = useRef<AtlasLayerHandles | null>(null);
  const camera = useRef<Camera | null>(null);
  const countries = useRef<Countries | undefined>(undefined);
  const early = useRef<EarlyPicture | undefined>(undefined);
  const paintedWith = useRef<unknown[]>([]);
  const [painted, setPainted] = useState(false);
  const [handedOver, setHandedOver] = useState(false);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const [tooltip, setTooltip] = useState<Tooltip | null>(null);
  const { t } = useTranslation();
  const format = useFormat();
  const single = onlyPlaceId !== undefined;
  const themeVersion = useThemeChanges();
  const themeVersionRef = useRef(themeVersion);
  themeVersionRef.current = themeVersion;
  const fitted = useRef<number | undefined>(undefined);
  /** The place last chosen by a click on the map. */
  const clickedOnMap = useRef<number | undefined>(undefined);
  // The places' names (a hundred kilobytes) load when first needed: the pointer over the map, or keyboard focus.
  const [namesWanted, setNamesWanted] = useState(false);
  const names = useNetworkNames(namesWanted);
  const placeName = usePlaceName();
  const current = { onSelect, onHover: props.onHover, onViewChange, selectedPlaceId };
  const callbacks = useRef(current);
  callbacks.current = current;

  const filterKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters object is new on every render; its content is filterKey
  const vertices = useMemo(
    () => tieVertices(network, filters, onlyPlaceId),
    [network, filterKey, onlyPlaceId],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const selection = useMemo(
    () => selectedTies(network, filters, selectedPlaceId),
    [network, filterKey, selectedPlaceId],
  );
  const placeIndex = useMemo(
    () => new PlaceIndex(network, memberPlaces(network, onlyPlaceId)),
    [network, onlyPlaceId],
  );
  const points = useMemo(() => placeIndex.vertices(), [placeIndex]);
  const indexRef = useRef(placeIndex);
  indexRef.current = placeIndex;
  const latest = useRef({ vertices, points, selection });
  latest.current = { vertices, points, selection };
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  /** The view that shows a place and its partners beside the panels. */
  const cameraFor = (placeId: number | undefined, width: number, height: number): Camera | undefined => {
    const box = placeId === undefined ? undefined : placeBounds(network, placeId);
    if (!box || !wrapper.current) return undefined;
    // Within what MapLibre allows (no world shorter than the view), or it would move the view on its own.
    return constrainCamera(
      fitCamera(box, width, height, { insets: overlayInsets(wrapper.current), maxZoom: 6 }),
      height,
    );
  };

  /** Paints (or paints again, before the hand-over) the first picture: the early one, or one of its own. */
  const paint = () => {
    const wash = !single;
    if (early.current) {
      repaintEarly(early.current, { ...latest.current, wash });
      return;
    }
    const canvas = firstCanvas.current;
    const element = container.current;
    if (!canvas || !element || !camera.current) return;
    paintFirstView(canvas, {
      camera: camera.current,
      width: element.clientWidth,
      height: element.clientHeight,
      ...latest.current,
      countries: countries.current,
      palette: readPalette(wrapper.current),
      wash,
    });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once; later changes go through the effects below
  useEffect(() => {
    performance.mark('citybridge:map-mounted');
    let disposed = false;
    const offline = !mapStyleUrl;
    (async () => {
      // The atlas's first picture may be on screen already, painted before the app loaded (early.ts).
      const adopted = single ? undefined : await takeEarlyPicture();
      if (disposed) {
        adopted?.canvas.remove();
        return;
      }
      countries.current = adopted
        ? adopted.countries
        : offline
          ? await loadCountries().catch(() => undefined)
          : undefined;
      const element = container.current;
      if (disposed || !element) return;
      const [width, height] = [element.clientWidth, element.clientHeight];
      if (adopted) {
        early.current = adopted;
        wrapper.current?.classList.add('early');
        // The same picture, seen through the map's own box: nothing moves. A place in the link is fitted once
        // the map is ready.
        camera.current = constrainCamera(cameraWithin(adopted, element.getBoundingClientRect()), height);
        fitted.current = view ? selectedPlaceId : undefined;
        if (adopted.network !== network) paint();
      } else {
        const wanted =
          (view && { lng: view.lng, lat: view.lat, zoom: view.zoom }) ??
          cameraFor(selectedPlaceId, width, height) ??
          defaultCamera(width);
        fitted.current = selectedPlaceId;
        camera.current = constrainCamera(wanted, height);
        paint();
        performance.mark('citybridge:ties-painted');
      }
      paintedWith.current = [latest.current.vertices, latest.current.selection, themeVersionRef.current];
      wrapper.current?.setAttribute('data-painted', 'true');
      setPainted(true);
      // MapLibre after the picture is on screen: two frames, then a task.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      await new Promise((resolve) => setTimeout(resolve, 0));
      const [maplibre, base] = await Promise.all([
        loadMapLibre({ sources: !offline }),
        offline ? baseMap() : undefined,
      ]);
      if (disposed || !container.current) return;
      const palette = readPalette(wrapper.current);
      const map = new maplibre.Map({
        container: container.current,
        style: mapStyleUrl ?? offlineStyle(palette.ocean),
        center: [camera.current.lng, camera.current.lat],
        zoom: camera.current.zoom,
        attributionControl: false,
        renderWorldCopies: true,
        dragRotate: false,
        pitchWithRotate: false,
        fadeDuration: 0,
      });
      performance.mark('citybridge:map-created');
      // While the user pans or zooms, the map renders half as many pixels each way: with software WebGL every
      // frame is read back and composited on the CPU, at a cost that grows with the pixels of a full-screen map.
      // At rest it renders sharp again.
      // Sharp again once the map has rested a moment (as the ties are drawn again: network-layer.ts), not in the
      // pauses of a wheel or a drag.
      const sharp = window.devicePixelRatio || 1;
      let rest: ReturnType<typeof setTimeout> | undefined;
      const restLater = () => {
        clearTimeout(rest);
        rest = setTimeout(() => {
          if (map.getPixelRatio() !== sharp && !map.isMoving()) map.setPixelRatio(sharp);
        }, REST_MS);
      };
      const soften = () => {
        clearTimeout(rest);
        if (map.getPixelRatio() === sharp) map.setPixelRatio(sharp / 2);
      };
      // Softened as a gesture begins, before MapLibre's own handlers take it up: changing the resolution resizes
      // the canvas, and a resize in the middle of a drag ends the drag. A drag begins when a pressed mouse moves
      // (interaction.ts holds the press until then), a pinch or a swipe with a touch, a zoom with the wheel.
      const gesture = () => {
        soften();
        restLater();
      };
      holdPressUntilDrag(map, gesture);
      const canvasContainer = map.getCanvasContainer();
      canvasContainer.addEventListener('wheel', gesture, { capture: true, passive: true });
      canvasContainer.addEventListener('touchstart', gesture, { capture: true, passive: true });
      map.on('movestart', () => clearTimeout(rest));
      map.on('moveend', restLater);
      map.touchZoomRotate.disableRotation();
      map.getCanvas().setAttribute('aria-label', label);
      map.getCanvas().setAttribute('role', 'img');
      map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'bottom-right');
      mapRef.current = map;
      // On style.load, not load: the ties need not wait for the base map's countries to be tiled.
      map.once('style.load', () => {
        performance.mark('citybridge:map-loaded');
        const handles = addAtlasLayers(
          map,
          { ...latest.current, single, palette: readPalette(wrapper.current) },
          base,
        );
        layers.current = handles;
        // The same picture is on the WebGL canvas now: the first one goes, in the same frame.
        handles.network.onFirstDrawn = () => {
          if (firstCanvas.current) firstCanvas.current.style.display = 'none';
          early.current?.canvas.remove();
          early.current = undefined;
          wrapper.current?.classList.remove('early');
          setHandedOver(true);
        };
        handles.selection.onDrawn = (drawn) => {
          wrapper.current?.setAttribute('data-selection-drawn', String(drawn.id ?? ''));
          performance.mark('citybridge:selection-drawn');
        };
        handles.selection.onDrawn(handles.selection.current);
        bindInteraction(map, {
          network,
          hit: (lng, lat, zoom) => indexRef.current.hit(lng, lat, zoom),
          selectedPlaceId: () => callbacks.current.selectedPlaceId,
          onSelect: (id) => {
            clickedOnMap.current = id;
            // The place's ties highlighted and its panel rendered before the next frame, so that one frame shows
            // both: MapLibre draws the map again after any click, and with software WebGL that frame is the costly
            // part of the answer (the page's own render is a fraction of it).
            showSelection(handles, selectedTies(network, filtersRef.current, id));
            flushSync(() => callbacks.current.onSelect?.(id));
          },
          onHover: (id) => callbacks.current.onHover?.(id),
          onViewChange: (next) => callbacks.current.onViewChange?.(next),
          setTooltip,
        });
        const wantNames = () => setNamesWanted(true);
        map.once('mousemove', wantNames);
        map.getCanvas().addEventListener('focus', wantNames, { once: true });
        map.once('idle', () => {
          container.current?.setAttribute('data-ready', 'true');
          performance.mark('citybridge:ties-drawn');
        });
        setReady(true);
      });
    })().catch(() => setFailed(true));
    return () => {
      disposed = true;
      early.current?.canvas.remove();
      mapRef.current?.remove();
      mapRef.current = null;
    };
  }, []);

  // Before the hand-over, a change repaints the first picture; after it, the WebGL layers follow.
  // biome-ignore lint/correctness/useExhaustiveDependencies: paint reads the latest values through refs
  useEffect(() => {
    const inputs = [vertices, selection, themeVersion];
    if (!painted || handedOver) return;
    if (paintedWith.current.length > 0 && inputs.every((input, at) => input === paintedWith.current[at]))
      return;
    paintedWith.current = inputs;
    paint();
  }, [painted, handedOver, vertices, selection, themeVersion]);

  useEffect(() => {
    if (ready) layers.current?.network.setPoints(points);
  }, [ready, points]);

  useEffect(() => {
    if (ready) layers.current?.network.setVertices(vertices);
  }, [ready, vertices]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: themeVersion says when to read the palette again
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !layers.current || themeVersion === 0) return;
    setPalette(map, layers.current, readPalette(wrapper.current), single, !mapStyleUrl);
  }, [ready, themeVersion]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: cameraFor reads the network and the panels as they are now
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !layers.current) return;
    if (selectedPlaceId === undefined) wrapper.current?.setAttribute('data-selection-drawn', '');
    // Unless a click on the map has highlighted the same already.
    const current = layers.current.selection.current;
    const same =
      current.id === selection.id &&
      current.ties.length === selection.ties.length &&
      current.ties.every((value, at) => value === selection.ties[at]);
    if (!same) showSelection(layers.current, selection);
    // A place chosen elsewhere (the search) is fitted with its partners, without an animation, but only after the
    // frame that shows its ties: the move draws every tie again, and the answer to a choice comes first. A place
    // clicked on the map is in view already, and the map stays where it is; so does one a shared link opened with.
    const id = selectedPlaceId;
    if (id !== undefined && id !== fitted.current && id !== clickedOnMap.current) {
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (callbacks.current.selectedPlaceId !== id || mapRef.current !== map) return;
          const canvas = map.getCanvas();
          const next = cameraFor(id, canvas.clientWidth, canvas.clientHeight);
          if (next) map.jumpTo({ center: [next.lng, next.lat], zoom: next.zoom });
        }),
      );
    }
    fitted.current = selectedPlaceId;
  }, [ready, selection, selectedPlaceId]);

  // The view in the address moves the map when it changes (back, forward, a link), by its values: the page builds
  // a new view object at each render, and a jump in the middle of a drag would end the drag.
  const [viewLng, viewLat, viewZoom] = view ? [view.lng, view.lat, view.zoom] : [];
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || viewLng === undefined || viewLat === undefined || viewZoom === undefined) return;
    if (map.isMoving()) return;
    const center = map.getCenter();
    if (
      Math.abs(center.lng - viewLng) < 0.01 &&
      Math.abs(center.lat - viewLat) < 0.01 &&
      Math.abs(map.getZoom() - viewZoom) < 0.05
    ) {
      return;
    }
    map.jumpTo({ center: [viewLng, viewLat], zoom: viewZoom });
  }, [ready, viewLng, viewLat, viewZoom]);

  // A click on the first picture, before MapLibre has taken over, selects the place under it all the same (the
  // keyboard's way to choose, the search box, works throughout).
  useEffect(() => {
    const target = wrapper.current;
    if (!target || handedOver) return;
    const click = (event: MouseEvent) => {
      const element = container.current;
      if (!element || !camera.current) return;
      const box = element.getBoundingClientRect();
      const { lng, lat } = unproject(
        camera.current,
        box.width,
        box.height,
        event.clientX - box.left,
        event.clientY - box.top,
      );
      const index = indexRef.current.hit(lng, lat, camera.current.zoom);
      if (index === undefined) return;
      clickedOnMap.current = network.ids[index]!;
      callbacks.current.onSelect?.(network.ids[index]!);
    };
    target.addEventListener('click', click);
    return () => target.removeEventListener('click', click);
  }, [handedOver, network]);

  return (
    <div ref={wrapper} className={`atlas-map ${props.className ?? ''}`} data-painted="false">
      <div ref={container} className="atlas-map-canvas" data-ready="false" data-testid="map" />
      <canvas ref={firstCanvas} className="atlas-first-picture" role="img" aria-label={label} />
      {!ready && !failed && !painted && <p className="atlas-map-status">{t('atlas.loading')}</p>}
      {failed && <p className="atlas-map-status">{t('atlas.mapUnavailable')}</p>}
      {tooltip && (
        <div className="atlas-tooltip" style={{ left: tooltip.x + 12, top: tooltip.y + 12 }} role="tooltip">
          {t('atlas.tooltip', {
            name: placeName(network.ids[tooltip.index]!, names.data?.get(network.ids[tooltip.index]!) ?? '…'),
            country: format.country(network.countries[tooltip.index]!),
            ties: t('search.ties', { count: network.partnerCounts[tooltip.index] }),
          })}
        </div>
      )}
    </div>
  );
}
