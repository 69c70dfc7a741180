import { useFormat } from '../../format.ts';
import { type Camera, constrainCamera, defaultCamera, fitCamera } from '../../map/camera.ts';
import MarkersMap, { type MapLine, type MapMarker, type MarkerLook } from '../../map/MarkersMap.tsx';
import { type LngLat, MIN_ZOOM, pointsBox } from '../../map/markers-map.ts';
import type { WorkspaceT } from '../texts.ts';

/** A place on the ways in: where it is, which ways (numbered from 1) it is on, and what it is to the search. */
export interface PlaceOnMap extends LngLat {
  id: number;
  name: string;
  paths: number[];
  role: 'target' | 'us' | 'via';
}

interface PlaceMarker extends MapMarker {
  place: PlaceOnMap;
  roleText: string;
}

const ROLES = ['us', 'via', 'target'] as const;

/** Each role has a shape of its own as well as a colour, so that colour is never the only cue. */
const LOOKS: Record<PlaceOnMap['role'], MarkerLook> = {
  us: { shape: 'square', kind: 'filled', path: 'M4 4H16V16H4Z', color: 'var(--cb-color-accent)' },
  via: {
    shape: 'dot',
    kind: 'filled',
    path: 'M10 3.5A6.5 6.5 0 1 1 9.99 3.5Z',
    color: 'var(--cb-color-text-muted)',
  },
  target: {
    shape: 'diamond',
    kind: 'filled',
    path: 'M10 2.5L17.5 10L10 17.5L2.5 10Z',
    color: 'var(--cb-color-danger)',
  },
};

/** The room kept round the places, in pixels (more on the right, where the zoom buttons stand), and how close the map may come. */
const MARGIN = 28;
const CONTROLS_MARGIN = 64;
const MAX_ZOOM = 7;

function pathsCamera(points: readonly LngLat[], width: number, height: number): Camera {
  const box = pointsBox(points);
  if (!box) return constrainCamera(defaultCamera(width), height);
  const insets = { top: MARGIN, right: CONTROLS_MARGIN, bottom: MARGIN, left: MARGIN };
  const fitted = fitCamera(box, width, height, { insets, maxZoom: MAX_ZOOM });
  return constrainCamera({ ...fitted, zoom: Math.max(fitted.zoom, MIN_ZOOM) }, height);
}

/**
 * The places on the ways in as markers, shaped by what they are to the search (us, on the way, the target), each
 * named with the numbers of the ways it is on. The list of ways above the map is its text alternative.
 */
export default function DoorOpenerMap(props: { t: WorkspaceT; places: PlaceOnMap[]; lines: MapLine[] }) {
  const { t, places, lines } = props;
  const format = useFormat();
  const markers: PlaceMarker[] = places.map((place) => {
    const roleText = t(`doorOpener.roles.${place.role}`);
    return {
      key: String(place.id),
      lat: place.lat,
      lng: place.lng,
      label: t('doorOpener.marker', {
        name: place.name,
        role: roleText,
        paths: new Intl.ListFormat(format.language).format(
          place.paths.map((number) => format.number(number)),
        ),
      }),
      look: LOOKS[place.role],
      layer: place.role === 'via' ? 1 : 2,
      data: { 'data-role': place.role },
      place,
      roleText,
    };
  });
  return (
    <MarkersMap
      name="do"
      testId="door-opener-map"
      markers={markers}
      lines={lines}
      camera={pathsCamera}
      legend={{
        title: t('doorOpener.legend'),
        entries: ROLES.map((role) => ({
          key: role,
          label: t(`doorOpener.roles.${role}`),
          count: places.filter((place) => place.role === role).length,
          look: LOOKS[role],
        })),
      }}
      note={t('doorOpener.mapNote')}
      popup={({ place, roleText }) => (
        <>
          <strong>{place.name}</strong>
          <span>{roleText}</span>
        </>
      )}
      texts={{
        label: t('doorOpener.mapLabel'),
        canvas: t('doorOpener.mapCanvas'),
        loading: t('doorOpener.mapLoading'),
        unavailable: t('doorOpener.mapUnavailable'),
        zoomIn: t('doorOpener.zoomIn'),
        zoomOut: t('doorOpener.zoomOut'),
        ctrlScroll: t('doorOpener.ctrlScroll'),
        cmdScroll: t('doorOpener.cmdScroll'),
        twoFingers: t('doorOpener.twoFingers'),
      }}
    />
  );
}
