import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Network } from './network-data.ts';

export interface MapView {
  lng: number;
  lat: number;
  zoom: number;
}

export interface Tooltip {
  x: number;
  y: number;
  /** The place's index in the network (its text follows the names, which may come later). */
  index: number;
}

/** How the map answers the pointer and the keyboard; read afresh at every event, as the page re-renders. */
export interface Interaction {
  network: Network;
  /** The index of the place under a point at a zoom, if any. */
  hit: (lng: number, lat: number, zoom: number) => number | undefined;
  selectedPlaceId: () => number | undefined;
  onSelect: (placeId: number) => void;
  /** The pointer rests on a place: its partners may be fetched before it is clicked. */
  onHover?: (placeId: number) => void;
  onViewChange: (view: MapView) => void;
  setTooltip: (tooltip: Tooltip | null) => void;
}

/**
 * Clicking a place selects it and hovering shows its tooltip; focusing the map (keyboard users) shows the selected
 * place's tooltip beside it; the view is reported, rounded, whenever the map comes to rest.
 */
export function bindInteraction(map: MapLibreMap, interaction: Interaction): void {
  const { network, hit, setTooltip } = interaction;
  const canvas = map.getCanvas();
  let hovered: number | undefined;
  let resting: ReturnType<typeof setTimeout> | undefined;
  const hover = (index: number | undefined) => {
    if (index === hovered) return;
    hovered = index;
    clearTimeout(resting);
    // Only where the pointer stops, not for every dot it passes over.
    if (index !== undefined) resting = setTimeout(() => interaction.onHover?.(network.ids[index]!), 60);
  };
  // A DOM click rather than the map's: the map's own click would be lost after a press it never saw.
  canvas.addEventListener('click', (event) => {
    const box = canvas.getBoundingClientRect();
    const { lng, lat } = map.unproject([event.clientX - box.left, event.clientY - box.top]);
    const index = hit(lng, lat, map.getZoom());
    if (index !== undefined) interaction.onSelect(network.ids[index]!);
  });
  map.on('mousemove', (event) => {
    // A drag moves the map under the pointer: no tooltip follows it, and no frame waits for one.
    if (map.isMoving()) {
      if (hovered !== undefined) {
        hover(undefined);
        setTooltip(null);
      }
      return;
    }
    const index = hit(event.lngLat.lng, event.lngLat.lat, map.getZoom());
    hover(index);
    if (index === undefined) {
      canvas.style.cursor = '';
      setTooltip(null);
      return;
    }
    canvas.style.cursor = 'pointer';
    setTooltip({ x: event.point.x, y: event.point.y, index });
  });
  map.on('mouseout', () => setTooltip(null));
  canvas.addEventListener('focus', () => {
    const id = interaction.selectedPlaceId();
    const index = id === undefined ? undefined : network.indexById.get(id);
    if (index === undefined) return;
    const point = map.project([network.lngs[index]!, network.lats[index]!]);
    setTooltip({ x: point.x, y: point.y, index });
  });
  canvas.addEventListener('blur', () => setTooltip(null));
  map.on('moveend', () => {
    const center = map.getCenter();
    interaction.onViewChange({
      lng: Math.round(center.lng * 1000) / 1000,
      lat: Math.round(center.lat * 1000) / 1000,
      zoom: Math.round(map.getZoom() * 100) / 100,
    });
  });
}

/** How far (CSS pixels) a pressed pointer moves before the press is a drag, as MapLibre counts it. */
const CLICK_TOLERANCE = 3;

/**
 * Hands a mouse press to MapLibre only once the pointer moves with the button down. MapLibre's pan starts on the
 * press and, when it ends, draws the whole map again although nothing moved; with software WebGL that frame costs
 * more than the rest of a click's answer. A press that ends where it began is a click: the map never sees it, and
 * the click's answer (the selection and its panel) is the only thing drawn. A press that moves is passed on as it
 * was, from where it began, before the move that made it a drag; `onDrag` is called just before.
 */
export function holdPressUntilDrag(map: MapLibreMap, onDrag: () => void): void {
  const container = map.getCanvasContainer();
  let held: MouseEvent | undefined;
  let passing = false;
  container.addEventListener(
    'mousedown',
    (event) => {
      if (passing || event.button !== 0) return;
      held = event;
      event.stopImmediatePropagation();
    },
    { capture: true },
  );
  window.addEventListener(
    'mousemove',
    (event) => {
      if (!held) return;
      const moved = Math.hypot(event.clientX - held.clientX, event.clientY - held.clientY);
      if (moved < CLICK_TOLERANCE) return;
      const press = held;
      held = undefined;
      onDrag();
      passing = true;
      try {
        press.target?.dispatchEvent(new MouseEvent('mousedown', press));
      } finally {
        passing = false;
      }
    },
    { capture: true },
  );
  window.addEventListener(
    'mouseup',
    () => {
      held = undefined;
    },
    { capture: true },
  );
}
