/**
 * The plan of the world import and the builder the reconciliation phases fill: every place met so far by its
 * reconciliation key, which of them the plan keeps (those in a tie, and the Finnish municipalities), the ties and
 * the report. Names and origins are added once; a tie is one per pair of places, whatever order its rows name
 * them in.
 */
import type { PlaceKind } from '../../places/places.schema.ts';
import type { GazetteerEntry } from './gazetteer.ts';
import {
  type AmbiguousEntry,
  type CorrectionEntry,
  type CountedSource,
  ReconcileReport,
  type ReportEntry,
  type SourceCountsBySource,
} from './world.report.ts';
import type { WorldSourceName } from './world.sources.ts';

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
  /**
   * The reconciliation key: `Q…`, `G…` (GeoNames id), `M…` (municipality code), `S:…` (a first-level region's ISO
   * 3166-2 code) or `L:kind:name|country`.
   */
  key: string;
  kind: PlaceKind;
  name: string;
  wikidataQid: string | null;
  geonamesId: number | null;
  country: string;
  lat: number | null;
  lng: number | null;
  population: number | null;
  /** The first-level region as GeoNames codes it ("CN.23"), from the matched GeoNames place. */
  admin1: string | null;
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

export interface WorldPlan {
  places: PlannedPlace[];
  ties: PlannedTie[];
  counts: SourceCountsBySource;
  /** Source rows that reported a tie already reported by another row. */
  mergedRows: number;
  unresolved: ReportEntry[];
  ambiguous: AmbiguousEntry[];
  corrections: CorrectionEntry[];
}

/** Accumulates the places, ties and report of one reconciliation. */
export class PlanBuilder {
  readonly report: ReconcileReport;
  private readonly places = new Map<string, PlannedPlace>();
  /** The keys of the places the plan keeps, in the order they were first kept. */
  private readonly kept = new Set<string>();
  private readonly keyByGeonames = new Map<number, string>();
  private readonly ties = new Map<string, PlannedTie>();
  private mergedRows = 0;

  constructor(rowsRead: Record<CountedSource, number>) {
    this.report = new ReconcileReport(rowsRead);
  }

  /** The place known by this key, kept or not. */
  place(key: string): PlannedPlace | undefined {
    return this.places.get(key);
  }

  /** The place a GeoNames place is attached to, if any. */
  placeOfGeonames(geonamesId: number): PlannedPlace | undefined {
    const key = this.keyByGeonames.get(geonamesId);
    return key === undefined ? undefined : this.places.get(key);
  }

  /** Whether a GeoNames place is attached to a place already (each is attached to one place at most). */
  hasGeonames(geonamesId: number): boolean {
    return this.keyByGeonames.has(geonamesId);
  }

  /** Registers a new place with no names, origins or coordinates yet; a place of the same key is replaced. */
  newPlace(key: string, kind: PlaceKind, name: string, country: string): PlannedPlace {
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
      admin1: null,
      parentKey: null,
      names: [],
      origins: [],
    };
    this.places.set(key, place);
    return place;
  }

  /** Adds a name, trimmed, unless it is empty or the place has it in that language already. */
  addName(place: PlannedPlace, name: PlannedName): void {
    const trimmed = name.name.trim();
    if (!trimmed) return;
    if (place.names.some((known) => known.name === trimmed && known.lang === name.lang)) return;
    place.names.push({ ...name, name: trimmed });
  }

  /** Adds an origin unless the place has one from that source under that key already. */
  addOrigin(place: PlannedPlace, origin: PlannedOrigin): void {
    if (
      place.origins.some(
        (known) => known.source === origin.source && known.externalKey === origin.externalKey,
      )
    ) {
      return;
    }
    place.origins.push(origin);
  }

  /** Makes a GeoNames place this place: its id, its population when it has one, and its record as an origin. */
  attachGazetteer(place: PlannedPlace, entry: GazetteerEntry): void {
    place.geonamesId = entry.geonamesId;
    place.population = entry.population || place.population;
    place.admin1 = entry.admin1 ?? place.admin1;
    this.keyByGeonames.set(entry.geonamesId, place.key);
    this.addOrigin(place, {
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
  }

  /** Adds a source row's tie between two places, merging it into the tie of the same pair, and keeps both. */
  addTie(a: string, b: string, record: PlannedRecord): void {
    const placeKeys = (a < b ? [a, b] : [b, a]) as [string, string];
    const tieKey = placeKeys.join(' ');
    const tie = this.ties.get(tieKey);
    if (tie) {
      tie.records.push(record);
      this.mergedRows += 1;
    } else {
      this.ties.set(tieKey, { placeKeys, records: [record] });
    }
    this.keep(a);
    this.keep(b);
  }

  /** Puts a place into the plan. */
  keep(key: string): void {
    this.kept.add(key);
  }

  isKept(key: string): boolean {
    return this.kept.has(key);
  }

  /** The places the plan keeps, in the order they were first kept. */
  keptPlaces(): PlannedPlace[] {
    return [...this.kept].map((key) => this.places.get(key)!);
  }

  /** The finished plan; a parent the plan does not keep is dropped from its districts. */
  finish(): WorldPlan {
    const planned = this.keptPlaces();
    for (const place of planned) {
      if (place.parentKey && !this.kept.has(place.parentKey)) place.parentKey = null;
    }
    return {
      places: planned,
      ties: [...this.ties.values()],
      counts: this.report.counts,
      mergedRows: this.mergedRows,
      unresolved: this.report.unresolved,
      ambiguous: this.report.ambiguous,
      corrections: this.report.corrections,
    };
  }
}
