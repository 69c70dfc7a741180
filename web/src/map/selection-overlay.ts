import type { Map as MapLibreMap } from 'maplibre-gl';
import { mercator } from './camera.ts';
import { worldCopies } from './gl.ts';
import { cssRgba, type MapPalette } from './palette.ts';

/** What the overlay shows: the ties as pairs of mercator vertices from the place outwards, and the place. */
export interface Selection {
  /** [x0, y0, x1, y1, …] in mercator units. */
  ties: Float32Array;
  /** The place in mercator units, when one is selected. */
  place?: [number, number];
  /** The place's id, when one is selected. */
  id?: number;
}

/** Where the map (which neither tilts nor turns) puts mercator units on screen: pixel = origin + mercator × size. */
export interface ScreenMapping {
  /** The world's width in CSS pixels. */
  size: number;
  originX: number;
  originY: number;
}

/** The map's current mapping, found through its own projection of two known points. */
export function screenMapping(map: MapLibreMap): ScreenMapping {
  const [x0, y0] = mercator(0, 0);
  const [x1] = mercator(90, 45);
  const a = map.project([0, 0]);
  const b = map.project([90, 45]);
  const size = (b.x - a.x) / (x1 - x0);
  // Mercator's y grows southwards, as the screen's does, at the same scale.
  return { size, originX: a.x - x0 * size, originY: a.y - y0 * size };
}

/** How strongly the rest of the map is washed out behind a selected place's ties. */
const WASH = 0.45;
const LINE_WIDTH = 2;
const DOT_RADIUS = 8;

/**
 * The selected place's ties and its dot, drawn on a 2D canvas over the map's WebGL canvas: a choice costs a few
 * hundred short strokes, not a frame of the whole map (with software WebGL, every WebGL frame is read back at the
 * cost of a full-screen image). The rest of the map is washed out behind a selection on the world map. The canvas
 * follows every move of the map in the same frame.
 */
export class SelectionOverlay {
  private readonly canvas: HTMLCanvasElement;
  /** Called after a new selection has been drawn (in the frame that will show it). */
  onDrawn?: (selection: Selection) => void;
  private readonly redraw = () => this.draw();

  constructor(
    private readonly map: MapLibreMap,
    private selection: Selection,
    private palette: MapPalette,
    /** A place's own small map: few ties, nothing to wash out. */
    private readonly single: boolean,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'atlas-selection';
    this.canvas.setAttribute('aria-hidden', 'true');
    map.getCanvasContainer().append(this.canvas);
    map.on('move', this.redraw);
    map.on('resize', this.redraw);
    this.draw();
  }

  get current(): Selection {
    return this.selection;
  }

  /** Shows another selection at once. */
  setSelection(selection: Selection): void {
    this.selection = selection;
    this.draw();
    this.onDrawn?.(selection);
  }

  setPalette(palette: MapPalette): void {
    this.palette = palette;
    this.draw();
  }

  private draw(): void {
    const { canvas, map } = this;
    const element = map.getCanvas();
    const [width, height] = [element.clientWidth, element.clientHeight];
    const ratio = window.devicePixelRatio || 1;
    const [pixelWidth, pixelHeight] = [Math.round(width * ratio), Math.round(height * ratio)];
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
    }
    const g = canvas.getContext('2d');
    if (!g) return;
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, pixelWidth, pixelHeight);
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    paintSelection(g, this.selection, screenMapping(map), width, height, this.palette, !this.single);
  }
}

/**
 * Paints a selection in CSS pixels: the rest of the map washed out (when `wash`), the place's ties as lines and the
 * place as a dot with a ring, in every copy of the world in view.
 */
export function paintSelection(
  g: CanvasRenderingContext2D,
  selection: Selection,
  { size, originX, originY }: ScreenMapping,
  width: number,
  height: number,
  palette: MapPalette,
  wash: boolean,
): void {
  const { ties, place } = selection;
  if (place === undefined && ties.length === 0) return;
  if (place !== undefined && wash) {
    g.fillStyle = cssRgba(palette.ocean, WASH);
    g.fillRect(0, 0, width, height);
  }
  // The world copies in view, and one more each side: a tie reaches up to half a world past its own copy.
  const copies = worldCopies(-originX / size - 1, (width - originX) / size + 1);
  const path = new Path2D();
  for (let tie = 0; tie < ties.length; tie += 4) {
    const [x0, y0, x1, y1] = [ties[tie]!, ties[tie + 1]!, ties[tie + 2]!, ties[tie + 3]!];
    for (const copy of copies) {
      const offset = originX + copy * size;
      if (Math.max(x0, x1) * size + offset < 0 || Math.min(x0, x1) * size + offset > width) continue;
      path.moveTo(x0 * size + offset, y0 * size + originY);
      path.lineTo(x1 * size + offset, y1 * size + originY);
    }
  }
  g.lineCap = 'round';
  g.strokeStyle = cssRgba(palette.selected, 0.9);
  g.lineWidth = LINE_WIDTH;
  g.stroke(path);
  if (place === undefined) return;
  for (const copy of copies) {
    const [x, y] = [(place[0] + copy) * size + originX, place[1] * size + originY];
    if (x < -DOT_RADIUS || x > width + DOT_RADIUS) continue;
    g.beginPath();
    g.arc(x, y, DOT_RADIUS, 0, 2 * Math.PI);
    g.fillStyle = palette.selected;
    g.fill();
    g.strokeStyle = palette.selectedRing;
    g.lineWidth = 2;
    g.stroke();
  }
}
