/**
 * The results map's categories and markers, as pure functions: which answers a question's markers stand for (its
 * options, yes and no, its points), and each category's marker, a shape of its own as well as a colour, so that
 * colour is never the only cue.
 */
import { type Camera, constrainCamera, defaultCamera, fitCamera } from '../../map/camera.ts';
import { type LngLat, MIN_ZOOM, pointsBox } from '../../map/markers-map.ts';
import { type Language, pick } from './campaign-model.ts';
import type { CampaignQuestion } from './campaigns-api.ts';

export interface MapCategory {
  /** The answer's value as stored, as text ('yes', an option's key, a point); NONE for no answer. */
  key: string;
  label: string;
}

/** The category of the members that did not answer the question. */
export const NONE = '__none__';

/** The categories of a question the map can colour by, in the question's order; null for other types. */
export function mapCategories(question: CampaignQuestion, language: Language = 'en'): MapCategory[] | null {
  switch (question.type) {
    case 'single_choice':
      return question.options.map((option) => ({ key: option.key, label: pick(option.label, language) }));
    case 'yes_no':
      return [
        { key: 'yes', label: 'yes' },
        { key: 'no', label: 'no' },
      ];
    case 'scale': {
      const points: MapCategory[] = [];
      for (let point = question.min; point <= question.max; point += Math.max(1, question.step)) {
        const end =
          point === question.min
            ? pick(question.minLabel, language)
            : point === question.max
              ? pick(question.maxLabel, language)
              : '';
        points.push({ key: String(point), label: end ? `${point} – ${end}` : String(point) });
      }
      return points.length <= SHAPES.length ? points : null;
    }
    default:
      return null;
  }
}

/** A member's answer as a category key. */
export function categoryOf(value: unknown): string {
  if (value === null || value === undefined) return NONE;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

export interface MarkerShape {
  name: string;
  /** Filled, or drawn as an outline over the surface's colour. */
  kind: 'filled' | 'hollow' | 'strokes';
  /** An SVG path in a 20 × 20 box centred on the member. */
  path: string;
}

const circle = (radius: number) =>
  `M${10 - radius} 10a${radius} ${radius} 0 1 0 ${2 * radius} 0a${radius} ${radius} 0 1 0 ${-2 * radius} 0Z`;

function star(outer: number, inner: number): string {
  const points: string[] = [];
  for (let index = 0; index < 10; index += 1) {
    const radius = index % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (index * Math.PI) / 5;
    points.push(
      `${(10 + radius * Math.cos(angle)).toFixed(2)} ${(10 + radius * Math.sin(angle)).toFixed(2)}`,
    );
  }
  return `M${points.join('L')}Z`;
}

/** The shapes given to categories in turn. */
export const SHAPES: readonly MarkerShape[] = [
  { name: 'dot', kind: 'filled', path: circle(6.5) },
  { name: 'square', kind: 'filled', path: 'M4 4H16V16H4Z' },
  { name: 'diamond', kind: 'filled', path: 'M10 2.5L17.5 10L10 17.5L2.5 10Z' },
  { name: 'triangle', kind: 'filled', path: 'M10 2.5L17.5 16.5H2.5Z' },
  { name: 'star', kind: 'filled', path: star(9, 3.9) },
  { name: 'hollow-square', kind: 'hollow', path: 'M4.5 4.5H15.5V15.5H4.5Z' },
  { name: 'hollow-diamond', kind: 'hollow', path: 'M10 3L17 10L10 17L3 10Z' },
  { name: 'hollow-triangle', kind: 'hollow', path: 'M10 3.5L16.5 15.5H3.5Z' },
  { name: 'plus', kind: 'strokes', path: 'M10 3.5V16.5M3.5 10H16.5' },
  { name: 'hexagon', kind: 'filled', path: 'M6 3.5H14L18 10L14 16.5H6L2 10Z' },
  { name: 'hollow-star', kind: 'hollow', path: star(8.5, 3.8) },
];

/** The marker of the members without an answer: a cross, whatever the question. */
export const NO_ANSWER_SHAPE: MarkerShape = { name: 'cross', kind: 'strokes', path: 'M5 5L15 15M15 5L5 15' };

/** The colours the categories take in turn, the theme's own (design tokens). */
export const COLOURS: readonly string[] = [
  'var(--cb-color-accent)',
  'var(--cb-color-warning)',
  'var(--cb-color-success)',
  'var(--cb-color-danger)',
  'var(--cb-map-selected, #c2185b)',
  'var(--cb-color-text)',
];

/** The colour of the members without an answer. */
export const NO_ANSWER_COLOUR = 'var(--cb-color-text-muted)';

/** A category's marker: its shape, and its colour as a CSS value. */
export function markerOf(index: number, key: string): { shape: MarkerShape; colour: string } {
  if (key === NONE) return { shape: NO_ANSWER_SHAPE, colour: NO_ANSWER_COLOUR };
  return { shape: SHAPES[index % SHAPES.length]!, colour: COLOURS[index % COLOURS.length]! };
}

/** The room kept around the members, in pixels, so that no marker is cut by the map's edge. */
const MARGIN = 28;
/**
 * How close the map may come: near enough that neighbouring cities (Espoo and Helsinki, 15 km apart) stand apart,
 * still showing a region around a single member.
 */
const MAX_ZOOM = 7;

/** The view that shows every member on a map of this size, as MapLibre would constrain it (never past the poles). */
export function resultsCamera(points: readonly LngLat[], width: number, height: number): Camera {
  const box = pointsBox(points);
  if (!box) return constrainCamera(defaultCamera(width), height);
  const insets = { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN };
  const fitted = fitCamera(box, width, height, { insets, maxZoom: MAX_ZOOM });
  return constrainCamera({ ...fitted, zoom: Math.max(fitted.zoom, MIN_ZOOM) }, height);
}
