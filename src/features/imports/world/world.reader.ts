import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { PROJECT_DIR } from '../../../project-dir.ts';
import type { ImportFile } from '../../sources/sources.tables.ts';
import {
  readWorldNames,
  shippedNameFiles,
  type WorldNameFiles,
  type WorldNamesReader,
} from './world.names.ts';

/** The folder of shipped open data, beside `src/`. */
export const SHIPPED_DATA_DIR = path.join(PROJECT_DIR, 'data');

/** Where the world import reads its files; tests point it at a small fixture of the same shape. */
export interface WorldFiles {
  wikidataNodes: string;
  wikidataLinks: string;
  wikipediaRaw: string;
  wikipediaGeocoded: string;
  finnishMunicipalities: string;
  /** Names in other languages and scripts for the places (CLDR, GeoNames); none are added without them. */
  names?: WorldNameFiles;
}

/**
 * The files of the world import in a data folder, and the names in other languages that ship with the app (the
 * CLDR extract in the shipped data/, GeoNames' alternate names in their npm package).
 */
export function shippedWorldFiles(dataDir = SHIPPED_DATA_DIR): WorldFiles {
  return {
    names: shippedNameFiles(SHIPPED_DATA_DIR),
    wikidataNodes: path.join(dataDir, 'twin-towns/wikidata_p190_nodes.tsv'),
    wikidataLinks: path.join(dataDir, 'twin-towns/wikidata_p190_links.tsv'),
    wikipediaRaw: path.join(dataDir, 'twin-towns/wikipedia_twin_cities_raw.csv'),
    wikipediaGeocoded: path.join(dataDir, 'twin-towns/wikipedia_twin_cities_geocoded.csv'),
    finnishMunicipalities: path.join(dataDir, 'finland/municipalities.csv'),
  };
}

/** A row of a source file with its 1-based line number (the header is line 1). */
export interface SourceRow<T> {
  line: number;
  values: T;
}

export interface WikidataNode {
  id: string;
  name: string;
  lng: string;
  lat: string;
  country: string;
  countrycd: string;
  continent: string;
}
export interface WikidataLink {
  source: string;
  target: string;
}
export interface WikipediaPair {
  city1: string;
  country1: string;
  city2: string;
  country2: string;
}
export interface WikipediaGeocodedPair extends WikipediaPair {
  lat1: string;
  lng1: string;
  lat2: string;
  lng2: string;
}
export interface FinnishMunicipality {
  code: string;
  country: string;
  name_fi: string;
  name_sv: string;
}

export interface WorldInput {
  wikidataNodes: SourceRow<WikidataNode>[];
  wikidataLinks: SourceRow<WikidataLink>[];
  wikipediaPairs: SourceRow<WikipediaPair>[];
  wikipediaGeocoded: SourceRow<WikipediaGeocodedPair>[];
  finnishMunicipalities: SourceRow<FinnishMunicipality>[];
  /**
   * Names in other languages and scripts, when the files name their sources: read by the names phase, which knows
   * which of them it can use. Their files join `files` then.
   */
  names?: WorldNamesReader;
  files: ImportFile[];
}

/** The columns a pair of Wikidata extract files has in its header. */
export const WIKIDATA_COLUMNS = {
  nodes: ['id', 'name', 'lng', 'lat', 'country', 'countrycd', 'continent'],
  links: ['source', 'target'],
} as const;

/** A source file that is not of the shape its reader expects: which file, and what is wrong with it. */
export class SourceFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'SourceFileError';
  }
}

interface TableShape {
  /** How errors name the file. */
  name: string;
  /** The columns its header must have; a file without one of them, or without rows, is refused. */
  columns: readonly string[];
}

async function readTable<T>(
  file: string,
  delimiter: string,
  files: ImportFile[],
  shape?: TableShape,
): Promise<SourceRow<T>[]> {
  const buffer = await readFile(file);
  let records: { record: T; info: { lines: number } }[];
  try {
    records = parse(buffer, {
      columns: shape
        ? (header: string[]) => {
            const missing = shape.columns.filter((column) => !header.includes(column));
            if (missing.length > 0) {
              throw new SourceFileError(
                shape.name,
                `its header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
              );
            }
            return header;
          }
        : true,
      delimiter,
      skip_empty_lines: true,
      relax_quotes: delimiter === '\t',
      quote: delimiter === '\t' ? false : '"',
      bom: true,
      info: true,
    }) as { record: T; info: { lines: number } }[];
  } catch (error) {
    if (shape && error instanceof CsvError) throw new SourceFileError(shape.name, error.message);
    throw error;
  }
  if (shape && records.length === 0) throw new SourceFileError(shape.name, 'it has no rows');
  files.push({
    path: path.relative(path.dirname(SHIPPED_DATA_DIR), file),
    sha256: createHash('sha256').update(buffer).digest('hex'),
    rows: records.length,
  });
  return records.map(({ record, info }) => ({ line: info.lines, values: record }));
}

/** Reads every file of the world import, recording each file's checksum and row count. */
export async function readWorldFiles(paths: WorldFiles): Promise<WorldInput> {
  const files: ImportFile[] = [];
  const namePaths = paths.names;
  return {
    wikidataNodes: await readTable<WikidataNode>(paths.wikidataNodes, '\t', files),
    wikidataLinks: await readTable<WikidataLink>(paths.wikidataLinks, '\t', files),
    wikipediaPairs: await readTable<WikipediaPair>(paths.wikipediaRaw, ',', files),
    wikipediaGeocoded: await readTable<WikipediaGeocodedPair>(paths.wikipediaGeocoded, ',', files),
    finnishMunicipalities: await readTable<FinnishMunicipality>(paths.finnishMunicipalities, ',', files),
    names: namePaths
      ? (wanted) => readWorldNames(namePaths, files, path.dirname(SHIPPED_DATA_DIR), wanted)
      : undefined,
    files,
  };
}

/** A pair of Wikidata extract files, in the shape of the shipped ones. */
export interface WikidataFiles {
  nodes: string;
  links: string;
}

/** The Wikidata part of the world's input: the cities, their links, and the two files read. */
export type WikidataInput = Pick<WorldInput, 'wikidataNodes' | 'wikidataLinks' | 'files'>;

/**
 * Reads a pair of Wikidata extract files, recording each file's checksum and row count. A file that is not a
 * table of the expected columns, or has no rows, is refused with a SourceFileError naming it.
 */
export async function readWikidataFiles(paths: WikidataFiles): Promise<WikidataInput> {
  const files: ImportFile[] = [];
  return {
    wikidataNodes: await readTable<WikidataNode>(paths.nodes, '\t', files, {
      name: 'nodes',
      columns: WIKIDATA_COLUMNS.nodes,
    }),
    wikidataLinks: await readTable<WikidataLink>(paths.links, '\t', files, {
      name: 'links',
      columns: WIKIDATA_COLUMNS.links,
    }),
    files,
  };
}
