/**
 * The first-level regions of every country (states, provinces, regions, counties: Queensland, Jalisco, Calabria),
 * offline: the ISO 3166-2 subdivisions whose parent is the country itself (the `iso-3166` package, MIT), known by
 * their ISO name ("Bayern") and their English name in the Unicode CLDR ("Bavaria"; the `cldr-subdivisions-full`
 * package, Unicode License v3). The Wikipedia lists name many regions without a region word; this is how the import
 * tells "Queensland" from a town.
 *
 * Many cities share their region's name (Tokyo, Salzburg, São Paulo, Hamburg, Lovech): `preferredRegion` answers the
 * region only when no city of that name is known near where the list's geocoder put the label.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { iso31662 } from 'iso-3166';
import { distanceKm, type LatLng, normalizeName } from '../../../lib/normalize.ts';
import { type Gazetteer, type GazetteerEntry, SEAT_CODE } from './gazetteer.ts';

/** A first-level subdivision of a country. */
export interface FirstLevelRegion {
  /** ISO 3166-2 code, e.g. `AU-QLD`. */
  code: string;
  country: string;
  /** The name ISO gives it, often in the country's language ("Bayern"). */
  name: string;
  /** Its English name in the CLDR ("Bavaria"), when the CLDR has one. */
  nameEn: string | null;
}

/**
 * Countries whose ISO 3166-2 first level lists municipalities (Slovenia's 212 občine, London's boroughs, Malta's
 * local councils): their names name towns, not regions. Where the first level mixes both, the pattern keeps the
 * codes that are regions (Estonia's counties have two digits and its municipalities three; Iceland's regions one
 * digit and its municipalities letters); `null` keeps none.
 */
const MUNICIPAL_FIRST_LEVEL: Readonly<Record<string, RegExp | null>> = {
  AD: null,
  AZ: null,
  EE: /^EE-\d\d$/,
  GB: null,
  GL: null,
  IS: /^IS-\d$/,
  LI: null,
  LV: null,
  MC: null,
  ME: null,
  MK: null,
  MT: null,
  SI: null,
  SM: null,
};

/** A namesake city this near the geocoded point is the place the label means. */
export const REGION_CITY_KM = 60;
/** A seat of a similar name this near the geocoded point is the city the label means, spelt otherwise (Orël). */
export const SEAT_AT_POINT_KM = 10;

/** First-level regions by normalised name and country. */
export class RegionIndex {
  private readonly byName = new Map<string, FirstLevelRegion>();
  readonly size: number;

  constructor(regions: readonly FirstLevelRegion[]) {
    this.size = regions.length;
    for (const region of regions) {
      for (const name of [region.name, region.nameEn]) {
        if (!name) continue;
        const key = `${normalizeName(name)}|${region.country}`;
        // Two regions of one name in one country (TW-HSQ Hsinchu County and TW-HSZ Hsinchu City by ISO name) are
        // neither: the name is left to the cities.
        const known = this.byName.get(key);
        if (known && known.code !== region.code) this.byName.set(key, AMBIGUOUS);
        else if (!known) this.byName.set(key, region);
      }
    }
  }

  /** The first-level region of this name in this country, if exactly one has it. */
  find(name: string, country: string): FirstLevelRegion | undefined {
    const region = this.byName.get(`${normalizeName(name)}|${country}`);
    return region === AMBIGUOUS ? undefined : region;
  }
}

const AMBIGUOUS: FirstLevelRegion = { code: '', country: '', name: '', nameEn: null };

/** Whether a first-level subdivision is a region rather than a municipality. */
function isRegion(code: string, country: string): boolean {
  if (!(country in MUNICIPAL_FIRST_LEVEL)) return true;
  return MUNICIPAL_FIRST_LEVEL[country]?.test(code) ?? false;
}

/** The first-level regions of every country, from the ISO 3166-2 list and the CLDR's English names. */
export function listFirstLevelRegions(): FirstLevelRegion[] {
  const packageRequire = createRequire(import.meta.url);
  const cldr = JSON.parse(
    readFileSync(packageRequire.resolve('cldr-subdivisions-full/subdivisions/en/en.json'), 'utf8'),
  ) as { subdivisions: { localeDisplayNames: { subdivisions: Record<string, string> } } };
  const english = cldr.subdivisions.localeDisplayNames.subdivisions;
  return iso31662
    .filter((entry) => /^[A-Z]{2}$/.test(entry.parent) && isRegion(entry.code, entry.parent))
    .map((entry) => ({
      code: entry.code,
      country: entry.parent,
      name: entry.name,
      // The CLDR writes `AU-QLD` as `auqld`.
      nameEn: english[entry.code.toLowerCase().replace('-', '')] ?? null,
    }));
}

let shipped: RegionIndex | undefined;

/** The shipped list of first-level regions, read once. */
export function firstLevelRegions(): RegionIndex {
  shipped ??= new RegionIndex(listFirstLevelRegions());
  return shipped;
}

export interface RegionChoice {
  /** The label, as the list gives it, without a qualifier. */
  name: string;
  country: string;
  /** Where the list's geocoder put the label, if anywhere believable. */
  point: LatLng | null;
  /** Whether a Wikidata city of the name is in the country. */
  wikidataCity: boolean;
  gazetteer: Gazetteer;
  regions: RegionIndex;
}

/**
 * The first-level region a label names, unless a city of that name is the likelier meaning: a Wikidata city of the
 * name in the country, a GeoNames place of the name near the geocoded point (or, with no point to go by, a capital
 * or seat of the name), or a seat at the point itself whose name is the label spelt another way (Oryol at Orël,
 * Rostov at Rostov-na-Donu). A small namesake village far from the point does not make "Jalisco" a town, nor does
 * Brisbane at the point of "Queensland" make Queensland a city.
 */
export function preferredRegion(choice: RegionChoice): FirstLevelRegion | undefined {
  const { name, country, point, gazetteer } = choice;
  const region = choice.regions.find(name, country);
  if (!region || choice.wikidataCity) return undefined;
  if (gazetteer.find(name, country).some((entry) => isCityMeant(entry, point))) return undefined;
  if (
    point &&
    gazetteer.seatsNear(country, point, SEAT_AT_POINT_KM).some((seat) => sameName(name, seat.name))
  ) {
    return undefined;
  }
  return region;
}

function isCityMeant(entry: GazetteerEntry, point: LatLng | null): boolean {
  return point ? distanceKm(entry, point) <= REGION_CITY_KM : SEAT_CODE.test(entry.featureCode);
}

/** Words that say a name is a city's without being part of it ("Ajman City", "Krong Kep", "Al Fayyūm"). */
const CITY_WORDS = /\b(city|krong|al|el)\b/g;

/**
 * Whether a seat's name is the label spelt another way: the same letters within two edits (Oryol and Orël,
 * Tartus and Tartouss), or the label followed by more words (Rostov and Rostov-na-Donu). A seat whose name is
 * only part of the label (Győr in Győr-Moson-Sopron) is the region's seat, not its namesake.
 */
export function sameName(label: string, seatName: string): boolean {
  const strip = (value: string) => normalizeName(value).replace(CITY_WORDS, ' ').replace(/\s+/g, ' ').trim();
  const [a, b] = [strip(label), strip(seatName)];
  if (!a || !b) return false;
  if (b.startsWith(`${a} `)) return true;
  return Math.max(a.length, b.length) >= 5 ? editDistance(a, b) <= 2 : a === b;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
