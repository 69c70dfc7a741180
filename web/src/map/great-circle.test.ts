import { describe, expect, it } from 'vitest';
import { greatCircle } from './great-circle.ts';

describe('greatCircle', () => {
  it('runs from one point to the other along the great circle', () => {
    const line = greatCircle({ lat: 60.21, lng: 24.66 }, { lat: 31.23, lng: 121.47 }, 10);
    expect(line).toHaveLength(11);
    expect(line[0]![0]).toBeCloseTo(24.66, 6);
    expect(line[0]![1]).toBeCloseTo(60.21, 6);
    expect(line[10]![0]).toBeCloseTo(121.47, 6);
    expect(line[10]![1]).toBeCloseTo(31.23, 6);
    // Espoo to Shanghai bends north of both ends, over Siberia.
    expect(Math.max(...line.map(([, lat]) => lat))).toBeGreaterThan(60.21);
  });

  it('takes the short way across the antimeridian without wrapping', () => {
    const line = greatCircle({ lat: 35.68, lng: 139.69 }, { lat: 37.77, lng: -122.42 }, 16);
    const longitudes = line.map(([lng]) => lng);
    for (let index = 1; index < longitudes.length; index += 1)
      expect(Math.abs(longitudes[index]! - longitudes[index - 1]!)).toBeLessThan(20);
    expect(longitudes.at(-1)).toBeCloseTo(-122.42 + 360, 6);
  });

  it('is a point for a point', () => {
    expect(greatCircle({ lat: 1, lng: 2 }, { lat: 1, lng: 2 }, 2)).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
    ]);
  });
});
