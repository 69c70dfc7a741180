import { describe, expect, it } from 'vitest';
import { greatCircle, splitAtAntimeridian } from './great-circle.ts';

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

  it('is cut at the antimeridian into parts within ±180°, as GeoJSON asks', () => {
    const line = greatCircle({ lat: 35.68, lng: 139.69 }, { lat: 37.77, lng: -122.42 }, 16);
    const parts = splitAtAntimeridian(line);
    expect(parts).toHaveLength(2);
    for (const part of parts) for (const [lng] of part) expect(Math.abs(lng)).toBeLessThanOrEqual(180);
    expect(parts[0]!.at(-1)![0]).toBe(180);
    expect(parts[1]![0]![0]).toBe(-180);
    expect(parts[0]!.at(-1)![1]).toBeCloseTo(parts[1]![0]![1], 9);
    expect(parts[1]!.at(-1)![0]).toBeCloseTo(-122.42, 6);
    // Westward, and a line that stays on one side, too.
    const west = splitAtAntimeridian(
      greatCircle({ lat: -36.85, lng: 174.76 }, { lat: 21.31, lng: -157.86 }, 8),
    );
    expect(west.map((part) => Math.sign(part[0]![0]))).toEqual([1, -1]);
    const back = splitAtAntimeridian(
      greatCircle({ lat: 21.31, lng: -157.86 }, { lat: -36.85, lng: 174.76 }, 8),
    );
    expect(back[0]!.at(-1)![0]).toBe(-180);
    expect(back[1]![0]![0]).toBe(180);
    expect(
      splitAtAntimeridian(greatCircle({ lat: 60.21, lng: 24.66 }, { lat: 31.23, lng: 121.47 }, 4)),
    ).toHaveLength(1);
  });
});
