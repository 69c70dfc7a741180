/** Letters that Unicode decomposition does not reduce to a base letter plus a mark. */
const SPECIAL_LETTERS: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

/**
 * The name-matching key used while reconciling imports: lower case, no accents, no punctuation.
 * It follows the database's `cb_search_key`, so a key computed here finds the same names there.
 */
export function normalizeName(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øæœßłđðþıħ]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .replace(/['’`:.]/g, '')
    .replace(/[\s,;/\\()[\]{}"!?&+*#@_–—-]+/g, ' ')
    .trim();
}

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface LatLng {
  lat: number;
  lng: number;
}

/** A point from a source's latitude and longitude texts, or null when they are missing or out of range. */
export function parseCoordinates(lat: string | undefined, lng: string | undefined): LatLng | null {
  if (!lat || !lng) return null;
  const point = { lat: Number(lat), lng: Number(lng) };
  if (!Number.isFinite(point.lat) || !Number.isFinite(point.lng)) return null;
  if (Math.abs(point.lat) > 90 || Math.abs(point.lng) > 180) return null;
  return point;
}
