/** Longitude/latitude to Web Mercator in 0..1 (MapLibre's world space). */
export function mercator(lng: number, lat: number): [number, number] {
  return [mercatorX(lng), mercatorY(lat)];
}

/** A longitude's Web Mercator x in 0..1. */
export const mercatorX = (lng: number): number => (lng + 180) / 360;

/** A latitude's Web Mercator y in 0..1 (north at 0), clamped to the map's ±85.05°. */
export function mercatorY(lat: number): number {
  const clamped = Math.max(-85.05, Math.min(85.05, lat));
  return 0.5 - Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)) / (2 * Math.PI);
}

/** Where the map looks: its centre and zoom, as MapLibre has them (512-pixel tiles, Web Mercator). */
export interface Camera {
  lng: number;
  lat: number;
  zoom: number;
}

const TILE_SIZE = 512;

export const worldSize = (zoom: number) => TILE_SIZE * 2 ** zoom;

/** Web Mercator y in 0..1 back to a latitude. */
const latitude = (y: number) => (360 / Math.PI) * Math.atan(Math.exp((0.5 - y) * 2 * Math.PI)) - 90;

/**
 * The camera as MapLibre would constrain it on a map of this size with world copies: never zoomed out so far that
 * the world is shorter than the view, never looking past the poles. The ties painted before MapLibre loads then
 * lie exactly where MapLibre draws them.
 */
export function constrainCamera(camera: Camera, height: number): Camera {
  const zoom = Math.max(camera.zoom, Math.log2(Math.max(1, height) / TILE_SIZE), 0);
  const size = worldSize(zoom);
  const [, y] = mercator(camera.lng, camera.lat);
  const clamped = Math.min(Math.max(y * size, height / 2), size - height / 2) / size;
  return { lng: camera.lng, lat: latitude(clamped), zoom };
}

/** The world at a glance: the whole width of the world on a wide screen, Europe and its neighbours on a phone. */
export function defaultCamera(width: number): Camera {
  return { lng: 15, lat: 30, zoom: Math.max(0, Math.min(1.2, Math.log2(width / TILE_SIZE) - 0.1)) };
}

/** Room kept free around what a camera fits: for the map's margin and the panels floating over it. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The camera that shows a box (west, south, east, north in degrees; east may pass 180) inside the insets. */
export function fitCamera(
  [[west, south], [east, north]]: [[number, number], [number, number]],
  width: number,
  height: number,
  options: { insets: Insets; maxZoom: number },
): Camera {
  const { top, right, bottom, left } = options.insets;
  const [x0, y0] = mercator(west, north);
  const [x1, y1] = mercator(east, south);
  const spanX = Math.max(x1 - x0, 1e-9) * TILE_SIZE;
  const spanY = Math.max(y1 - y0, 1e-9) * TILE_SIZE;
  const scale = Math.min(
    Math.max(1, width - left - right) / spanX,
    Math.max(1, height - top - bottom) / spanY,
  );
  const zoom = Math.min(options.maxZoom, Math.log2(scale));
  const size = worldSize(zoom);
  // The box's centre goes to the centre of the free room, not of the whole view.
  const x = (x0 + x1) / 2 - (left - right) / 2 / size;
  const y = (y0 + y1) / 2 - (top - bottom) / 2 / size;
  return { lng: x * 360 - 180, lat: latitude(y), zoom };
}

/** A point of a view of the given size back to longitude, latitude (the inverse of projector). */
export function unproject(camera: Camera, width: number, height: number, px: number, py: number) {
  const size = worldSize(camera.zoom);
  const [cx, cy] = mercator(camera.lng, camera.lat);
  const x = cx + (px - width / 2) / size;
  const y = cy + (py - height / 2) / size;
  return { lng: ((((x * 360) % 360) + 360) % 360) - 180, lat: latitude(y) };
}

/** Mercator units (0..1 across the world) to pixels of a view of the given size. */
export function projector(camera: Camera, width: number, height: number) {
  const size = worldSize(camera.zoom);
  const [cx, cy] = mercator(camera.lng, camera.lat);
  return {
    size,
    x: (mx: number) => (mx - cx) * size + width / 2,
    y: (my: number) => (my - cy) * size + height / 2,
    /** The world copies (whole-world offsets) that show in the view. */
    copies: (): number[] => {
      const left = cx - width / 2 / size;
      const right = cx + width / 2 / size;
      const result: number[] = [];
      // Ties drawn the short way round reach up to half a world past either edge.
      for (let copy = Math.floor(left - 0.5); copy <= Math.floor(right + 0.5); copy += 1) result.push(copy);
      return result;
    },
  };
}
