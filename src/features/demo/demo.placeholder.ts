import { encodePng } from '../../lib/png.ts';

/** Muted tile colours, one per participant's window. */
const TILES: readonly (readonly [number, number, number])[] = [
  [70, 110, 150],
  [120, 90, 140],
  [60, 130, 120],
  [150, 110, 70],
  [90, 120, 80],
  [140, 80, 90],
  [80, 100, 140],
  [130, 120, 60],
  [70, 120, 140],
  [110, 90, 110],
  [100, 130, 100],
  [140, 100, 110],
];

const BACKGROUND = [38, 42, 50] as const;

/** A colour made lighter by `amount` (0–1), toward white. */
const lighter = (colour: readonly [number, number, number], amount: number) =>
  colour.map((channel) => Math.round(channel + (255 - channel) * amount)) as [number, number, number];

/**
 * A placeholder for the forum's virtual group photo: a video call's gallery of twelve windows, four by three, each
 * a coloured tile with a plain head-and-shoulders outline. Drawn here, so no photograph of anyone is shipped.
 */
export function groupPhotoPlaceholder(
  width = 960,
  height = 540,
): { png: Buffer; width: number; height: number } {
  const columns = 4;
  const rows = 3;
  const gap = 8;
  const tileWidth = Math.floor((width - gap * (columns + 1)) / columns);
  const tileHeight = Math.floor((height - gap * (rows + 1)) / rows);
  const png = encodePng(width, height, (x, y) => {
    const column = Math.floor((x - gap) / (tileWidth + gap));
    const row = Math.floor((y - gap) / (tileHeight + gap));
    const left = gap + column * (tileWidth + gap);
    const top = gap + row * (tileHeight + gap);
    if (column < 0 || row < 0 || column >= columns || row >= rows) return BACKGROUND;
    if (x < left || x >= left + tileWidth || y < top || y >= top + tileHeight) return BACKGROUND;
    const colour = TILES[(row * columns + column) % TILES.length]!;
    const centreX = left + tileWidth / 2;
    const head = (x - centreX) ** 2 + (y - (top + tileHeight * 0.4)) ** 2 <= (tileHeight * 0.17) ** 2;
    const shoulders =
      ((x - centreX) / (tileWidth * 0.3)) ** 2 +
        ((y - (top + tileHeight * 1.02)) / (tileHeight * 0.4)) ** 2 <=
      1;
    return head || shoulders ? lighter(colour, 0.35) : colour;
  });
  return { png, width, height };
}
