import type { Map as MapLibreMap, Popup } from 'maplibre-gl';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { NetworkMember } from '../api/networks.ts';
import { usePlaceName } from '../api/places.ts';
import { useSettings } from '../api/settings.ts';
import { useFormat } from '../format.ts';
import { baseMap, loadMapLibre, offlineStyle } from '../map/load.ts';
import { NetworkLayer } from '../map/network-layer.ts';
import { type MapPalette, readPalette, rgba } from '../map/palette.ts';
import { useThemeChanges } from '../map/theme-changes.ts';
import { inviteesCamera, type LngLat, MIN_ZOOM, spreadOffsets } from './InviteesMap.model.ts';
import '../atlas.css';
import './NetworkPageMapView.css';

/** A member on the map: where it stands, and how far its marker is moved from there to be seen beside others. */
interface Pin extends LngLat {
  member: NetworkMember;
  offset: [number, number];
}

/** The offline base map's land and borders in a palette, premultiplied; it draws no ties and no places. */
const landColors = (palette: MapPalette) => ({
  tie: [0, 0, 0, 0],
  place: [0, 0, 0, 0],
  land: rgba(palette.land),
  border: rgba(palette.border),
});

/** A member's marker: a dot for a place, a square for an organisation, so that colour is never the only cue. */
function Shape({ type }: { type: NetworkMember['type'] }) {
  const path = type === 'place' ? 'M3.5 10a6.5 6.5 0 1 0 13 0a6.5 6.5 0 1 0 -13 0Z' : 'M4 4H16V16H4Z';
  return (
    <svg
      className={`network-shape network-shape-${type}`}
      viewBox="0 0 20 20"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path className="network-shape-halo" d={path} />
      <path className="network-shape-mark" d={path} />
    </svg>
  );
}

/** The gap between a marker and its popup, in pixels. */
const POPUP_GAP = 14;

function popupOffset([dx, dy]: [number, number]) {
  const diagonal = Math.round(POPUP_GAP * 0.7);
  return {
    center: [dx, dy] as [number, number],
    top: [dx, dy + POPUP_GAP] as [number, number],
    bottom: [dx, dy - POPUP_GAP] as [number, number],
    left: [dx + POPUP_GAP, dy] as [number, number],
    right: [dx - POPUP_GAP, dy] as [number, number],
    'top-left': [dx + diagonal, dy + diagonal] as [number, number],
    'top-right': [dx - diagonal, dy + diagonal] as [number, number],
    'bottom-left': [dx + diagonal, dy - diagonal] as [number, number],
    'bottom-right': [dx - diagonal, dy - diagonal] as [number, number],
  };
}

/** Which marker's popup shows, and why: the pointer on it, keyboard focus on it, or a click (until dismissed). */
type Shown = { index: number; by: 'hover' | 'focus' | 'click' } | null;

/**
 * The map of a network's current members, each a place (a dot) or an organisation (a square, where its place is),
 * fitted to show them all, over the atlas's offline base map (or the deployment's own style); a legend counting
 * each; and a way past the map to the members' table, which is its text alternative. Focusing, pointing at or
 * clicking a marker shows the member's name and country.
 */
export default function NetworkPageMapView({
  members,
  tableId,
}: {
  members: readonly NetworkMember[];
  tableId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
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
  const themeVersion = useThemeChanges();
  const legendId = useId();

  const current = useMemo(() => members.filter((member) => member.current), [members]);
  const pins = useMemo<Pin[]>(() => {
    const located = current.flatMap((member) =>
      member.location ? [{ member, lng: member.location.lng, lat: member.location.lat }] : [],
    );
    const offsets = spreadOffsets(located);
    return located.map((pin, index) => ({ ...pin, offset: offsets[index]! }));
  }, [current]);
  const placesKey = pins.map((pin) => `${pin.member.id}:${pin.lng},${pin.lat}`).join(';');
  const hasPins = pins.length > 0;
  const styleUrl = settings.data?.mapStyleUrl;
  const settingsLoaded = settings.data !== undefined;

  // The map, once: MapLibre (loaded now, or already loaded by the atlas) with the offline base map or the
  // deployment's own style, looking at every member.
  // biome-ignore lint/correctness/useExhaustiveDependencies: created once; the markers and colours follow in the effects below
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
      const camera = inviteesCamera(pins, element.clientWidth, element.clientHeight);
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
        // On a page that scrolls, the wheel and one finger scroll the page: Ctrl + wheel and two fingers move the map.
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
        className: 'network-popup',
        maxWidth: '18rem',
      }).setDOMContent(popupNode);
      library.current = maplibre;
      mapRef.current = created;
      setMap(created);
    })().catch(() => setFailed(true));
    return () => {
      disposed = true;
      popupRef.current?.remove();
      mapRef.current?.remove();
      mapRef.current = null;
      land.current = null;
      setMap(null);
    };
  }, [settingsLoaded, hasPins]);

  // A marker for every member with a location: an element MapLibre places, into which React renders the button.
  // biome-ignore lint/correctness/useExhaustiveDependencies: placesKey says when the places changed
  useEffect(() => {
    const maplibre = library.current;
    if (!map || !maplibre) return;
    const markers = pins.map((pin) => {
      const holder = document.createElement('div');
      holder.className = 'network-pin';
      return new maplibre.Marker({ element: holder, anchor: 'center', offset: pin.offset })
        .setLngLat([pin.lng, pin.lat])
        .addTo(map);
    });
    setHolders(markers.map((marker) => marker.getElement()));
    return () => {
      for (const marker of markers) marker.remove();
      setHolders([]);
      setShown(null);
    };
  }, [map, placesKey]);

  // MapLibre's own words (its zoom buttons, the hint to zoom with Ctrl + wheel) in the interface language.
  useEffect(() => {
    if (!map) return;
    const element = map.getContainer();
    const canvas = map.getCanvas();
    canvas.setAttribute('aria-label', t('networks.map.canvas'));
    canvas.setAttribute('role', 'img');
    for (const [selector, text] of [
      ['.maplibregl-ctrl-zoom-in', t('event.map.zoomIn')],
      ['.maplibregl-ctrl-zoom-out', t('event.map.zoomOut')],
    ] as const) {
      const button = element.querySelector(selector);
      button?.setAttribute('aria-label', text);
      button?.setAttribute('title', text);
    }
    const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
    const desktop = element.querySelector('.maplibregl-desktop-message');
    if (desktop) desktop.textContent = t(isMac ? 'event.map.cmdScroll' : 'event.map.ctrlScroll');
    const mobile = element.querySelector('.maplibregl-mobile-message');
    if (mobile) mobile.textContent = t('event.map.twoFingers');
  }, [map, t]);

  // The colour theme changed: the sea, the land and the borders follow (the markers follow by themselves, in CSS).
  // biome-ignore lint/correctness/useExhaustiveDependencies: themeVersion says when to read the palette again
  useEffect(() => {
    if (!map || themeVersion === 0) return;
    const palette = readPalette(frame.current);
    if (!styleUrl && map.getLayer('ocean')) map.setPaintProperty('ocean', 'background-color', palette.ocean);
    land.current?.setColors(landColors(palette));
  }, [map, themeVersion]);

  const shownPin = shown ? pins[shown.index] : undefined;
  useEffect(() => {
    const popup = popupRef.current;
    if (!map || !popup) return;
    if (!shownPin) {
      popup.remove();
      return;
    }
    popup.setOffset(popupOffset(shownPin.offset)).setLngLat([shownPin.lng, shownPin.lat]);
    if (!popup.isOpen()) popup.addTo(map);
    // Its words are already in the name of the marker it belongs to.
    popup.getElement()?.setAttribute('aria-hidden', 'true');
  }, [map, shownPin]);

  // A click on the map away from the markers, or Escape anywhere, dismisses the popup.
  useEffect(() => {
    if (!map || !shown) return;
    const click = (event: { originalEvent: MouseEvent }) => {
      const target = event.originalEvent.target;
      if (!(target instanceof Element) || !target.closest('.network-pin')) setShown(null);
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

  if (current.length === 0) return null;

  const memberName = (member: NetworkMember) =>
    member.placeId !== null ? placeName(member.placeId, member.name) : member.name;
  const markerLabel = (member: NetworkMember) => {
    const name = memberName(member);
    const type = t(`networks.memberType.${member.type}`);
    return member.country
      ? t('networks.map.markerCountry', { name, type, country: format.country(member.country) })
      : t('networks.map.marker', { name, type });
  };
  const reveal = (pin: Pin) => {
    if (!map) return;
    const point = map.project([pin.lng, pin.lat]);
    const canvas = map.getCanvas();
    const margin = 16;
    if (
      point.x < margin ||
      point.y < margin ||
      point.x > canvas.clientWidth - margin ||
      point.y > canvas.clientHeight - margin
    )
      map.panTo([pin.lng, pin.lat]);
  };
  const counts = {
    place: current.filter((member) => member.type === 'place').length,
    organization: current.filter((member) => member.type === 'organization').length,
  };
  const unplaced = current.length - pins.length;
  const shownMember = shownPin?.member;

  return (
    <div className="network-map">
      <div className="network-map-key">
        <h3 id={legendId} className="network-map-legend-title">
          {t('networks.map.legend')}
        </h3>
        <ul className="network-map-legend" aria-labelledby={legendId}>
          {(['place', 'organization'] as const)
            .filter((type) => counts[type] > 0)
            .map((type) => (
              <li key={type}>
                <Shape type={type} />
                <span>{t(`networks.map.${type}s`)}</span>{' '}
                <span className="network-map-legend-count">{format.number(counts[type])}</span>
              </li>
            ))}
        </ul>
      </div>
      {hasPins && (
        <>
          <a className="network-map-skip" href={`#${tableId}`}>
            {t('networks.map.skip')}
          </a>
          <section
            ref={frame}
            className="atlas-map small network-map-frame"
            aria-label={t('networks.map.label')}
          >
            <div ref={container} className="atlas-map-canvas" data-ready="false" data-testid="network-map" />
            {!map && !failed && <p className="atlas-map-status">{t('atlas.loading')}</p>}
            {failed && <p className="atlas-map-status">{t('event.map.unavailable')}</p>}
          </section>
        </>
      )}
      <p className="network-map-note">
        {unplaced > 0 && `${t('networks.map.unplaced', { count: unplaced })} `}
        {t('networks.map.listBelow')}
      </p>
      {holders.map((holder, index) => {
        const pin = pins[index];
        if (!pin) return null;
        return createPortal(
          <button
            type="button"
            className="network-marker"
            aria-label={markerLabel(pin.member)}
            onFocus={() => {
              reveal(pin);
              setShown({ index, by: 'focus' });
            }}
            onBlur={() => setShown((now) => (now?.by === 'focus' ? null : now))}
            onMouseEnter={() =>
              setShown((now) => (now?.by === 'click' && now.index === index ? now : { index, by: 'hover' }))
            }
            onMouseLeave={() => setShown((now) => (now?.by === 'hover' ? null : now))}
            onClick={() =>
              setShown((now) => (now?.by === 'click' && now.index === index ? null : { index, by: 'click' }))
            }
          >
            <Shape type={pin.member.type} />
          </button>,
          holder,
          String(pin.member.id),
        );
      })}
      {shownMember &&
        createPortal(
          <div className="network-popup-body">
            <strong>{memberName(shownMember)}</strong>
            <span className="network-popup-detail">
              {t(`networks.memberType.${shownMember.type}`)}
              {shownMember.country && ` · ${format.country(shownMember.country)}`}
            </span>
          </div>,
          popupNode,
        )}
    </div>
  );
}
