/**
 * Reconciles the world's twin-town sources into one set of places and ties, in memory and without a database:
 * places are identified by Wikidata QID, else matched to the GeoNames gazetteer by normalised name + country +
 * distance, else kept as labelled places of their own; A–B, B–A and label variants merge into one tie that keeps
 * every source row as provenance. The result is deterministic, which makes the import idempotent.
 */
import type { PlaceKind } from '../../places/places.schema.ts';
import { countryName, resolveCountryLabel } from './country-labels.ts';
import type { Gazetteer, GazetteerEntry } from './gazetteer.ts';
import { distanceKm, type LatLng, normalizeName } from './normalize.ts';
import type { SourceRow, WikipediaPair, WorldInput } from './world.reader.ts';
import type { WorldSourceName } from './world.sources.ts';

/** A gazetteer place this close to a source's coordinates is the same place. */
const SAME_PLACE_KM = 30;
/** A Wikidata city and a gazetteer place of the same name this close are the same place. */
const WIKIDATA_GAZETTEER_KM = 25;
/** How near a gazetteer place in another country must be to correct a border town's country. */
const BORDER_FIX_KM = 12;
/** A district's own coordinates are believed only this near its city. */
const DISTRICT_KM = 80;
/** Coordinates shared by this many differently named places are a geocoder's placeholder. */
const PLACEHOLDER_SHARED_BY = 3;

export interface PlannedName {
  name: string;
  lang: string;
  kind: 'official' | 'alias';
  source: WorldSourceName;
}

export interface PlannedOrigin {
  source: WorldSourceName;
  externalKey: string;
  raw: Record<string, unknown>;
}

export interface PlannedPlace {
  /** The reconciliation key: `Q…`, `G…` (GeoNames id), `M…` (municipality code) or `L:kind:name|country`. */
  key: string;
  kind: PlaceKind;
  name: string;
  wikidataQid: string | null;
  geonamesId: number | null;
  country: string;
  lat: number | null;
  lng: number | null;
  population: number | null;
  parentKey: string | null;
  names: PlannedName[];
  origins: PlannedOrigin[];
}

export interface PlannedRecord {
  source: WorldSourceName;
  recordKey: string;
  raw: Record<string, unknown>;
}

export interface PlannedTie {
  /** The sorted place keys of the parties. */
  placeKeys: [string, string];
  records: PlannedRecord[];
}

export interface ReportEntry {
  source: WorldSourceName;
  line: number;
  row: Record<string, unknown>;
  reason: string;
}

export interface AmbiguousEntry {
  label: string;
  country: string;
  chosen: string;
  candidates: string[];
  reason: string;
}

export interface CorrectionEntry {
  place: string;
  field: 'coordinates' | 'country';
  from: unknown;
  to: unknown;
  reason: string;
}

export interface SourceCounts {
  rowsRead: number;
  rowsResolved: number;
  rowsUnresolved: number;
}

export interface WorldPlan {
  places: PlannedPlace[];
  ties: PlannedTie[];
  counts: Record<'wikidata' | 'wikipedia' | 'finnishMunicipalities', SourceCounts>;
  /** Source rows that reported a tie already reported by another row. */
  mergedRows: number;
  unresolved: ReportEntry[];
  ambiguous: AmbiguousEntry[];
  corrections: CorrectionEntry[];
}

interface Resolution {
  key: string;
}

interface ParsedLabel {
  base: string;
  qualifier: string | null;
  qualifierStyle: 'parenthesis' | 'comma' | null;
}

const REGION_QUALIFIER =
  /^(state|province|region|county|microregion|prefecture|oblast|voivodeship|canton|department)$/i;
const MUNICIPALITY_QUALIFIER =
  /(gmina|municipality|parish|commune|local government|town|city|village|council|borough|township)$/i;
const DISTRICT_QUALIFIER = /^(district|ward|quarter)$/i;
const CONTAINER_QUALIFIER = /\b(district|parish|municipality|county|region|province|islands?)$/i;
const REGION_WORDS =
  /\b(province|prefecture|county|oblast|region|governorate|voivodeship|krai|kraj|canton|department|state|raion|autonomous community)\b/i;
const DISTRICT_WORDS = /\b(district|ward|borough)\b/i;

function parseLabel(label: string): ParsedLabel {
  const parenthesis = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(label);
  if (parenthesis?.[1] && parenthesis[2]) {
    return { base: parenthesis[1].trim(), qualifier: parenthesis[2].trim(), qualifierStyle: 'parenthesis' };
  }
  const comma = label.indexOf(',');
  if (comma > 0) {
    return {
      base: label.slice(0, comma).trim(),
      qualifier: label.slice(comma + 1).trim(),
      qualifierStyle: 'comma',
    };
  }
  return { base: label.trim(), qualifier: null, qualifierStyle: null };
}

/**
 * What kind of place a Wikipedia label names, and what its qualifier is: a type ("rural gmina", "state"), a
 * possible parent ("Tallinn" in "Nõmme (Tallinn)") or a region after a comma ("Bayside, New South Wales").
 */
function classifyLabel(
  parsed: ParsedLabel,
  country: string,
): { kind: PlaceKind; qualifierRole: 'type' | 'parent' | null } {
  const { base, qualifier, qualifierStyle } = parsed;
  if (normalizeName(base) === normalizeName(countryName(country)))
    return { kind: 'country_level', qualifierRole: null };
  if (qualifier && qualifierStyle === 'parenthesis') {
    if (REGION_QUALIFIER.test(qualifier)) return { kind: 'region', qualifierRole: 'type' };
    if (DISTRICT_QUALIFIER.test(qualifier)) return { kind: 'district', qualifierRole: 'type' };
    if (MUNICIPALITY_QUALIFIER.test(qualifier) || CONTAINER_QUALIFIER.test(qualifier)) {
      return { kind: 'municipality', qualifierRole: 'type' };
    }
    return { kind: 'municipality', qualifierRole: 'parent' };
  }
  if (qualifier) return { kind: 'municipality', qualifierRole: null };
  if (DISTRICT_WORDS.test(base)) return { kind: 'district', qualifierRole: null };
  if (REGION_WORDS.test(base)) return { kind: 'region', qualifierRole: null };
  return { kind: 'municipality', qualifierRole: null };
}

function coordinates(lat: string | undefined, lng: string | undefined): LatLng | null {
  if (!lat || !lng) return null;
  const point = { lat: Number(lat), lng: Number(lng) };
  if (!Number.isFinite(point.lat) || !Number.isFinite(point.lng)) return null;
  if (Math.abs(point.lat) > 90 || Math.abs(point.lng) > 180) return null;
  return point;
}

function pointKey(point: LatLng): string {
  return `${point.lat.toFixed(4)},${point.lng.toFixed(4)}`;
}

/** Occurrence-numbered record keys, so identical rows in one file stay distinct records. */
function recordKeyer(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const count = (seen.get(text) ?? 0) + 1;
    seen.set(text, count);
    return count === 1 ? text : `${text}#${count}`;
  };
}

function byPopulation(a: GazetteerEntry, b: GazetteerEntry): number {
  return b.population - a.population || a.geonamesId - b.geonamesId;
}

/** Builds the reconciled plan from the source files and the gazetteer. */
export function reconcileWorld(input: WorldInput, gazetteer: Gazetteer): WorldPlan {
  const places = new Map<string, PlannedPlace>();
  const used = new Set<string>();
  const unresolved: ReportEntry[] = [];
  const ambiguous: AmbiguousEntry[] = [];
  const corrections: CorrectionEntry[] = [];
  const placeByGeonames = new Map<number, string>();
  const wikidataByName = new Map<string, PlannedPlace[]>();

  const addName = (place: PlannedPlace, name: PlannedName) => {
    const trimmed = name.name.trim();
    if (!trimmed) return;
    if (place.names.some((known) => known.name === trimmed && known.lang === name.lang)) return;
    place.names.push({ ...name, name: trimmed });
  };
  const addOrigin = (place: PlannedPlace, origin: PlannedOrigin) => {
    if (
      place.origins.some(
        (known) => known.source === origin.source && known.externalKey === origin.externalKey,
      )
    ) {
      return;
    }
    place.origins.push(origin);
  };
  const attachGazetteer = (place: PlannedPlace, entry: GazetteerEntry) => {
    place.geonamesId = entry.geonamesId;
    place.population = entry.population || place.population;
    placeByGeonames.set(entry.geonamesId, place.key);
    addOrigin(place, {
      source: 'geonames',
      externalKey: String(entry.geonamesId),
      raw: {
        geonameid: entry.geonamesId,
        name: entry.name,
        country: entry.country,
        featureCode: entry.featureCode,
        population: entry.population,
        lat: entry.lat,
        lng: entry.lng,
      },
    });
  };

  // 1. Wikidata cities: identified by QID; GeoNames adds population and corrects border towns' countries.
  for (const { values: node } of input.wikidataNodes) {
    const point = coordinates(node.lat, node.lng);
    let country = node.countrycd === 'CN-TW' ? 'TW' : node.countrycd.toUpperCase();
    if (!/^Q[1-9][0-9]*$/.test(node.id) || !/^[A-Z]{2}$/.test(country) || !node.name.trim()) continue;
    let match: GazetteerEntry | undefined;
    if (point) {
      match = gazetteer
        .find(node.name, country)
        .filter((entry) => distanceKm(entry, point) <= WIKIDATA_GAZETTEER_KM)
        .sort((a, b) => distanceKm(a, point) - distanceKm(b, point))[0];
      if (!match) {
        const across = gazetteer
          .near(node.name, point, BORDER_FIX_KM)
          .find((entry) => entry.country !== country);
        if (across) {
          corrections.push({
            place: `${node.name} (${node.id})`,
            field: 'country',
            from: country,
            to: across.country,
            reason: `GeoNames places ${across.name} (${across.geonamesId}) in ${across.country} at the same spot`,
          });
          country = across.country;
          match = across;
        }
      }
    }
    const place: PlannedPlace = {
      key: node.id,
      kind: 'municipality',
      name: node.name.trim(),
      wikidataQid: node.id,
      geonamesId: null,
      country,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      population: null,
      parentKey: null,
      names: [],
      origins: [],
    };
    addName(place, { name: node.name, lang: 'en', kind: 'official', source: 'wikidata' });
    addOrigin(place, { source: 'wikidata', externalKey: node.id, raw: { ...node } });
    if (match && !placeByGeonames.has(match.geonamesId)) attachGazetteer(place, match);
    places.set(place.key, place);
    const nameKey = `${normalizeName(node.name)}|${country}`;
    wikidataByName.set(nameKey, [...(wikidataByName.get(nameKey) ?? []), place]);
  }

  // Coordinates from the Wikipedia geocoding, with placeholders (one point for many names) left out.
  const geocoded = new Map<string, LatLng>();
  const namesAtPoint = new Map<string, Set<string>>();
  for (const { values: row } of input.wikipediaGeocoded) {
    for (const [city, country, lat, lng] of [
      [row.city1, row.country1, row.lat1, row.lng1],
      [row.city2, row.country2, row.lat2, row.lng2],
    ] as const) {
      const point = coordinates(lat, lng);
      if (!point) continue;
      geocoded.set(`${city}|${country}`, point);
      const names = namesAtPoint.get(pointKey(point)) ?? new Set<string>();
      names.add(normalizeName(parseLabel(city).base));
      namesAtPoint.set(pointKey(point), names);
    }
  }
  const geocodedPoint = (city: string, countryLabel: string): LatLng | null => {
    const point = geocoded.get(`${city}|${countryLabel}`);
    if (!point) return null;
    return (namesAtPoint.get(pointKey(point))?.size ?? 0) >= PLACEHOLDER_SHARED_BY ? null : point;
  };

  // 2. Wikipedia labels → places, memoised per label.
  const labelResolutions = new Map<string, Resolution | { error: string }>();
  const resolveLabel = (city: string, countryLabel: string): Resolution | { error: string } => {
    const memoKey = `${city}|${countryLabel}`;
    const known = labelResolutions.get(memoKey);
    if (known) return known;
    const result = resolveLabelUncached(city, countryLabel);
    labelResolutions.set(memoKey, result);
    return result;
  };

  /**
   * Finds a known place (a Wikidata city, else a GeoNames place) by any of `names` in `country`, choosing among
   * namesakes by distance to `point`; the choice is reported when it was not clear-cut.
   */
  const matchKnown = (
    label: string,
    names: string[],
    country: string,
    point: LatLng | null,
  ): PlannedPlace | undefined => {
    const keys = [...new Set(names.map((name) => `${normalizeName(name)}|${country}`))];
    const candidates = [...new Set(keys.flatMap((key) => wikidataByName.get(key) ?? []))];
    if (candidates.length === 1) return candidates[0];
    if (candidates.length > 1) {
      const nearest = chooseNearest(candidates, point);
      const chosen = nearest ?? [...candidates].sort(byImportance)[0]!;
      ambiguous.push({
        label,
        country,
        chosen: chosen.key,
        candidates: candidates.map((candidate) => candidate.key),
        reason: nearest
          ? 'nearest to the geocoded point'
          : 'none near the geocoded point; the most populous chosen',
      });
      return chosen;
    }
    const entries = [...new Set(names.flatMap((name) => gazetteer.find(name, country)))];
    if (entries.length === 0) return undefined;
    const near = point
      ? entries
          .filter((entry) => distanceKm(entry, point) <= SAME_PLACE_KM)
          .sort((a, b) => distanceKm(a, point) - distanceKm(b, point))[0]
      : undefined;
    const entry = near ?? [...entries].sort(byPopulation)[0]!;
    if (!near && entries.length > 1) {
      ambiguous.push({
        label,
        country,
        chosen: `G${entry.geonamesId}`,
        candidates: entries.map((candidate) => `G${candidate.geonamesId}`),
        reason: point ? 'none near the geocoded point; the most populous chosen' : 'the most populous chosen',
      });
    }
    if (point && !near) {
      corrections.push({
        place: `${label}, ${country}`,
        field: 'coordinates',
        from: point,
        to: { lat: entry.lat, lng: entry.lng },
        reason: `geocoded ${Math.round(distanceKm(entry, point))} km from GeoNames ${entry.name}`,
      });
    }
    const existingKey = placeByGeonames.get(entry.geonamesId);
    if (existingKey) return places.get(existingKey);
    const place = newPlace(`G${entry.geonamesId}`, 'municipality', label, country);
    place.lat = entry.lat;
    place.lng = entry.lng;
    attachGazetteer(place, entry);
    addName(place, { name: entry.name, lang: 'und', kind: 'official', source: 'geonames' });
    return place;
  };

  const resolveLabelUncached = (city: string, countryLabel: string): Resolution | { error: string } => {
    const label = city.trim();
    if (!label) return { error: 'empty place name' };
    const country = resolveCountryLabel(countryLabel);
    if (!country) return { error: `unknown country label "${countryLabel}"` };
    const parsed = parseLabel(label);
    const geocodedAt = geocodedPoint(city, countryLabel);
    const outside = geocodedAt !== null && !gazetteer.plausiblyIn(geocodedAt, country);
    let point = outside ? null : geocodedAt;
    const origin: PlannedOrigin = {
      source: 'wikipedia',
      externalKey: `${city}|${countryLabel}`,
      raw: { city, country: countryLabel, lat: geocodedAt?.lat ?? null, lng: geocodedAt?.lng ?? null },
    };
    const withLabel = (place: PlannedPlace): Resolution => {
      addName(place, { name: label, lang: 'en', kind: 'official', source: 'wikipedia' });
      if (parsed.base !== label)
        addName(place, { name: parsed.base, lang: 'en', kind: 'alias', source: 'wikipedia' });
      addOrigin(place, origin);
      if (outside) {
        corrections.push({
          place: `${label}, ${country}`,
          field: 'coordinates',
          from: geocodedAt,
          to: place.lat !== null ? { lat: place.lat, lng: place.lng } : null,
          reason: `geocoded outside ${countryName(country)}`,
        });
      }
      return { key: place.key };
    };

    let { kind, qualifierRole } = classifyLabel(parsed, country);
    let parentKey: string | null = null;
    if (qualifierRole === 'parent') {
      // "Frankfurt (Oder)" is a city known by its whole label; "Nõmme (Tallinn)" a district of a known city.
      const known = matchKnown(label, [label], country, point);
      if (known) return withLabel(known);
      const parent = matchKnown(parsed.qualifier!, [parsed.qualifier!], country, null);
      if (parent) {
        parentKey = parent.key;
        kind = 'district';
      }
    } else if (kind === 'municipality' && qualifierRole === null) {
      const known = matchKnown(label, [label, parsed.base], country, point);
      if (known) return withLabel(known);
    } else if (qualifierRole === 'type') {
      const known = matchKnown(label, [label], country, point);
      if (known) return withLabel(known);
    }

    // A place of its own, known only by its label.
    const key = `L:${kind}:${normalizeName(label)}|${country}`;
    const place = places.get(key) ?? newPlace(key, kind, label, country);
    if (parentKey && parentKey !== key) {
      place.parentKey = parentKey;
      const parent = places.get(parentKey)!;
      const parentPoint = parent.lat !== null ? { lat: parent.lat, lng: parent.lng! } : null;
      if (parentPoint && (!point || distanceKm(point, parentPoint) > DISTRICT_KM)) point = parentPoint;
    }
    if (place.lat === null && point) {
      place.lat = point.lat;
      place.lng = point.lng;
    }
    return withLabel(place);
  };

  const newPlace = (key: string, kind: PlaceKind, name: string, country: string): PlannedPlace => {
    const place: PlannedPlace = {
      key,
      kind,
      name,
      wikidataQid: null,
      geonamesId: null,
      country,
      lat: null,
      lng: null,
      population: null,
      parentKey: null,
      names: [],
      origins: [],
    };
    places.set(key, place);
    return place;
  };

  // 3. Ties: one per pair of places, each source row kept as a record.
  const ties = new Map<string, PlannedTie>();
  let mergedRows = 0;
  const addTie = (a: string, b: string, record: PlannedRecord) => {
    const placeKeys = (a < b ? [a, b] : [b, a]) as [string, string];
    const tieKey = placeKeys.join(' ');
    const tie = ties.get(tieKey);
    if (tie) {
      tie.records.push(record);
      mergedRows += 1;
    } else {
      ties.set(tieKey, { placeKeys, records: [record] });
    }
    used.add(a);
    used.add(b);
  };

  const counts: WorldPlan['counts'] = {
    wikidata: { rowsRead: input.wikidataLinks.length, rowsResolved: 0, rowsUnresolved: 0 },
    wikipedia: { rowsRead: input.wikipediaPairs.length, rowsResolved: 0, rowsUnresolved: 0 },
    finnishMunicipalities: {
      rowsRead: input.finnishMunicipalities.length,
      rowsResolved: 0,
      rowsUnresolved: 0,
    },
  };
  const fail = (entry: ReportEntry) => {
    unresolved.push(entry);
    const key = entry.source === 'wikidata' ? 'wikidata' : 'wikipedia';
    counts[key].rowsUnresolved += 1;
  };

  const wikidataKey = recordKeyer();
  for (const { line, values } of input.wikidataLinks) {
    const row = { ...values };
    const recordKey = wikidataKey(`${values.source}\t${values.target}`);
    const missing = [values.source, values.target].filter((qid) => !places.has(qid));
    if (missing.length > 0) {
      fail({ source: 'wikidata', line, row, reason: `not among the Wikidata cities: ${missing.join(', ')}` });
      continue;
    }
    if (values.source === values.target) {
      fail({ source: 'wikidata', line, row, reason: 'both ends are the same place' });
      continue;
    }
    counts.wikidata.rowsResolved += 1;
    addTie(values.source, values.target, { source: 'wikidata', recordKey, raw: { line, ...row } });
  }

  const wikipediaKey = recordKeyer();
  for (const { line, values } of input.wikipediaPairs as SourceRow<WikipediaPair>[]) {
    const row = { ...values };
    const recordKey = wikipediaKey([values.city1, values.country1, values.city2, values.country2].join('|'));
    const first = resolveLabel(values.city1, values.country1);
    const second = resolveLabel(values.city2, values.country2);
    const errors = [first, second].flatMap((result) => ('error' in result ? [result.error] : []));
    if ('error' in first || 'error' in second) {
      fail({ source: 'wikipedia', line, row, reason: errors.join('; ') });
      continue;
    }
    if (first.key === second.key) {
      fail({ source: 'wikipedia', line, row, reason: 'both ends resolve to the same place' });
      continue;
    }
    counts.wikipedia.rowsResolved += 1;
    addTie(first.key, second.key, { source: 'wikipedia', recordKey, raw: { line, ...row } });
  }

  // 4. Finnish municipalities: Finnish and Swedish names for the places above, or places of their own.
  const byNameCountry = new Map<string, PlannedPlace>();
  for (const key of used) {
    const place = places.get(key)!;
    if (place.kind !== 'municipality') continue;
    for (const { name } of place.names) {
      const nameKey = `${normalizeName(name)}|${place.country}`;
      if (!byNameCountry.has(nameKey)) byNameCountry.set(nameKey, place);
    }
  }
  for (const { line, values } of input.finnishMunicipalities) {
    const { code, country, name_fi: fi, name_sv: sv } = values;
    if (!/^[0-9]{3}$/.test(code) || !/^[A-Z]{2}$/.test(country) || !fi?.trim() || !sv?.trim()) {
      unresolved.push({ source: 'finnishMunicipalities', line, row: { ...values }, reason: 'malformed row' });
      counts.finnishMunicipalities.rowsUnresolved += 1;
      continue;
    }
    const fromGazetteer = gazetteer.byMunicipalityCode(code, country);
    const byCode = fromGazetteer
      .map((entry) => placeByGeonames.get(entry.geonamesId))
      .find((key) => key !== undefined && used.has(key));
    let place =
      byNameCountry.get(`${normalizeName(fi)}|${country}`) ??
      byNameCountry.get(`${normalizeName(sv)}|${country}`) ??
      (byCode ? places.get(byCode) : undefined);
    if (!place) {
      const seat = fromGazetteer.find((entry) => !placeByGeonames.has(entry.geonamesId));
      place = newPlace(seat ? `G${seat.geonamesId}` : `M${country}-${code}`, 'municipality', fi, country);
      if (seat) {
        place.lat = seat.lat;
        place.lng = seat.lng;
        attachGazetteer(place, seat);
      }
      used.add(place.key);
    }
    addName(place, { name: fi, lang: 'fi', kind: 'official', source: 'finnishMunicipalities' });
    addName(place, { name: sv, lang: 'sv', kind: 'official', source: 'finnishMunicipalities' });
    addOrigin(place, {
      source: 'finnishMunicipalities',
      externalKey: `${country}-${code}`,
      raw: { line, ...values },
    });
    counts.finnishMunicipalities.rowsResolved += 1;
  }

  const planned = [...used].map((key) => places.get(key)!);
  for (const place of planned) {
    if (place.parentKey && !used.has(place.parentKey)) place.parentKey = null;
  }
  return {
    places: planned,
    ties: [...ties.values()],
    counts,
    mergedRows,
    unresolved,
    ambiguous,
    corrections,
  };

  function chooseNearest(candidates: PlannedPlace[], point: LatLng | null): PlannedPlace | undefined {
    if (!point) return undefined;
    return candidates
      .filter((candidate) => candidate.lat !== null && candidate.lng !== null)
      .map((candidate) => ({
        candidate,
        km: distanceKm({ lat: candidate.lat!, lng: candidate.lng! }, point),
      }))
      .filter(({ km }) => km <= SAME_PLACE_KM * 2)
      .sort((a, b) => a.km - b.km)[0]?.candidate;
  }

  function byImportance(a: PlannedPlace, b: PlannedPlace): number {
    return (b.population ?? 0) - (a.population ?? 0) || a.key.localeCompare(b.key);
  }
}
