import type { Map as MapLibreMap, Popup } from 'maplibre-gl';
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { greatCircle } from '../../../src/contract.ts';
import { useSettings } from '../api/settings.ts';
import { useFormat } from '../format.ts';
import { type Camera, mercator } from './camera.ts';
import { baseMap, loadMapLibre, offlineStyle } from './load.ts';
import {
  isNearEdge,
  type LngLat,
  landColors,
  MIN_ZOOM,
  placesKey,
  popupOffsets,
  spreadOffsets,
} from './markers-map.ts';
import { NetworkLayer } from './network-layer.ts';
import { readPalette } from './palette.ts';
import { useThemeChanges } from './theme-changes.ts';
import '../atlas.css';
import './MarkersMap.css';

/** How a marker looks: a shape of its own as well as a colour, so that colour is never the only cue. */
export interface MarkerLook {
  /** The shape's name, on the icon as `data-shape`. */
  shape: string;
  /** Filled, drawn as a hollow outline over the surface's colour, or drawn as strokes only. */
  kind: 'filled' | 'hollow' | 'strokes';
  /** An SVG path in a 20 × 20 box centred on the marker's spot. */
  path: string;
  /** A CSS colour; a design token, `var(--cb-color-accent)`, follows the theme. */
  color: string;
}

/** `data-*` attributes, for a page's tests and styles. */
export type DataAttributes = Record<`data-${string}`, string>;

/** A marker: where, what it is called, how it looks. */
export interface MapMarker extends LngLat {
  /** Unique among the markers, and the same while the marker stands for the same thing. */
  key: string;
  /** The marker's accessible name, which says all its popup says. */
  label: string;
  look: MarkerLook;
  /** Which marker lies over which where they overlap: the higher on top. */
  layer?: number;
  data?: DataAttributes;
}

/** A line of the legend: a kind of marker and how many there are, placed on the map or not. */
export interface LegendEntry {
  key: string;
  label: string;
  count: number;
  look: MarkerLook;
  data?: DataAttributes;
}

/** The words of the map and of MapLibre's controls, in the interface language. */
export interface MarkersMapTexts {
  /** The map's accessible name. */
  label: string;
  /** The name of the canvas, the map's picture. */
  canvas: string;
  loading: string;
  unavailable: string;
  zoomIn: string;
  zoomOut: string;
  /** The hint to zoom with Ctrl + wheel; on a Mac `cmdScroll`, where given. */
  ctrlScroll: string;
  cmdScroll?: string;
  twoFingers: string;
}

/** A line between two places, drawn as a great circle under the markers. */
export interface MapLine {
  from: LngLat;
  to: LngLat;
}

const NO_LINES: readonly MapLine[] = [];

/** The lines as the base map's layer draws them: segments of their great circles, in mercator units. */
function lineVertices(lines: readonly MapLine[]): Float32Array {
  const vertices: number[] = [];
  for (const line of lines) {
    const points = greatCircle(line.from, line.to).map(([lng, lat]) => mercator(lng, lat));
    for (let index = 1; index < points.length; index += 1)
      vertices.push(...points[index - 1]!, ...points[index]!);
  }
  return Float32Array.from(vertices);
}

export interface MarkersMapOptions<M extends MapMarker> {
  /**
   * Names the map's parts for its page's styles and tests, beside their own classes: `<name>-map`,
   * `<name>-map-frame`, `<name>-map-legend`, `<name>-map-legend-label`, `<name>-map-legend-count`, `<name>-map-note`,
   * `<name>-map-skip`, `<name>-pin`, `<name>-marker`, `<name>-popup`, `<name>-popup-body`.
   */
  name: string;
  /** The map's `data-testid`, on the element that says `data-ready="true"` once the map has drawn. */
  testId: string;
  markers: readonly M[];
  /** Lines between the markers' places, under them. */
  lines?: readonly MapLine[];
  /** The view that shows every marker on a map of this size. */
  camera: (points: readonly LngLat[], width: number, height: number) => Camera;
  legend: { title: ReactNode; entries: readonly LegendEntry[] };
  /** Below the legend: the map's text alternative, or where to find it. The map's region is described by it. */
  note: ReactNode;
  /** The note's id, where a link leads to it (it then takes focus from that link). */
  noteId?: string;
  /** A link past the markers, to the map's text alternative, shown over the map when focused. */
  skip?: { href: string; label: string };
  /** What a marker's popup shows; its words are already in the marker's name, so it is hidden from assistive tech. */
  popup: (marker: M) => ReactNode;
  texts: MarkersMapTexts;
}

/** A marker's shape in its colour, outlined in the surface's colour, so that it stands out on land and sea alike. */
export function MarkerIcon({ look }: { look: MarkerLook }) {
  return (
    <svg
      className={`markers-map-shape markers-map-shape-${look.kind}`}
      style={{ color: look.color }}
      data-shape={look.shape}
      viewBox="0 0 20 20"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path className="markers-map-shape-halo" d={look.path} />
      <path className="markers-map-shape-mark" d={look.path} />
    </svg>
  );
}

/** Which marker's popup shows, and why: the pointer on it, keyboard focus on it, or a click (until dismissed). */
type Shown = { index: number; by: 'hover' | 'focus' | 'click' } | null;

/** How long a popup shown by the pointer stays after the pointer leaves, so that it can be moved onto the popup. */
const HOVER_GRACE_MS = 250;

/**
 * A small map of markers beside its legend, over the atlas's offline base map (or the deployment's own style), in
 * the current colour theme, fitted to show every marker; markers on one spot are spread apart. Every marker is a
 * button in the tab order, named by `label`: focusing, pointing at or clicking it shows its popup, which Escape, a
 * click elsewhere on the map, or leaving it closes; a marker focused beyond the map's edge is brought into view.
 * MapLibre's moves jump rather than glide when the reader prefers reduced motion, and the markers' own transitions
 * are the design system's durations, zero then. Pages load this with their map, on demand: it brings MapLibre.
 */
export default function MarkersMap<M extends MapMarker>(options: MarkersMapOptions<M>) {
  const { name, markers, texts, legend, popup, camera, skip } = options;
  const format = useFormat();
  const settings = useSettings();
  const frame = useRef<HTMLElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const library = useRef<typeof import('maplibre-gl') | null>(null);
  const land = useRef<NetworkLayer | null>(null);
  const popupRef = useRef<Popup | null>(null);
  const [popupNode] = useState(() => document.createElement('div'));
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [holders, setHolders] = useState<HTMLElement[]>([]);
  const [failed, setFailed] = useState(false);
  const [shown, setShown] = useState<Shown>(null);
  const hoverTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const themeVersion = useThemeChanges();
  const legendId = useId();
  const noteId = options.noteId ?? `${legendId}-note`;

  // The markers stay while only their names and looks change; new places make new markers.
  const places = placesKey(markers);
  // biome-ignore lint/correctness/useExhaustiveDependencies: places says when the places changed
  const offsets = useMemo(() => spreadOffsets(markers), [places]);
  const hasMarkers = markers.length > 0;
  const styleUrl = settings.data?.mapStyleUrl;
  const settingsLoaded = settings.data !== undefined;

  // The map, once: MapLibre (loaded now, or already loaded by the atlas) with the offline base map or the
  // deployment's own style, looking at every marker.
  // biome-ignore lint/correctness/useExhaustiveDependencies: created once; the markers, texts and colours follow in the effects below
  useEffect(() => {
    if (!settingsLoaded || !hasMarkers) return;
    let disposed = false;
    const offline = !styleUrl;
    (async () => {
      const [maplibre, base] = await Promise.all([
        loadMapLibre({ sources: !offline }),
        offline ? baseMap() : undefined,
      ]);
      const element = container.current;
      if (disposed || !element) return;
      const view = camera(markers, element.clientWidth, element.clientHeight);
      const palette = readPalette(frame.current);
      const created = new maplibre.Map({
        container: element,
        style: styleUrl ?? offlineStyle(palette.ocean),
        center: [view.lng, view.lat],
        zoom: view.zoom,
        minZoom: MIN_ZOOM,
        attributionControl: false,
        renderWorldCopies: true,
        dragRotate: false,
        pitchWithRotate: false,
        fadeDuration: 0,
        // On a page that scrolls, the wheel and one finger scroll the page: Ctrl + wheel and two fingers move the map.
        cooperativeGestures: true,
      });
      created.touchZoomRotate.disableRotation();
      created.addControl(new maplibre.NavigationControl({ showCompass: false }), 'bottom-right');
      created.once('style.load', () => {
        if (!base) return;
        const layer = new NetworkLayer(
          'land',
          lineVertices(linesRef.current),
          new Float32Array(0),
          [0, 0, 0, 0],
          [0, 0, 0, 0],
          base,
        );
        layer.setColors(landColors(readPalette(frame.current)));
        created.addLayer(layer);
        land.current = layer;
      });
      created.once('idle', () => element.setAttribute('data-ready', 'true'));
      // Keyboard focus on a marker beyond the map's edge would scroll MapLibre's boxes, which must not scroll.
      for (const box of [element, element.querySelector<HTMLElement>('.maplibregl-canvas-container')]) {
        box?.addEventListener('scroll', () => {
          box.scrollTop = 0;
          box.scrollLeft = 0;
        });
      }
      popupRef.current = new maplibre.Popup({
        closeButton: false,
        closeOnClick: false,
        closeOnMove: false,
        focusAfterOpen: false,
        className: `markers-map-popup ${name}-popup`,
        maxWidth: '18rem',
      }).setDOMContent(popupNode);
      library.current = maplibre;
      mapRef.current = created;
      setMap(created);
    })().catch(() => setFailed(true));
    return () => {
      disposed = true;
      popupRef.current?.remove();
      popupRef.current = null;
      mapRef.current?.remove();
      mapRef.current = null;
      land.current = null;
      setMap(null);
    };
  }, [settingsLoaded, hasMarkers]);

  // A marker for every place: an element MapLibre places, into which React renders the button.
  // biome-ignore lint/correctness/useExhaustiveDependencies: places says when the places changed
  useEffect(() => {
    const maplibre = library.current;
    if (!map || !maplibre) return;
    const made = markers.map((marker, index) => {
      const holder = document.createElement('div');
      holder.className = `markers-map-pin ${name}-pin`;
      return new maplibre.Marker({ element: holder, anchor: 'center', offset: offsets[index] ?? [0, 0] })
        .setLngLat([marker.lng, marker.lat])
        .addTo(map);
    });
    setHolders(made.map((marker) => marker.getElement()));
    return () => {
      for (const marker of made) marker.remove();
      setHolders([]);
      setShown(null);
    };
  }, [map, places]);

  // The lines follow the answer shown (drawn with the offline base map; a deployment's own style shows none).
  const lines = options.lines ?? NO_LINES;
  const linesRef = useRef(lines);
  linesRef.current = lines;
  const linesKey = lines
    .map((line) => `${line.from.lng},${line.from.lat}>${line.to.lng},${line.to.lat}`)
    .join('|');
  // biome-ignore lint/correctness/useExhaustiveDependencies: linesKey says when the lines changed
  useEffect(() => {
    land.current?.setVertices(lineVertices(linesRef.current));
  }, [map, linesKey]);

  // Which marker lies over which where they overlap.
  const layers = markers.map((marker) => marker.layer ?? '').join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: layers says when the layers changed
  useEffect(() => {
    for (const [index, holder] of holders.entries()) {
      const layer = markers[index]?.layer;
      if (layer === undefined) holder.style.removeProperty('--markers-map-pin-layer');
      else holder.style.setProperty('--markers-map-pin-layer', String(layer));
    }
  }, [holders, layers]);

  // MapLibre's own words (its zoom buttons, the hint to zoom with Ctrl + wheel) in the interface language.
  useEffect(() => {
    if (!map) return;
    const element = map.getContainer();
    const canvas = map.getCanvas();
    canvas.setAttribute('aria-label', texts.canvas);
    canvas.setAttribute('role', 'img');
    for (const [selector, text] of [
      ['.maplibregl-ctrl-zoom-in', texts.zoomIn],
      ['.maplibregl-ctrl-zoom-out', texts.zoomOut],
    ] as const) {
      const button = element.querySelector(selector);
      button?.setAttribute('aria-label', text);
      button?.setAttribute('title', text);
    }
    const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
    const desktop = element.querySelector('.maplibregl-desktop-message');
    if (desktop) desktop.textContent = (isMac ? texts.cmdScroll : undefined) ?? texts.ctrlScroll;
    const mobile = element.querySelector('.maplibregl-mobile-message');
    if (mobile) mobile.textContent = texts.twoFingers;
  }, [map, texts.canvas, texts.zoomIn, texts.zoomOut, texts.ctrlScroll, texts.cmdScroll, texts.twoFingers]);

  // The colour theme changed: the sea, the land and the borders follow (the markers follow by themselves, in CSS).
  // biome-ignore lint/correctness/useExhaustiveDependencies: themeVersion says when to read the palette again
  useEffect(() => {
    if (!map || themeVersion === 0) return;
    const palette = readPalette(frame.current);
    if (!styleUrl && map.getLayer('ocean')) map.setPaintProperty('ocean', 'background-color', palette.ocean);
    land.current?.setColors(landColors(palette));
  }, [map, themeVersion]);

  // The popup of the marker shown, next to it.
  const shownIndex = shown?.index;
  const shownMarker = shownIndex === undefined ? undefined : markers[shownIndex];
  // biome-ignore lint/correctness/useExhaustiveDependencies: the offsets change with the places, which say when the markers moved
  useEffect(() => {
    const popupBox = popupRef.current;
    if (!map || !popupBox) return;
    const marker = shownIndex === undefined ? undefined : markers[shownIndex];
    if (shownIndex === undefined || !marker) {
      popupBox.remove();
      return;
    }
    popupBox.setOffset(popupOffsets(offsets[shownIndex] ?? [0, 0])).setLngLat([marker.lng, marker.lat]);
    if (!popupBox.isOpen()) popupBox.addTo(map);
    // Its words are already in the name of the marker it belongs to.
    popupBox.getElement()?.setAttribute('aria-hidden', 'true');
  }, [map, shownIndex, offsets]);

  // A click on the map away from the markers, or Escape anywhere, dismisses the popup.
  useEffect(() => {
    if (!map || !shown) return;
    const click = (event: { originalEvent: MouseEvent }) => {
      const target = event.originalEvent.target;
      if (!(target instanceof Element) || !target.closest('.markers-map-pin')) setShown(null);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setShown(null);
    };
    map.on('click', click);
    document.addEventListener('keydown', onKey);
    return () => {
      map.off('click', click);
      document.removeEventListener('keydown', onKey);
    };
  }, [map, shown]);

  useEffect(() => () => clearTimeout(hoverTimer.current), []);

  const keepHover = () => clearTimeout(hoverTimer.current);
  const leaveHover = () => {
    clearTimeout(hoverTimer.current);
    hoverTimer.current = setTimeout(
      () => setShown((current) => (current?.by === 'hover' ? null : current)),
      HOVER_GRACE_MS,
    );
  };
  /** Brings a marker focused from the keyboard into view, when the map has been moved away from it. */
  const reveal = (marker: M) => {
    if (!map) return;
    const canvas = map.getCanvas();
    // MapLibre jumps rather than glides here when the reader prefers reduced motion.
    if (isNearEdge(map.project([marker.lng, marker.lat]), canvas.clientWidth, canvas.clientHeight))
      map.panTo([marker.lng, marker.lat]);
  };

  return (
    <div className={`markers-map ${name}-map`}>
      <div className="markers-map-key">
        <h3 id={legendId} className="markers-map-legend-title">
          {legend.title}
        </h3>
        <ul className={`markers-map-legend ${name}-map-legend`} aria-labelledby={legendId}>
          {legend.entries.map((entry) => (
            <li key={entry.key} {...entry.data}>
              <MarkerIcon look={entry.look} />
              <span className={`markers-map-legend-label ${name}-map-legend-label`}>{entry.label}</span>{' '}
              <span className={`markers-map-legend-count ${name}-map-legend-count`}>
                {format.number(entry.count)}
              </span>
            </li>
          ))}
        </ul>
      </div>
      {hasMarkers && (
        <>
          {skip && (
            <a className={`markers-map-skip ${name}-map-skip`} href={skip.href}>
              {skip.label}
            </a>
          )}
          <section
            ref={frame}
            className={`atlas-map small markers-map-frame ${name}-map-frame`}
            aria-label={texts.label}
            aria-describedby={noteId}
          >
            <div
              ref={container}
              className="atlas-map-canvas"
              data-ready="false"
              data-testid={options.testId}
            />
            {!map && !failed && <p className="atlas-map-status">{texts.loading}</p>}
            {failed && <p className="atlas-map-status">{texts.unavailable}</p>}
          </section>
        </>
      )}
      <p
        id={noteId}
        tabIndex={options.noteId ? -1 : undefined}
        className={`markers-map-note ${name}-map-note`}
      >
        {options.note}
      </p>
      {holders.map((holder, index) => {
        const marker = markers[index];
        if (!marker) return null;
        return createPortal(
          <button
            type="button"
            className={`markers-map-marker ${name}-marker`}
            aria-label={marker.label}
            {...marker.data}
            onFocus={() => {
              reveal(marker);
              setShown({ index, by: 'focus' });
            }}
            onBlur={() => setShown((current) => (current?.by === 'focus' ? null : current))}
            onMouseEnter={() => {
              keepHover();
              setShown((current) =>
                current?.by === 'click' && current.index === index ? current : { index, by: 'hover' },
              );
            }}
            onMouseLeave={leaveHover}
            onClick={() =>
              setShown((current) =>
                current?.by === 'click' && current.index === index ? null : { index, by: 'click' },
              )
            }
          >
            <MarkerIcon look={marker.look} />
          </button>,
          holder,
          marker.key,
        );
      })}
      {shownMarker &&
        createPortal(
          // biome-ignore lint/a11y/noStaticElementInteractions: the pointer may rest on the popup; it says what its marker's name says
          <div
            className={`markers-map-popup-body ${name}-popup-body`}
            onMouseEnter={keepHover}
            onMouseLeave={leaveHover}
          >
            {popup(shownMarker)}
          </div>,
          popupNode,
        )}
    </div>
  );
}
