import { describe, expect, it } from 'vitest';
import { Raster } from './raster.ts';

const TIE = '#1d4e89';
const PLACE = '#c2185b';

const blank = (width: number, height: number) =>
  new Raster({ width, height, tie: TIE, place: PLACE, placeAlpha: 0.75 });

/** The RGBA of pixel (x, y), without the raster's margin. */
const pixel = (raster: Raster, x: number, y: number) => {
  const index = ((y + 1) * raster.stride + x + 1) * 4;
  return [...raster.data.subarray(index, index + 4)];
};
/** Every pixel's alpha in view, row by row. */
const alphas = (raster: Raster) => {
  const result: number[][] = [];
  for (let y = 0; y < raster.height; y += 1) {
    const row: number[] = [];
    for (let x = 0; x < raster.width; x += 1) row.push(pixel(raster, x, y)[3]!);
    result.push(row);
  }
  return result;
};
/** The alpha in the margin, which the picture leaves out: nothing may be drawn only there. */
const marginAlphas = (raster: Raster) => {
  let sum = 0;
  for (let y = -1; y <= raster.height; y += 1)
    for (let x = -1; x <= raster.width; x += 1)
      if (y < 0 || x < 0 || y === raster.height || x === raster.width)
        sum += raster.data[((y + 1) * raster.stride + x + 1) * 4 + 3]!;
  return sum;
};

describe('the first picture’s raster', () => {
  it('draws a level line on the pixels under it, in the tie colour, and nothing elsewhere', () => {
    const raster = blank(8, 4);
    raster.lines(new Float32Array([0, 1.5, 8, 1.5]), 0.5);
    const rows = alphas(raster);
    expect(rows[1]).toEqual(Array(8).fill(128));
    expect(rows[0]!.concat(rows[2]!, rows[3]!).every((alpha) => alpha === 0)).toBe(true);
    expect(pixel(raster, 3, 1)).toEqual([0x1d, 0x4e, 0x89, 128]);
    // Untouched pixels are transparent.
    expect(pixel(raster, 3, 3)[3]).toBe(0);
  });

  it('shares a step between the two nearest pixels when the line runs between them', () => {
    const raster = blank(4, 4);
    // Between the centres of rows 1 and 2.
    raster.lines(new Float32Array([0, 2, 4, 2]), 1);
    const rows = alphas(raster);
    expect(rows[1]).toEqual([128, 128, 128, 128]);
    expect(rows[2]).toEqual([128, 128, 128, 128]);
  });

  it('walks steep lines down the rows, whichever way they are given', () => {
    const down = blank(4, 6);
    down.lines(new Float32Array([2.5, 0, 2.5, 6]), 1);
    const up = blank(4, 6);
    up.lines(new Float32Array([2.5, 6, 2.5, 0]), 1);
    expect(alphas(down).map((row) => row[2])).toEqual([255, 255, 255, 255, 255, 255]);
    expect(alphas(up)).toEqual(alphas(down));
    expect(alphas(down).every((row) => row[0] === 0 && row[1] === 0 && row[3] === 0)).toBe(true);
  });

  it('darkens where lines overlap, each laid over the others, towards opaque', () => {
    const raster = blank(4, 3);
    const once = new Float32Array([0, 1.5, 4, 1.5]);
    raster.lines(once, 0.1);
    const first = pixel(raster, 1, 1)[3]!;
    raster.lines(new Float32Array([...once, ...once, ...once]), 0.1);
    const fourth = pixel(raster, 1, 1)[3]!;
    expect(first).toBe(26);
    // 1 − 0.9⁴ of 255, give or take the rounding of each step.
    expect(Math.abs(fourth - 255 * (1 - 0.9 ** 4))).toBeLessThanOrEqual(2);
    const many = new Float32Array(Array.from({ length: 200 }, () => [...once]).flat());
    raster.lines(many, 0.1);
    // Within the rounding of a byte of opaque.
    expect(pixel(raster, 1, 1)[3]).toBeGreaterThanOrEqual(250);
  });

  it('draws only what is in view of lines that leave it or never enter it, and writes nowhere else', () => {
    const raster = blank(10, 10);
    raster.lines(
      new Float32Array([
        // Across the whole view and far beyond on both sides.
        -5000, 4.5, 5000, 4.5,
        // Steeply from above the view to below it.
        7.5, -300, 7.5, 300,
        // Wholly above, below, left of and right of the view.
        -50, -20, 60, -30, -50, 40, 60, 30, -20, -50, -30, 60, 40, -50, 30, 60,
        // Diagonally from far outside, through the corner pixel.
        -100, -100, 0.5, 0.5,
      ]),
      1,
    );
    const rows = alphas(raster);
    expect(rows[4]).toEqual(Array(10).fill(255));
    expect(rows.map((row) => row[7])).toEqual(Array(10).fill(255));
    expect(rows[0]![0]).toBe(255);
    const drawn = rows.flat().filter((alpha) => alpha > 0).length;
    // The level line, the steep one (less the pixel they share) and the corner.
    expect(drawn).toBe(10 + 9 + 1);
    expect(raster.data.length).toBe(12 * 12 * 4);
  });

  it('draws lines in the last row and the last column, and across the far edges', () => {
    const raster = blank(4, 4);
    raster.lines(new Float32Array([0, 3.7, 4, 3.7, 3.7, 0, 3.7, 4]), 1);
    const rows = alphas(raster);
    // 0.8 of the line's ink, 0.2 past the edge into the margin.
    expect(rows[3]!.slice(0, 3)).toEqual([204, 204, 204]);
    expect(rows.slice(0, 3).map((row) => row[3])).toEqual([204, 204, 204]);
    const crossing = blank(4, 4);
    // Leaves the view through its bottom right corner, through every pixel centre on the way.
    crossing.lines(new Float32Array([0.5, 0.5, 8.5, 8.5]), 1);
    expect([0, 1, 2, 3].map((step) => pixel(crossing, step, step)[3])).toEqual([255, 255, 255, 255]);
  });

  it('leaves out a line with an end that is not a finite number, and what it would have crossed stays', () => {
    const raster = blank(4, 4);
    raster.lines(new Float32Array([0, 0.5, 4, 0.5]), 1);
    raster.lines(new Float32Array([0, 0.5, Number.POSITIVE_INFINITY, 0.5, 0.5, 0, 0.5, Number.NaN]), 1);
    expect(alphas(raster)[0]).toEqual([255, 255, 255, 255]);
    expect(
      alphas(raster)
        .slice(1)
        .flat()
        .every((alpha) => alpha === 0),
    ).toBe(true);
  });

  it('blends dots over the ties in the place colour, with a soft edge, clipped to the view', () => {
    const raster = blank(10, 10);
    raster.lines(new Float32Array([0, 4.5, 10, 4.5]), 1);
    raster.discs(new Float32Array([5, 5, 2, -1, -1, 2]));
    // The centre is the place colour at its alpha over an opaque tie pixel: opaque, mostly the place colour.
    const [r, g, b, a] = pixel(raster, 4, 4);
    expect(a).toBe(255);
    // Each channel to the byte: ImageData rounds halves to even.
    expect(Math.abs(r! - (0xc2 * 0.75 + 0x1d * 0.25))).toBeLessThanOrEqual(0.5);
    expect(Math.abs(g! - (0x18 * 0.75 + 0x4e * 0.25))).toBeLessThanOrEqual(0.5);
    expect(Math.abs(b! - (0x5b * 0.75 + 0x89 * 0.25))).toBeLessThanOrEqual(0.5);
    // Over nothing, the dot's own colour at its alpha.
    expect(pixel(raster, 4, 5)).toEqual([0xc2, 0x18, 0x5b, 191]);
    // The edge is softer than the middle, and beyond the radius nothing is drawn.
    expect(pixel(raster, 5, 6)[3]!).toBeGreaterThan(0);
    expect(pixel(raster, 5, 6)[3]!).toBeLessThan(191);
    expect(pixel(raster, 5, 8)[3]).toBe(0);
    // The dot centred outside the corner shows only its part in view, and nothing lands in the margin.
    expect(pixel(raster, 0, 0)[3]!).toBeGreaterThan(0);
    expect(marginAlphas(raster)).toBe(0);
  });
});
