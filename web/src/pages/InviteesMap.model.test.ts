import { describe, expect, it } from 'vitest';
import { INVITATION_STATUSES } from '../../../src/contract.ts';
import { mercator } from '../map/camera.ts';
import { inviteesCamera, markerStyle, pointsBox, spreadOffsets } from './InviteesMap.model.ts';

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

describe('the box of the invitees', () => {
  it('is nothing for no invitees, and a point for one', () => {
    expect(pointsBox([])).toBeUndefined();
    expect(pointsBox([{ lng: 24.65, lat: 60.2 }])).toEqual([
      [24.65, 60.2],
      [24.65, 60.2],
    ]);
  });

  it('spans the places of one continent directly', () => {
    const box = pointsBox([
      { lng: 24.65, lat: 60.2 }, // Espoo
      { lng: -0.13, lat: 51.51 }, // London
      { lng: 19.04, lat: 47.5 }, // Budapest
    ]);
    expect(box).toEqual([
      [-0.13, 47.5],
      [24.65, 60.2],
    ]);
  });

  it('crosses the antimeridian when that is the shorter way round', () => {
    const box = pointsBox([
      { lng: 139.69, lat: 35.69 }, // Tokyo
      { lng: 174.76, lat: -36.85 }, // Auckland
      { lng: -123.12, lat: 49.28 }, // Vancouver
    ])!;
    expect(box[0][0]).toBe(139.69);
    expect(box[1][0]).toBeCloseTo(-123.12 + 360);
    expect(box[0][1]).toBe(-36.85);
    expect(box[1][1]).toBe(49.28);
  });

  it('goes round the world for partners all over it, leaving out the widest ocean', () => {
    const box = pointsBox([
      { lng: -87.63, lat: 41.88 }, // Chicago
      { lng: -58.38, lat: -34.6 }, // Buenos Aires
      { lng: -61.52, lat: 10.67 }, // Port of Spain
      { lng: -0.13, lat: 51.51 }, // London
      { lng: 55.27, lat: 25.2 }, // Dubai
      { lng: 104.92, lat: 11.56 }, // Phnom Penh
      { lng: 135.5, lat: 34.69 }, // Osaka
    ])!;
    // The Pacific, from Osaka east to Chicago, is the widest gap.
    expect(box[0][0]).toBe(-87.63);
    expect(box[1][0]).toBe(135.5);
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

describe('markers on one spot', () => {
  it('leaves a marker alone on its spot where it is, and rings those that share one', () => {
    const offsets = spreadOffsets([
      { lng: 121.47, lat: 31.23 },
      { lng: 24.65, lat: 60.2 },
      { lng: 121.47, lat: 31.23 },
      { lng: 121.47, lat: 31.23 },
    ]);
    expect(offsets[1]).toEqual([0, 0]);
    const ring = [offsets[0]!, offsets[2]!, offsets[3]!];
    expect(new Set(ring.map((offset) => offset.join())).size).toBe(3);
    for (const [x, y] of ring) expect(Math.hypot(x, y)).toBeGreaterThanOrEqual(10);
  });
});
