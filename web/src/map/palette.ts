/** Premultiplied RGBA in 0..1, as the WebGL layers blend. */
export type Rgba = [number, number, number, number];

/** The map's colours in the current theme, from the CSS custom properties --cb-map-* (palette.css). */
export interface MapPalette {
  ocean: string;
  land: string;
  border: string;
  /** Every tie's hairline (its alpha is low: thousands overlap). */
  tie: string;
  tieAlpha: number;
  place: string;
  placeAlpha: number;
  selected: string;
  /** The ring around the selected place's dot. */
  selectedRing: string;
}

const LIGHT: MapPalette = {
  ocean: '#dbe7f0',
  land: '#f7f5f0',
  border: '#b9b4a8',
  tie: '#1d4e89',
  tieAlpha: 0.09,
  place: '#1d4e89',
  placeAlpha: 0.75,
  selected: '#c2185b',
  selectedRing: '#ffffff',
};

/** Reads the palette from the element's computed style; what is missing or not #rrggbb stays as in light. */
export function readPalette(element: Element | null): MapPalette {
  if (!element) return LIGHT;
  const style = getComputedStyle(element);
  const color = (name: string, fallback: string) => {
    const value = style.getPropertyValue(`--cb-map-${name}`).trim();
    return /^#[0-9a-f]{6}$/i.test(value) ? value : fallback;
  };
  const number = (name: string, fallback: number) => {
    const value = Number.parseFloat(style.getPropertyValue(`--cb-map-${name}`));
    return Number.isFinite(value) ? value : fallback;
  };
  return {
    ocean: color('ocean', LIGHT.ocean),
    land: color('land', LIGHT.land),
    border: color('border', LIGHT.border),
    tie: color('tie', LIGHT.tie),
    tieAlpha: number('tie-alpha', LIGHT.tieAlpha),
    place: color('place', LIGHT.place),
    placeAlpha: number('place-alpha', LIGHT.placeAlpha),
    selected: color('selected', LIGHT.selected),
    selectedRing: color('selected-ring', LIGHT.selectedRing),
  };
}

/** A #rrggbb colour's channels, 0..255. */
export function channels(hex: string): [number, number, number] {
  const channel = (offset: number) => Number.parseInt(hex.slice(offset, offset + 2), 16);
  return [channel(1), channel(3), channel(5)];
}

/** A #rrggbb colour with an alpha, premultiplied. */
export function rgba(hex: string, alpha = 1): Rgba {
  const [r, g, b] = channels(hex);
  return [(r / 255) * alpha, (g / 255) * alpha, (b / 255) * alpha, alpha];
}

/** A #rrggbb colour with an alpha for a 2D canvas. */
export function cssRgba(hex: string, alpha = 1): string {
  const [r, g, b] = channels(hex);
  return `rgba(${r},${g},${b},${alpha})`;
}
