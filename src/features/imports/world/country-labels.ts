/**
 * Maps the free-text country labels of the Wikipedia lists ("England, United Kingdom", "Georgia (country)",
 * "Moldavia") to ISO 3166-1 alpha-2 codes. English country names come from Intl.DisplayNames; the table below
 * holds what it does not know: constituent countries, old or local names and the lists' own typos.
 */
import { normalizeName } from '../../../lib/normalize.ts';

const LABEL_ALIASES: Record<string, string> = {
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  'united kingdom': 'GB',
  'united states': 'US',
  'georgia country': 'GE',
  georgia: 'GE',
  russia: 'RU',
  'south korea': 'KR',
  'north korea': 'KP',
  taiwan: 'TW',
  palestine: 'PS',
  'west bank': 'PS',
  kosovo: 'XK',
  'northern cyprus': 'XC',
  'czech republic': 'CZ',
  'ivory coast': 'CI',
  'east timor': 'TL',
  'timor leste': 'TL',
  'republic of ireland': 'IE',
  'bosnia and hercegovina': 'BA',
  'cape verde': 'CV',
  congo: 'CG',
  'democratic republic of the congo': 'CD',
  'federated states of micronesia': 'FM',
  micronesia: 'FM',
  'sao tome and principe': 'ST',
  swaziland: 'SZ',
  eswatini: 'SZ',
  laos: 'LA',
  syria: 'SY',
  iran: 'IR',
  vietnam: 'VN',
  brunei: 'BN',
  bolivia: 'BO',
  venezuela: 'VE',
  tanzania: 'TZ',
  moldova: 'MD',
  turkey: 'TR',
  'north macedonia': 'MK',
  macedonia: 'MK',
  myanmar: 'MM',
  burma: 'MM',
  'the bahamas': 'BS',
  bahamas: 'BS',
  gambia: 'GM',
  'the gambia': 'GM',
  'falkland islands': 'FK',
  'faroe islands': 'FO',
  'aland islands': 'AX',
  'cook islands': 'CK',
  'saint vincent and the grenadines': 'VC',
  reunion: 'RE',
  // Regions of a country given as the country label.
  algarve: 'PT',
  azores: 'PT',
  // The lists' misspellings and foreign-language names.
  grece: 'GR',
  japa: 'JP',
  kazakhstah: 'KZ',
  madagaskar: 'MG',
  moldavia: 'MD',
  surinam: 'SR',
  island: 'IS',
  'in italy': 'IT',
};

/** Folds the ways names differ between sources: "and" versus "&", "Saint" versus "St.". */
function countryKey(name: string): string {
  return normalizeName(name)
    .replace(/\band\b/g, ' ')
    .replace(/\bsaint\b/g, 'st')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Groupings Intl knows that are not countries. */
const MACRO_REGIONS = new Set(['EU', 'EZ', 'UN', 'QO']);

let englishNames: Map<string, string> | undefined;

/** Every ISO region code Intl knows, keyed by its normalised English name. */
function englishCountryNames(): Map<string, string> {
  if (englishNames) return englishNames;
  const names = new Map<string, string>();
  const display = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      // Deprecated codes (DD, FX, DY …) display their successor's name; keep only the current code.
      if (new Intl.Locale(`und-${code}`).region !== code || MACRO_REGIONS.has(code)) continue;
      const name = display.of(code);
      if (name && name !== code) names.set(countryKey(name), code);
    }
  }
  englishNames = names;
  return names;
}

function lookup(part: string): string | undefined {
  const key = normalizeName(part);
  if (!key) return undefined;
  return LABEL_ALIASES[key] ?? englishCountryNames().get(countryKey(part));
}

/**
 * Resolves a country label to a code, or undefined when it cannot. The first part of a comma-separated label
 * wins when it is itself a country or territory ("Åland Islands, Finland" → AX, "England, United Kingdom" → GB);
 * otherwise the last part does ("New York, United States" → US).
 */
export function resolveCountryLabel(label: string): string | undefined {
  const whole = lookup(label);
  if (whole) return whole;
  const parts = label
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length < 2) return undefined;
  return lookup(parts[0]!) ?? lookup(parts[parts.length - 1]!);
}

/** The English name of a country code, for messages and reports. */
export function countryName(code: string, locale = 'en'): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
