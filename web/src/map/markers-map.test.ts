import { describe, expect, it } from 'vitest';
import { isNearEdge, landColors, POPUP_GAP, placesKey, popupOffsets } from './markers-map.ts';
import { readPalette } from './palette.ts';

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
  it('draws land and borders in the palette’s colours, and no ties or places', () => {
    const colors = landColors({ ...readPalette(null), land: '#ff0000', border: '#000080' });
    expect(colors.tie).toEqual([0, 0, 0, 0]);
    expect(colors.place).toEqual([0, 0, 0, 0]);
    expect(colors.land).toEqual([1, 0, 0, 1]);
    expect(colors.border).toEqual([0, 0, 128 / 255, 1]);
  });
});
