import type { Map as MapLibreMap, Popup } from 'maplibre-gl';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { INVITATION_STATUSES } from '../../../src/contract.ts';
import { type InvitationItem, type InvitationStatus, useInvitations } from '../api/events.ts';
import { usePlaceName } from '../api/places.ts';
import { useSettings } from '../api/settings.ts';
import { useFormat } from '../format.ts';
import { baseMap, loadMapLibre, offlineStyle } from '../map/load.ts';
import { NetworkLayer } from '../map/network-layer.ts';
import { type MapPalette, readPalette, rgba } from '../map/palette.ts';
import { useThemeChanges } from '../map/theme-changes.ts';
import { inviteesCamera, type LngLat, MIN_ZOOM, markerStyle, spreadOffsets } from './InviteesMap.model.ts';
import '../atlas.css';
import './InviteesMapView.css';

/** An invitee on the map: where it stands, and how far its marker is moved from there to be seen beside others. */
interface Pin extends LngLat {
  item: InvitationItem;
  offset: [number, number];
}

/** The offline base map's land and borders in a palette, premultiplied; it draws no ties and no places. */
const landColors = (palette: MapPalette) => ({
  tie: [0, 0, 0, 0],
  place: [0, 0, 0, 0],
  land: rgba(palette.land),
  border: rgba(palette.border),
});

/** An answer's marker shape: outlined in the surface's colour, so that it stands out on land and sea alike. */
function Shape({ status }: { status: InvitationStatus }) {
  const style = markerStyle(status);
  return (
    <svg
      className={`invitee-shape invitee-shape-${style.kind} invitee-status-${status}`}
      data-shape={style.shape}
      viewBox="0 0 20 20"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path className="invitee-shape-halo" d={style.path} />
      <path className="invitee-shape-mark" d={style.path} />
    </svg>
  );
}

/** The gap between a marker and its popup, in pixels. */
const POPUP_GAP = 14;

/** A popup's offset for each of its anchors, for a marker drawn `dx`, `dy` pixels from its spot. */
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

/** How long a popup shown by the pointer stays after the pointer leaves it, so that it can be moved onto the popup. */
const HOVER_GRACE_MS = 250;

/**
 * The map of an event's invitees, each marked by its answer with a shape and a colour of its own, fitted to show all
 * of them; a legend with the count of each answer; and a way past the map to the list of invitees, which is its text
 * alternative. Focusing, pointing at or clicking a marker shows the invitee's name and answer.
 */
export default function InviteesMapView({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const invitations = useInvitations(eventId);
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
  const noteId = 'invitees-list';

  const data = invitations.data;
  const items = data?.items;
  const pins = useMemo<Pin[]>(() => {
    const located = (items ?? []).flatMap((item) => {
      const location = item.invitee.location;
      return location ? [{ item, lng: location.lng, lat: location.lat }] : [];
    });
    const offsets = spreadOffsets(located);
    return located.map((pin, index) => ({ ...pin, offset: offsets[index]! }));
  }, [items]);
  // The markers stay while only the answers change; new places make new markers.
  const placesKey = pins.map((pin) => `${pin.item.id}:${pin.lng},${pin.lat}`).join(';');
  const hasPins = pins.length > 0;
  const styleUrl = settings.data?.mapStyleUrl;
  const settingsLoaded = settings.data !== undefined;

  // The map, once: MapLibre (loaded now, or already loaded by the atlas) with the offline base map or the
  // deployment's own style, looking at every invitee.
  // biome-ignore lint/correctness/useExhaustiveDependencies: created once; the markers, texts and colours follow in the effects below
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
        className: 'invitees-popup',
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

  // A marker for every invitee with a location: an element MapLibre places, into which React renders the button.
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
      setShown(null);
    };
  }, [map, placesKey]);

  // Which marker lies over which where they overlap: those who came on top.
  useEffect(() => {
    for (const [index, holder] of holders.entries()) {
      const pin = pins[index];
      if (pin) holder.style.setProperty('--invitees-pin-layer', String(markerStyle(pin.item.status).layer));
    }
  }, [holders, pins]);

  // MapLibre's own words (its zoom buttons, the hint to zoom with Ctrl + wheel) in the interface language.
  useEffect(() => {
    if (!map) return;
    const container = map.getContainer();
    const canvas = map.getCanvas();
    canvas.setAttribute('aria-label', t('event.map.canvas'));
    canvas.setAttribute('role', 'img');
    for (const [selector, text] of [
      ['.maplibregl-ctrl-zoom-in', t('event.map.zoomIn')],
      ['.maplibregl-ctrl-zoom-out', t('event.map.zoomOut')],
    ] as const) {
      const button = container.querySelector(selector);
      button?.setAttribute('aria-label', text);
      button?.setAttribute('title', text);
    }
    const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
    const desktop = container.querySelector('.maplibregl-desktop-message');
    if (desktop) desktop.textContent = t(isMac ? 'event.map.cmdScroll' : 'event.map.ctrlScroll');
    const mobile = container.querySelector('.maplibregl-mobile-message');
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

  // The popup of the marker shown, next to it.
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
      if (!(target instanceof Element) || !target.closest('.invitees-pin')) setShown(null);
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

  if (!data || data.items.length === 0) return null;

  const inviteeName = (item: InvitationItem) =>
    item.invitee.type === 'place' ? placeName(item.invitee.id, item.invitee.name) : item.invitee.name;
  const markerLabel = (item: InvitationItem) => {
    const status = t(`event.invitation.${item.status}`);
    const name = inviteeName(item);
    return item.invitee.country
      ? t('event.map.markerCountry', { name, country: format.country(item.invitee.country), status })
      : t('event.map.marker', { name, status });
  };
  const keepHover = () => clearTimeout(hoverTimer.current);
  const leaveHover = () => {
    clearTimeout(hoverTimer.current);
    hoverTimer.current = setTimeout(
      () => setShown((current) => (current?.by === 'hover' ? null : current)),
      HOVER_GRACE_MS,
    );
  };
  /** Brings a marker focused from the keyboard into view, when the map has been moved away from it. */
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

  const unplaced = data.items.length - pins.length;
  const shownItem = shownPin?.item;

  return (
    <div className="invitees-map">
      <div className="invitees-map-key">
        <h3 id={legendId} className="invitees-map-legend-title">
          {t('event.map.legend')}
        </h3>
        <ul className="invitees-map-legend" aria-labelledby={legendId}>
          {INVITATION_STATUSES.map((status) => (
            <li key={status} data-status={status}>
              <Shape status={status} />
              <span className="invitees-map-legend-label">{t(`event.invitation.${status}`)}</span>{' '}
              <span className="invitees-map-legend-count">
                {format.number(data.summary.byStatus[status])}
              </span>
            </li>
          ))}
        </ul>
      </div>
      {hasPins && (
        <>
          <a className="invitees-map-skip" href={`#${noteId}`}>
            {t('event.map.skip')}
          </a>
          <section
            ref={frame}
            className="atlas-map small invitees-map-frame"
            aria-label={t('event.map.label')}
            aria-describedby={noteId}
          >
            <div ref={container} className="atlas-map-canvas" data-ready="false" data-testid="invitees-map" />
            {!map && !failed && <p className="atlas-map-status">{t('atlas.loading')}</p>}
            {failed && <p className="atlas-map-status">{t('event.map.unavailable')}</p>}
          </section>
        </>
      )}
      <p id={noteId} tabIndex={-1} className="invitees-map-note">
        {unplaced > 0 && `${t('event.map.unplaced', { count: unplaced })} `}
        {t('event.map.listBelow')}
      </p>
      {holders.map((holder, index) => {
        const pin = pins[index];
        if (!pin) return null;
        const status = pin.item.status;
        return createPortal(
          <button
            type="button"
            className="invitees-marker"
            aria-label={markerLabel(pin.item)}
            data-status={status}
            onFocus={() => {
              reveal(pin);
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
            <Shape status={status} />
          </button>,
          holder,
          String(pin.item.id),
        );
      })}
      {shownItem &&
        createPortal(
          // biome-ignore lint/a11y/noStaticElementInteractions: the pointer may rest on the popup; it says what its marker's name says
          <div className="invitees-popup-body" onMouseEnter={keepHover} onMouseLeave={leaveHover}>
            <strong>{inviteeName(shownItem)}</strong>
            {shownItem.invitee.country && (
              <span className="invitees-popup-country">{format.country(shownItem.invitee.country)}</span>
            )}
            <span className="invitees-popup-status">
              <Shape status={shownItem.status} />
              {t(`event.invitation.${shownItem.status}`)}
            </span>
          </div>,
          popupNode,
        )}
    </div>
  );
}
