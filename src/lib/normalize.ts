/** Letters that decomposition does not reduce to a base letter plus a mark, and the final sigma. */
const SPECIAL_LETTERS: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ı: 'i',
  ħ: 'h',
  ς: 'σ',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
};

/**
 * The search key of a name, in any script: lower case, no accents, no punctuation. A compatibility decomposition
 * (NFKD: half-width kana, full-width letters, ligatures) lets go of the combining marks that accents are made of
 * (U+0300–U+036F: Latin, Greek and Cyrillic diacritics, so é is e, ё is е and й is и) and composes the rest again
 * (NFC), so Hangul syllables and voiced kana (ガ) stay as people write them, as do the marks other scripts spell
 * with. Apostrophes, colons, full stops, middle dots and invisible marks vanish (S:t → st, Kʻelbajar → kelbajar);
 * other punctuation becomes a space.
 *
 * The database's `cb_search_key` is the same function, step by step (migration `0025_search_key_scripts`), so a key
 * computed here finds the same names there; a test compares the two over names in every script.
 */
export function normalizeName(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]+/g, '')
    .replace(/[øłđðıħςæœßþ]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .normalize('NFC')
    .replace(/[\u00ad\u200b-\u200f\u2060\ufeff'‘’‛`:.·ʼʻˈ]/g, '')
    .replace(/[\s,;/\\()[\]{}"“”„‚!?&+*#@_‐‑‒–—―・-]+/g, ' ')
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
