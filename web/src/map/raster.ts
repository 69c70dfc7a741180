/**
 * A small software rasteriser for the atlas's first picture: every tie (an antialiased hairline) and every place's
 * dot drawn straight into the bytes of one image, which the picture then draws over its land. A 2D canvas records
 * each of the world's tens of thousands of segments and rasterises them again when it makes the frame, which with
 * software rendering costs more than everything else the first picture does; here each segment costs a pass over
 * the pixels it crosses in view, and where ties overlap they darken, as they do on the WebGL map.
 *
 * The image has a margin of one pixel on every side, so that a line's two pixels at the edge of the view need no
 * test of their own: pixel (x, y) is at (y + 1) × stride + x + 1, and the picture puts the image one pixel up and
 * to the left, without its margin.
 */
import { channels } from './palette.ts';

export interface RasterOptions {
  /** The image's size in pixels. */
  width: number;
  height: number;
  /** The ties' colour, #rrggbb. */
  tie: string;
  /** The dots' colour, #rrggbb, and alpha. */
  place: string;
  placeAlpha: number;
}

export class Raster {
  /** The image's width with its margin. */
  readonly stride: number;
  /**
   * RGBA, not premultiplied (as ImageData holds it), with the margin: ties are the tie colour with an alpha that
   * grows where they overlap, up to opaque; dots are blended over them.
   */
  readonly data: Uint8ClampedArray<ArrayBuffer>;
  private readonly placeColour: [number, number, number];

  readonly width: number;
  readonly height: number;
  private readonly placeAlpha: number;

  constructor(options: RasterOptions) {
    this.width = options.width;
    this.height = options.height;
    this.placeAlpha = options.placeAlpha;
    this.placeColour = channels(options.place);
    this.stride = this.width + 2;
    this.data = new Uint8ClampedArray(this.stride * (this.height + 2) * 4);
    const [r, g, b] = channels(options.tie);
    // Every pixel starts as the tie colour, transparent: a tie then adds only alpha. Written a pixel at a time in
    // the platform's order, little-endian on every platform a browser runs on.
    new Uint32Array(this.data.buffer).fill((b << 16) | (g << 8) | r);
  }

  /**
   * Adds hairlines, `segments` holding each one's ends in pixels as [x0, y0, x1, y1, …], each with the alpha
   * `strength` (0..1) laid over what is there (Xiaolin Wu's line: each step shares it between the two pixels
   * nearest the line, so that where lines overlap they darken as on the WebGL map). Only the part of a line in view
   * is walked; a line with an end that is not a finite number is left out. One call for all the lines: a long loop
   * that the engine optimises while it runs.
   */
  lines(segments: Float32Array, strength: number): void {
    const { data, width, height } = this;
    const row = this.stride * 4;
    for (let segment = 0; segment + 3 < segments.length; segment += 4) {
      // Pixel centres are at half-pixels.
      const x0 = segments[segment]! - 0.5;
      const y0 = segments[segment + 1]! - 0.5;
      const x1 = segments[segment + 2]! - 0.5;
      const y1 = segments[segment + 3]! - 0.5;
      if (!Number.isFinite(x0 + y0 + x1 + y1)) continue;
      const steep = Math.abs(y1 - y0) > Math.abs(x1 - x0);
      // Walk along the longer axis (a: major, b: minor), from the lower end.
      const forwards = steep ? y0 <= y1 : x0 <= x1;
      const a0 = steep ? (forwards ? y0 : y1) : forwards ? x0 : x1;
      const a1 = steep ? (forwards ? y1 : y0) : forwards ? x1 : x0;
      const b0 = steep ? (forwards ? x0 : x1) : forwards ? y0 : y1;
      const b1 = steep ? (forwards ? x1 : x0) : forwards ? y1 : y0;
      const major = steep ? height : width;
      const minor = steep ? width : height;
      const gradient = a1 > a0 ? (b1 - b0) / (a1 - a0) : 0;
      let start = Math.max(0, Math.ceil(a0));
      let end = Math.min(major - 1, Math.floor(a1));
      // Only where one of the line's two pixels is in view: from -1 up to the last row (or column) and its share.
      if (gradient !== 0) {
        const enter = a0 + (-1 - b0) / gradient;
        const leave = a0 + (minor - b0) / gradient;
        start = Math.max(start, Math.ceil(Math.min(enter, leave)));
        end = Math.min(end, Math.floor(Math.max(enter, leave)));
      } else if (b0 < -1 || b0 >= minor) continue;
      // From one pixel of a step to the other, in bytes: the next column of a row, or the next row.
      const across = steep ? 4 : row;
      const along = steep ? row : 4;
      let b = b0 + gradient * (start - a0);
      for (let a = start; a <= end; a += 1, b += gradient) {
        // -1 ≤ b ≤ minor here (give or take rounding): flooring by truncation after a shift of one, and the last row
        // (or column) at most, so that both pixels are in the image with its margin.
        const near = Math.min(minor - 1, ((b + 1) | 0) - 1);
        const share = b - near;
        // The alpha bytes of the two pixels, each line laid over what is there (as WebGL blends).
        const index = (near + 1) * across + (a + 1) * along + 3;
        data[index]! += strength * (1 - share) * (255 - data[index]!);
        data[index + across]! += strength * share * (255 - data[index + across]!);
      }
    }
  }

  /**
   * Blends dots over what is there, with antialiased edges: `dots` holds each one's centre and radius in pixels as
   * [x, y, r, …]. One call for all of them, as for the lines.
   */
  discs(dots: Float32Array): void {
    const [pr, pg, pb] = this.placeColour;
    const { data, width, height, stride, placeAlpha } = this;
    for (let dot = 0; dot + 2 < dots.length; dot += 3) {
      const x = dots[dot]!;
      const y = dots[dot + 1]!;
      const r = dots[dot + 2]!;
      const left = Math.max(0, Math.floor(x - r - 0.5));
      const right = Math.min(width - 1, Math.ceil(x + r + 0.5));
      const top = Math.max(0, Math.floor(y - r - 0.5));
      const bottom = Math.min(height - 1, Math.ceil(y + r + 0.5));
      for (let row = top; row <= bottom; row += 1) {
        const dy = row + 0.5 - y;
        for (let column = left; column <= right; column += 1) {
          const dx = column + 0.5 - x;
          const cover = Math.min(1, r + 0.5 - Math.sqrt(dx * dx + dy * dy));
          if (cover <= 0) continue;
          const index = ((row + 1) * stride + column + 1) * 4;
          const over = cover * placeAlpha;
          const under = (data[index + 3]! / 255) * (1 - over);
          const alpha = over + under;
          data[index] = (pr * over + data[index]! * under) / alpha;
          data[index + 1] = (pg * over + data[index + 1]! * under) / alpha;
          data[index + 2] = (pb * over + data[index + 2]! * under) / alpha;
          data[index + 3] = alpha * 255;
        }
      }
    }
  }
}
