import { describe, expect, it } from 'vitest';
import { INVITATION_STATUSES } from '../../../src/contract.ts';
import { mercator } from '../map/camera.ts';
import { inviteesCamera, markerStyle } from './InviteesMap.model.ts';

describe('markers', () => {
  it('gives every answer a shape of its own, so that colour is never the only cue', () => {
    const styles = INVITATION_STATUSES.map(markerStyle);
    expect(new Set(styles.map((style) => style.shape)).size).toBe(INVITATION_STATUSES.length);
    expect(new Set(styles.map((style) => style.path)).size).toBe(INVITATION_STATUSES.length);
    expect(markerStyle('attended').shape).toBe('star');
    expect(markerStyle('declined')).toMatchObject({ shape: 'cross', kind: 'strokes' });
  });

  it('lays those who came over the others, and those who declined beneath', () => {
    const layers = INVITATION_STATUSES.map((status) => markerStyle(status).layer);
    expect(new Set(layers).size).toBe(layers.length);
    expect(Math.max(...layers)).toBe(markerStyle('attended').layer);
    expect(Math.min(...layers)).toBe(markerStyle('declined').layer);
  });

  it('draws every shape inside its 20 × 20 box', () => {
    for (const status of INVITATION_STATUSES) {
      const numbers = markerStyle(status)
        .path.match(/-?\d+(\.\d+)?/g)!
        .map(Number);
      // Absolute coordinates, and the circles' relative arcs: all within the box.
      for (const value of numbers) expect(Math.abs(value), status).toBeLessThanOrEqual(20);
    }
  });
});

describe('the view of the invitees', () => {
  const shown = (
    camera: { lng: number; lat: number; zoom: number },
    width: number,
    point: [number, number],
  ) => {
    const size = 512 * 2 ** camera.zoom;
    const [cx] = mercator(camera.lng, camera.lat);
    const [x] = mercator(...point);
    // The nearest copy of the world.
    const dx = ((((x - cx) % 1) + 1.5) % 1) - 0.5;
    return Math.abs(dx * size) <= width / 2;
  };

  it('shows every invitee of one region, not zoomed past the surroundings of a town', () => {
    const points = [
      { lng: 24.65, lat: 60.2 },
      { lng: 24.94, lat: 60.17 },
    ];
    const camera = inviteesCamera(points, 800, 360);
    expect(camera.zoom).toBeLessThanOrEqual(4);
    for (const point of points) expect(shown(camera, 800, [point.lng, point.lat])).toBe(true);
  });

  it('centres a box across the antimeridian on the Pacific', () => {
    const camera = inviteesCamera(
      [
        { lng: 139.69, lat: 35.69 },
        { lng: -123.12, lat: 49.28 },
      ],
      800,
      360,
    );
    expect(Math.abs(camera.lng)).toBeGreaterThan(150);
    expect(shown(camera, 800, [139.69, 35.69])).toBe(true);
    expect(shown(camera, 800, [-123.12, 49.28])).toBe(true);
  });

  it('shows the world for partners all over it, and the world at a glance for none', () => {
    const world = inviteesCamera(
      [
        { lng: -87.63, lat: 41.88 },
        { lng: -58.38, lat: -34.6 },
        { lng: 55.27, lat: 25.2 },
        { lng: 135.5, lat: 34.69 },
      ],
      900,
      360,
    );
    expect(world.zoom).toBeLessThan(1.5);
    expect(inviteesCamera([], 900, 360).zoom).toBeLessThan(1.5);
  });

  it("zooms out past the usual floor on a phone's narrow map, to show partners all round the world", () => {
    const points = [
      { lng: -123.12, lat: 49.28 }, // Vancouver
      { lng: -58.38, lat: -34.6 }, // Buenos Aires
      { lng: 24.65, lat: 60.2 }, // Espoo
      { lng: 174.76, lat: -36.85 }, // Auckland
    ];
    const camera = inviteesCamera(points, 343, 256);
    expect(camera.zoom).toBeLessThan(0);
    // Never so far that the world is shorter than the map.
    expect(512 * 2 ** camera.zoom).toBeGreaterThanOrEqual(256 - 1e-6);
    for (const point of points)
      expect(shown(camera, 343, [point.lng, point.lat]), String(point.lng)).toBe(true);
  });

  it('never looks past the poles', () => {
    const camera = inviteesCamera(
      [
        { lng: -100, lat: 80 },
        { lng: 80, lat: 80 },
      ],
      800,
      360,
    );
    const size = 512 * 2 ** camera.zoom;
    const [, y] = mercator(camera.lng, camera.lat);
    expect(y * size).toBeGreaterThanOrEqual(180 - 1e-6);
  });
});
