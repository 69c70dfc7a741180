import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { ImportFile } from '../../sources/sources.tables.ts';

/** The folder of shipped open data, beside `src/`. */
export const SHIPPED_DATA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../data',
);

/** Where the world import reads its files; tests point it at a small fixture of the same shape. */
export interface WorldFiles {
  wikidataNodes: string;
  wikidataLinks: string;
  wikipediaRaw: string;
  wikipediaGeocoded: string;
  finnishMunicipalities: string;
}

export function shippedWorldFiles(dataDir = SHIPPED_DATA_DIR): WorldFiles {
  return {
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
  files: ImportFile[];
}

async function readTable<T>(file: string, delimiter: string, files: ImportFile[]): Promise<SourceRow<T>[]> {
  const buffer = await readFile(file);
  const records = parse(buffer, {
    columns: true,
    delimiter,
    skip_empty_lines: true,
    relax_quotes: delimiter === '\t',
    quote: delimiter === '\t' ? false : '"',
    bom: true,
    info: true,
  }) as { record: T; info: { lines: number } }[];
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
  return {
    wikidataNodes: await readTable<WikidataNode>(paths.wikidataNodes, '\t', files),
    wikidataLinks: await readTable<WikidataLink>(paths.wikidataLinks, '\t', files),
    wikipediaPairs: await readTable<WikipediaPair>(paths.wikipediaRaw, ',', files),
    wikipediaGeocoded: await readTable<WikipediaGeocodedPair>(paths.wikipediaGeocoded, ',', files),
    finnishMunicipalities: await readTable<FinnishMunicipality>(paths.finnishMunicipalities, ',', files),
    files,
  };
}
