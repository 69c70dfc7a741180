import { whenStyled } from '../page-ready.ts';
import { type Camera, constrainCamera, defaultCamera, unproject } from './camera.ts';
import { type Countries, loadLand, paintFirstView } from './first-paint.ts';
import { memberPlaces, selectedTies, tieVertices } from './geometry.ts';
import { type Filters, fetchNetwork, type Network } from './network-data.ts';
import { readPalette } from './palette.ts';
import { placeVertices } from './place-index.ts';

/**
 * The atlas's first picture, before the app has loaded: this module is part of the page's entry (boot.ts), small
 * and without React, so that on the atlas ('/') every tie is painted on a canvas that covers the window as soon as
 * the network and the land are in (the page's head fetched them), while the app's code is still loading. Where
 * either fails, the picture goes without the land, or there is none and the app fetches the network again. The
 * header and the panels paint over it when they come; the map takes the picture over (AtlasMap) and MapLibre
 * replaces it later.
 */

/** The picture as painted: on a canvas that covers the window, with the camera of the window's centre. */
export interface EarlyPicture {
  canvas: HTMLCanvasElement;
  camera: Camera;
  network: Network;
  countries: Countries | undefined;
}

let network: Promise<Network> | undefined;
let land: Promise<unknown> | undefined;
let picture: Promise<EarlyPicture | undefined> | undefined;

const FILTER_KEYS = ['country', 'kind', 'status', 'decade'] as const;

/** The network, fetched as the page started; handed out once (later reads ask the API again). */
export function takeEarlyNetwork(): Promise<Network> | undefined {
  const result = network;
  network = undefined;
  return result;
}

/** The first picture, once painted, handed to the first map that asks (none on another page, or on a failure). */
export function takeEarlyPicture(): Promise<EarlyPicture | undefined> | undefined {
  const result = picture;
  picture = undefined;
  return result;
}

/**
 * Resolves once the first picture is on screen (painted, and the frame that shows it made: two animation frames
 * later) or has failed, at once where there is none, and after `timeout` ms at most.
 */
export function whenFirstPicture(timeout: number): Promise<void> {
  if (!picture) return Promise.resolve();
  const shown = picture.then(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  return Promise.race([shown, new Promise<void>((resolve) => setTimeout(resolve, timeout))]);
}

/** The camera of a view inside the window (a map below the header) that shows the picture where it is. */
export function cameraWithin(early: EarlyPicture, box: DOMRect): Camera {
  const centre = unproject(
    early.camera,
    window.innerWidth,
    window.innerHeight,
    box.left + box.width / 2,
    box.top + box.height / 2,
  );
  return { ...centre, zoom: early.camera.zoom };
}

/** Paints the picture again on its canvas (filters or theme changed before the map took over). */
export function repaintEarly(
  early: EarlyPicture,
  paint: Pick<Parameters<typeof paintFirstView>[1], 'vertices' | 'points' | 'selection' | 'wash'>,
): void {
  paintFirstView(early.canvas, {
    ...paint,
    camera: early.camera,
    width: window.innerWidth,
    height: window.innerHeight,
    countries: early.countries,
    palette: readPalette(document.documentElement),
  });
}

async function paintEarly(): Promise<EarlyPicture | undefined> {
  const params = new URLSearchParams(window.location.search);
  const filters: Filters = Object.fromEntries(
    FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined]).filter(([, value]) => value),
  );
  const selected = Number(params.get('place')) || undefined;
  const [lng, lat, zoom] = (params.get('view') ?? '').split(',').map(Number);
  const [data, countries] = await Promise.all([network!, loadLand(land).catch(() => undefined)]);
  // The canvas goes in the body, in the colours of the page's stylesheet (or the light ones, if it has not come in
  // a second).
  await whenStyled(1000);
  const [width, height] = [window.innerWidth, window.innerHeight];
  const wanted = [lng, lat, zoom].every((part) => part !== undefined && Number.isFinite(part))
    ? { lng: lng!, lat: lat!, zoom: zoom! }
    : defaultCamera(width);
  const camera = constrainCamera(wanted, height);
  const canvas = document.createElement('canvas');
  canvas.className = 'atlas-early-picture';
  canvas.setAttribute('aria-hidden', 'true');
  // Set here, not in atlas.css: that comes with the app, later.
  Object.assign(canvas.style, {
    position: 'fixed',
    inset: '0',
    zIndex: '-1',
    width: '100vw',
    height: '100vh',
  });
  document.body.append(canvas);
  const selection = selectedTies(data, filters, selected);
  paintFirstView(canvas, {
    camera,
    width,
    height,
    vertices: tieVertices(data, filters),
    points: placeVertices(data, memberPlaces(data)),
    selection,
    countries,
    palette: readPalette(document.documentElement),
    wash: true,
  });
  performance.mark('citybridge:ties-painted');
  return { canvas, camera, network: data, countries };
}

declare global {
  interface Window {
    /** The network's body, fetched and read by the inline script in index.html's head. */
    citybridgeNetwork?: Promise<ArrayBuffer>;
    /** The land's TopoJSON, fetched and parsed by the same script where the build gave its address. */
    citybridgeLand?: Promise<unknown>;
  }
}

if (typeof window !== 'undefined' && window.location.pathname === '/') {
  const started = window.citybridgeNetwork;
  land = window.citybridgeLand;
  window.citybridgeNetwork = undefined;
  window.citybridgeLand = undefined;
  network = fetchNetwork(started);
  picture = paintEarly().catch(() => undefined);
}
