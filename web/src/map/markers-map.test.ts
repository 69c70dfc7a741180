import { describe, expect, it } from 'vitest';
import {
  isNearEdge,
  landColors,
  POPUP_GAP,
  placesKey,
  pointsBox,
  popupOffsets,
  spreadOffsets,
} from './markers-map.ts';
import { readPalette } from './palette.ts';

describe('the box of the markers', () => {
  it('is nothing for no markers, and a point for one', () => {
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

describe('a marker’s popup', () => {
  it('keeps its gap from a marker on its spot, on whichever side it opens', () => {
    const offsets = popupOffsets([0, 0]);
    expect(offsets.center).toEqual([0, 0]);
    expect(offsets.top).toEqual([0, POPUP_GAP]);
    expect(offsets.bottom).toEqual([0, -POPUP_GAP]);
    expect(offsets.left).toEqual([POPUP_GAP, 0]);
    expect(offsets.right).toEqual([-POPUP_GAP, 0]);
    // On a diagonal about as far as straight out.
    const [x, y] = offsets['bottom-right'];
    expect(Math.hypot(x, y)).toBeGreaterThan(POPUP_GAP - 1);
    expect(Math.hypot(x, y)).toBeLessThan(POPUP_GAP + 1);
    expect(offsets['top-left']).toEqual([-x, -y]);
  });

  it('follows a marker moved off its spot, so that it points at the marker and not at the spot', () => {
    const moved = popupOffsets([11, -6], 10);
    expect(moved.center).toEqual([11, -6]);
    expect(moved.top).toEqual([11, 4]);
    expect(moved.right).toEqual([1, -6]);
    expect(moved['top-right']).toEqual([4, 1]);
  });
});

describe('a marker focused from the keyboard', () => {
  it('is brought into view when it lies beyond the map’s edge or too near it, and left where it is inside', () => {
    expect(isNearEdge({ x: 200, y: 150 }, 400, 300)).toBe(false);
    expect(isNearEdge({ x: 16, y: 16 }, 400, 300)).toBe(false);
    expect(isNearEdge({ x: 384, y: 284 }, 400, 300)).toBe(false);
    expect(isNearEdge({ x: 15, y: 150 }, 400, 300)).toBe(true);
    expect(isNearEdge({ x: 200, y: 285 }, 400, 300)).toBe(true);
    expect(isNearEdge({ x: -500, y: 150 }, 400, 300)).toBe(true);
    expect(isNearEdge({ x: 200, y: 900 }, 400, 300)).toBe(true);
    expect(isNearEdge({ x: 30, y: 150 }, 400, 300, 40)).toBe(true);
  });
});

describe('the markers’ places', () => {
  it('change their key when a marker comes, goes or moves, and not otherwise', () => {
    const espoo = { key: '1', lng: 24.65, lat: 60.2 };
    const helsinki = { key: '2', lng: 24.94, lat: 60.17 };
    const key = placesKey([espoo, helsinki]);
    expect(placesKey([{ ...espoo }, { ...helsinki }])).toBe(key);
    expect(placesKey([espoo])).not.toBe(key);
    expect(placesKey([espoo, helsinki, { key: '3', lng: 22.27, lat: 60.45 }])).not.toBe(key);
    expect(placesKey([espoo, { ...helsinki, lat: 60.18 }])).not.toBe(key);
    // The same places for other members are other markers.
    expect(placesKey([espoo, { ...helsinki, key: '4' }])).not.toBe(key);
    expect(placesKey([])).toBe('');
  });
});

describe('the offline base map', () => {
  it('draws land, borders and the lines between places in the palette’s colours, and no dots', () => {
    const colors = landColors({ ...readPalette(null), land: '#ff0000', border: '#000080', tie: '#00ff00' });
    expect(colors.tie).toEqual([0, 0.9, 0, 0.9]);
    expect(colors.place).toEqual([0, 0, 0, 0]);
    expect(colors.land).toEqual([1, 0, 0, 1]);
    expect(colors.border).toEqual([0, 0, 128 / 255, 1]);
  });
});
