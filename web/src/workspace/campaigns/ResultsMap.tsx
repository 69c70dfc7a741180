import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useSettings } from '../../api/settings.ts';
import { useFormat } from '../../format.ts';
import { baseMap, loadMapLibre, offlineStyle } from '../../map/load.ts';
import { NetworkLayer } from '../../map/network-layer.ts';
import { type MapPalette, readPalette, rgba } from '../../map/palette.ts';
import { useThemeChanges } from '../../map/theme-changes.ts';
import { MIN_ZOOM, spreadOffsets } from '../../pages/InviteesMap.model.ts';
import type { WorkspaceT } from '../texts.ts';
import { type Language, pick } from './campaign-model.ts';
import type { CampaignQuestion, CampaignResults } from './campaigns-api.ts';
import {
  categoryOf,
  type MapCategory,
  type MarkerShape,
  mapCategories,
  markerOf,
  NONE,
  resultsCamera,
} from './results-map.ts';
import '../../atlas.css';
import '../../pages/InviteesMapView.css';

type MemberRow = CampaignResults['rows'][number];

/** The offline base map's land and borders in a palette, premultiplied; it draws no ties and no places. */
const landColors = (palette: MapPalette) => ({
  tie: [0, 0, 0, 0],
  place: [0, 0, 0, 0],
  land: rgba(palette.land),
  border: rgba(palette.border),
});

function Shape({ shape, colour }: { shape: MarkerShape; colour: number | 'none' }) {
  return (
    <svg
      className={`invitee-shape invitee-shape-${shape.kind} cp-cat-${colour}`}
      data-shape={shape.name}
      viewBox="0 0 20 20"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path className="invitee-shape-halo" d={shape.path} />
      <path className="invitee-shape-mark" d={shape.path} />
    </svg>
  );
}

/**
 * The members that submitted on a map, each marked by its answer to the chosen question with a shape and a colour of
 * its own (no answer: a cross), with a legend that counts each answer and names it; a member's name and answer show
 * when its marker is focused or pointed at. The members' table below is the map's text alternative.
 */
export default function ResultsMap(props: {
  t: WorkspaceT;
  question: CampaignQuestion;
  rows: MemberRow[];
  language: Language;
}) {
  const { t, question, rows, language } = props;
  const format = useFormat();
  const settings = useSettings();
  const frame = useRef<HTMLElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const land = useRef<NetworkLayer | null>(null);
  const library = useRef<typeof import('maplibre-gl') | null>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [holders, setHolders] = useState<HTMLElement[]>([]);
  const [failed, setFailed] = useState(false);
  const [shown, setShown] = useState<number | null>(null);
  const themeVersion = useThemeChanges();
  const legendId = useId();

  const categories = useMemo<MapCategory[]>(() => {
    const list = (mapCategories(question, language) ?? []).map((category) =>
      question.type === 'yes_no'
        ? {
            ...category,
            label: category.key === 'yes' ? t('campaigns.answer.yes') : t('campaigns.answer.no'),
          }
        : category,
    );
    return [...list, { key: NONE, label: t('campaigns.results.noAnswer') }];
  }, [question, language, t]);
  const indexOf = useMemo(
    () => new Map(categories.map((category, index) => [category.key, index])),
    [categories],
  );
  const pins = useMemo(() => {
    const located = rows.flatMap((row) =>
      row.place ? [{ row, lng: row.place.lng, lat: row.place.lat }] : [],
    );
    const offsets = spreadOffsets(located);
    return located.map((pin, index) => ({ ...pin, offset: offsets[index]! }));
  }, [rows]);
  const placesKey = pins.map((pin) => `${pin.row.organization.id}:${pin.lng},${pin.lat}`).join(';');
  const hasPins = pins.length > 0;
  const styleUrl = settings.data?.mapStyleUrl;
  const settingsLoaded = settings.data !== undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: created once; the markers and colours follow below
  useEffect(() => {
    if (!settingsLoaded || !hasPins) return;
    let disposed = false;
    const offline = !styleUrl;
    (async () => {
      const [maplibre, base] = await Promise.all([
        loadMapLibre({ sources: !offline }),
        offline ? baseMap() : undefined,
      ]);
      const element = container.current;
      if (disposed || !element) return;
      const camera = resultsCamera(pins, element.clientWidth, element.clientHeight);
      const palette = readPalette(frame.current);
      const created = new maplibre.Map({
        container: element,
        style: styleUrl ?? offlineStyle(palette.ocean),
        center: [camera.lng, camera.lat],
        zoom: camera.zoom,
        minZoom: MIN_ZOOM,
        attributionControl: false,
        renderWorldCopies: true,
        dragRotate: false,
        pitchWithRotate: false,
        fadeDuration: 0,
        cooperativeGestures: true,
      });
      created.touchZoomRotate.disableRotation();
      created.addControl(new maplibre.NavigationControl({ showCompass: false }), 'bottom-right');
      created.once('style.load', () => {
        if (!base) return;
        const layer = new NetworkLayer(
          'land',
          new Float32Array(0),
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
      for (const box of [element, element.querySelector<HTMLElement>('.maplibregl-canvas-container')]) {
        box?.addEventListener('scroll', () => {
          box.scrollTop = 0;
          box.scrollLeft = 0;
        });
      }
      library.current = maplibre;
      setMap(created);
    })().catch(() => setFailed(true));
    return () => {
      disposed = true;
      setMap((current) => {
        current?.remove();
        return null;
      });
      land.current = null;
    };
  }, [settingsLoaded, hasPins]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: placesKey says when the places changed
  useEffect(() => {
    const maplibre = library.current;
    if (!map || !maplibre) return;
    const markers = pins.map((pin) => {
      const holder = document.createElement('div');
      holder.className = 'invitees-pin';
      return new maplibre.Marker({ element: holder, anchor: 'center', offset: pin.offset })
        .setLngLat([pin.lng, pin.lat])
        .addTo(map);
    });
    setHolders(markers.map((marker) => marker.getElement()));
    return () => {
      for (const marker of markers) marker.remove();
      setHolders([]);
    };
  }, [map, placesKey]);

  // MapLibre's own words in the interface language.
  useEffect(() => {
    if (!map) return;
    const element = map.getContainer();
    map.getCanvas().setAttribute('aria-label', t('campaigns.results.mapCanvas'));
    map.getCanvas().setAttribute('role', 'img');
    for (const [selector, text] of [
      ['.maplibregl-ctrl-zoom-in', t('campaigns.results.zoomIn')],
      ['.maplibregl-ctrl-zoom-out', t('campaigns.results.zoomOut')],
    ] as const) {
      const button = element.querySelector(selector);
      button?.setAttribute('aria-label', text);
      button?.setAttribute('title', text);
    }
    const desktop = element.querySelector('.maplibregl-desktop-message');
    if (desktop) desktop.textContent = t('campaigns.results.ctrlScroll');
    const mobile = element.querySelector('.maplibregl-mobile-message');
    if (mobile) mobile.textContent = t('campaigns.results.twoFingers');
  }, [map, t]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: themeVersion says when to read the palette again
  useEffect(() => {
    if (!map || themeVersion === 0) return;
    const palette = readPalette(frame.current);
    if (!styleUrl && map.getLayer('ocean')) map.setPaintProperty('ocean', 'background-color', palette.ocean);
    land.current?.setColors(landColors(palette));
  }, [map, themeVersion]);

  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = categoryOf(row.answers[question.key]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const answerLabel = (row: MemberRow) => {
    const key = categoryOf(row.answers[question.key]);
    return categories[indexOf.get(key) ?? categories.length - 1]?.label ?? key;
  };
  const unplaced = rows.length - pins.length;
  const noteId = `${legendId}-note`;

  return (
    <div className="invitees-map cp-results-map">
      <div className="invitees-map-key">
        <h3 id={legendId} className="invitees-map-legend-title">
          {t('campaigns.results.legend', { name: pick(question.label, language) })}
        </h3>
        <ul className="invitees-map-legend" aria-labelledby={legendId}>
          {categories.map((category, index) => (
            <li key={category.key}>
              <Shape {...markerOf(index, category.key)} />
              <span className="invitees-map-legend-label">{category.label}</span>{' '}
              <span className="invitees-map-legend-count">
                {format.number(counts.get(category.key) ?? 0)}
              </span>
            </li>
          ))}
        </ul>
      </div>
      {hasPins && (
        <section
          ref={frame}
          className="atlas-map small invitees-map-frame"
          aria-label={t('campaigns.results.mapLabel')}
          aria-describedby={noteId}
        >
          <div ref={container} className="atlas-map-canvas" data-ready="false" data-testid="results-map" />
          {!map && !failed && <p className="atlas-map-status">{t('campaigns.results.mapLoading')}</p>}
          {failed && <p className="atlas-map-status">{t('campaigns.results.mapUnavailable')}</p>}
        </section>
      )}
      <p id={noteId} className="invitees-map-note">
        {unplaced > 0 && `${t('campaigns.results.unplaced', { count: unplaced })} `}
        {t('campaigns.results.mapTable')}
      </p>
      {holders.map((holder, index) => {
        const pin = pins[index];
        if (!pin) return null;
        const key = categoryOf(pin.row.answers[question.key]);
        const marker = markerOf(indexOf.get(key) ?? categories.length - 1, key);
        const label = t('campaigns.results.marker', {
          name: pin.row.organization.name,
          answer: answerLabel(pin.row),
        });
        return createPortal(
          <button
            type="button"
            className="invitees-marker"
            aria-label={label}
            data-category={key}
            onFocus={() => setShown(index)}
            onBlur={() => setShown((current) => (current === index ? null : current))}
            onMouseEnter={() => setShown(index)}
            onMouseLeave={() => setShown((current) => (current === index ? null : current))}
          >
            <Shape {...marker} />
            {shown === index && (
              <span className="cp-map-tip" aria-hidden="true">
                <strong>{pin.row.organization.name}</strong> {answerLabel(pin.row)}
              </span>
            )}
          </button>,
          holder,
          String(pin.row.organization.id),
        );
      })}
    </div>
  );
}
