/**
 * What the reconciliation tells people about the sources: rows it could not resolve, choices among namesakes that
 * were not clear-cut, and values it corrected, with the row counts per source. It becomes the import's report.
 */
import type { WorldSourceName } from './world.sources.ts';

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

/** The sources whose rows are counted: each row of them reports a tie or a municipality. */
export type CountedSource = 'wikidata' | 'wikipedia' | 'finnishMunicipalities';

export type SourceCountsBySource = Record<CountedSource, SourceCounts>;

/** Collects the report while the phases run. */
export class ReconcileReport {
  readonly counts: SourceCountsBySource;
  readonly unresolved: ReportEntry[] = [];
  readonly ambiguous: AmbiguousEntry[] = [];
  readonly corrections: CorrectionEntry[] = [];

  constructor(rowsRead: Record<CountedSource, number>) {
    this.counts = {
      wikidata: { rowsRead: rowsRead.wikidata, rowsResolved: 0, rowsUnresolved: 0 },
      wikipedia: { rowsRead: rowsRead.wikipedia, rowsResolved: 0, rowsUnresolved: 0 },
      finnishMunicipalities: {
        rowsRead: rowsRead.finnishMunicipalities,
        rowsResolved: 0,
        rowsUnresolved: 0,
      },
    };
  }

  /** A row of `source` resolved into the plan. */
  resolveRow(source: CountedSource): void {
    this.counts[source].rowsResolved += 1;
  }

  /** A row that could not be resolved, and why. */
  failRow(entry: ReportEntry & { source: CountedSource }): void {
    this.unresolved.push(entry);
    this.counts[entry.source].rowsUnresolved += 1;
  }

  /** A choice among several candidates that was not clear-cut. */
  addAmbiguity(entry: AmbiguousEntry): void {
    this.ambiguous.push(entry);
  }

  /** A value of a source that the reconciliation replaced. */
  addCorrection(entry: CorrectionEntry): void {
    this.corrections.push(entry);
  }
}
